// A reference as the BibTeX text of a new entry in a user's library: copied as written when it was
// read from BibTeX, written from its decoded fields when it was read from CSL, RIS or Zotero.
import { entrySourceText } from './bibtex/entrySource';
import { libraryFormatOf } from './formats';
import type { Reference } from './reference';

/**
 * The BibTeX text of `reference`. `sourceText` is the text of the file it was read from, when that
 * file is BibTeX: the entry is then copied verbatim, except that a bundled CALM entry's `note` (the
 * library's own one-sentence summary, which styles such as plainnat would print in the user's
 * reference list) becomes `annote`, which styles do not print.
 */
export function bibtexEntryText(reference: Reference, sourceText: string | undefined): string {
  const verbatim = sourceText !== undefined && libraryFormatOf(reference.source.path) === 'bibtex' ? entrySourceText(sourceText, reference) : undefined;
  if (verbatim === undefined) return writtenBibtexEntry(reference);
  return reference.library === 'bundled' ? verbatim.replace(/^([ \t]*)note([ \t]*)=/m, (_, indent: string, gap: string) => `${indent}annote${gap.length > 2 ? gap.slice(2) : ' '}=`) : verbatim;
}

/** BibTeX entry types for CSL item types (the inverse of the preview's mapping, where one exists). */
const BIBTEX_TYPE_BY_CSL_TYPE: Record<string, string> = {
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  'paper-conference': 'inproceedings',
  chapter: 'incollection',
  book: 'book',
  thesis: 'phdthesis',
  report: 'techreport',
  manuscript: 'unpublished',
};

const BIBTEX_TYPES = new Set(['article', 'book', 'booklet', 'inbook', 'incollection', 'inproceedings', 'manual', 'mastersthesis', 'misc', 'phdthesis', 'proceedings', 'techreport', 'unpublished', 'online']);

/** An entry written from the reference's decoded fields, for references read from CSL, RIS or Zotero. */
function writtenBibtexEntry(reference: Reference): string {
  const type = BIBTEX_TYPES.has(reference.type) ? reference.type : (BIBTEX_TYPE_BY_CSL_TYPE[reference.type] ?? 'misc');
  const venueField = type === 'article' ? 'journal' : type === 'inproceedings' || type === 'incollection' ? 'booktitle' : 'howpublished';
  const fields: [string, string | undefined][] = [
    ['title', reference.title && `{${escapeText(reference.title)}}`],
    ['author', names(reference.authors)],
    ['editor', names(reference.editors ?? [])],
    ['year', reference.year && escapeText(reference.year)],
    [venueField, reference.venue && escapeText(reference.venue)],
    ['volume', reference.volume && escapeText(reference.volume)],
    ['pages', reference.pages && escapeText(reference.pages.replace(/(\d)\s*[-–]\s*(\d)/g, '$1--$2'))],
    ['publisher', reference.publisher && escapeText(reference.publisher)],
    ['doi', reference.doi && verbatimValue(reference.doi)],
    ['url', reference.url && verbatimValue(reference.url)],
    ['eprint', reference.arxiv && verbatimValue(reference.arxiv)],
    ['archiveprefix', reference.arxiv && 'arXiv'],
  ];
  const written = fields.filter((field): field is [string, string] => Boolean(field[1]));
  const width = Math.max(...written.map(([name]) => name.length));
  return [`@${type}{${reference.key},`, written.map(([name, value]) => `  ${name.padEnd(width)} = {${value}}`).join(',\n'), '}'].join('\n');
}

function names(people: Reference['authors']): string | undefined {
  if (people.length === 0) return undefined;
  // An unsplit name (an organisation) is braced so BibTeX does not split it into given and family names.
  return people.map((person) => (person.literal ? `{${escapeText(person.literal)}}` : [person.family, person.given].filter(Boolean).map((part) => escapeText(part!)).join(', '))).join(' and ');
}

/** Decoded text as a BibTeX value: LaTeX specials escaped, stray braces dropped (they would unbalance the entry). */
function escapeText(text: string): string {
  return text.replace(/[{}\\]/g, '').replace(/([&%$#_])/g, '\\$1');
}

/** DOIs, URLs and identifiers are printed verbatim by styles; only braces could break the entry. */
function verbatimValue(text: string): string {
  return text.replace(/[{}]/g, '');
}
