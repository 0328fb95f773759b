import type { Reference } from '../library/reference';

/** CSL item types for BibTeX entry types (as biblatex-csl-converter and citation-js map them). */
const CSL_TYPE_BY_BIBTEX_TYPE: Record<string, string> = {
  article: 'article-journal',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  proceedings: 'book',
  book: 'book',
  incollection: 'chapter',
  inbook: 'chapter',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  techreport: 'report',
  report: 'report',
  online: 'webpage',
  misc: 'article',
  unpublished: 'manuscript',
  manual: 'book',
  software: 'software',
  dataset: 'dataset',
};

export type CslItem = Record<string, unknown> & { id: string; type: string };

/** The CSL-JSON item a reference stands for, built from its decoded fields (never from raw TeX). */
export function toCslItem(reference: Reference): CslItem {
  const type = reference.cslType ?? CSL_TYPE_BY_BIBTEX_TYPE[reference.type] ?? reference.type;
  const item: CslItem = { id: reference.key, type };
  if (reference.title) item.title = reference.title;
  if (reference.authors.length > 0) item.author = reference.authors.map(toCslName);
  if (reference.editors?.length) item.editor = reference.editors.map(toCslName);
  const year = reference.year?.match(/\d{4}/)?.[0];
  if (year) item.issued = { 'date-parts': [[Number(year)]] };
  if (reference.venue) item['container-title'] = reference.venue;
  if (reference.volume) item.volume = reference.volume;
  if (reference.pages) item.page = reference.pages.replace(/--+/g, '-');
  if (reference.publisher) item.publisher = reference.publisher;
  if (reference.doi) item.DOI = reference.doi;
  if (reference.url) item.URL = reference.url;
  if (reference.arxiv && !reference.venue) {
    item.publisher ??= 'arXiv';
    item.number = `arXiv:${reference.arxiv}`;
  }
  return item;
}

function toCslName(person: Reference['authors'][number]): Record<string, string> {
  if (person.literal) return { literal: person.literal };
  return person.given ? { family: person.family, given: person.given } : { family: person.family };
}
