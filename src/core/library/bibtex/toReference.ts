import type { Reference } from '../reference';
import { parseNames } from './names';
import { decodeTex } from './texToUnicode';

/**
 * Builds the format-neutral Reference from an entry's raw fields. Shared by the reader and by crossref
 * resolution, which rebuilds an entry after it inherits fields.
 *
 * Every property is present, absent ones as `undefined` (which ReferenceSchema accepts): one object shape
 * for all references keeps property access monomorphic for consumers, and building the object in one
 * literal avoids growing its property store field by field, a large share of the reader's garbage.
 */
export function toReference(
  type: string,
  key: string,
  fields: Record<string, string>,
  source: Reference['source'],
  library: Reference['library'],
): Reference {
  const doi = fields.doi === undefined ? undefined : normaliseDoi(fields.doi);
  const venue = fields.journal ?? fields.journaltitle ?? fields.booktitle;
  const year = fields.year ?? yearOfDate(fields.date);
  return {
    key,
    type,
    title: decoded(fields.title),
    authors: fields.author === undefined ? [] : parseNames(fields.author),
    editors: fields.editor === undefined ? undefined : parseNames(fields.editor),
    year: decoded(year),
    venue: decoded(venue),
    volume: decoded(fields.volume),
    pages: decoded(fields.pages),
    publisher: decoded(fields.publisher),
    doi,
    url: fields.url?.trim(),
    arxiv: arxivId(fields, doi),
    abstract: decoded(fields.abstract),
    keywords: fields.keywords === undefined ? [] : splitKeywords(fields.keywords),
    note: decoded(fields.note),
    publishedVersion: decoded(fields.publishedversion),
    fields,
    source,
    library,
  };
}

function decoded(value: string | undefined): string | undefined {
  return value === undefined ? undefined : decodeTex(value);
}

function splitKeywords(value: string): string[] {
  const keywords: string[] = [];
  for (const part of value.split(/[,;]/)) {
    const keyword = decodeTex(part.trim());
    if (keyword !== '') keywords.push(keyword);
  }
  return keywords;
}

/** BibLaTeX `date` is ISO 8601 (`2020-05-01`, `2020/2021`, `2020-05~`); its year is the first four digits. */
function yearOfDate(date: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  const match = /\d{4}/.exec(date);
  return match === null ? undefined : match[0];
}

const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i;

function normaliseDoi(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed.startsWith('10.') && trimmed.indexOf('\\') < 0 && trimmed.indexOf('{') < 0) return trimmed;
  // DOIs are written with TeX escapes for `_` and `%` often enough to matter.
  const doi = trimmed.replace(DOI_PREFIX, '').replace(/\\([_%&#])/g, '$1').replace(/[{}]/g, '');
  return doi === '' ? undefined : doi;
}

const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
const ARXIV_URL = /arxiv\.org\/(?:abs|pdf)\/([^\s?#]+?)(?:\.pdf)?(?:[?#]|$)/i;

/** The arXiv identifier without version: from eprint, else an arXiv DOI, else an arxiv.org URL. */
function arxivId(fields: Record<string, string>, doi: string | undefined): string | undefined {
  const archive = fields.eprinttype ?? fields.archiveprefix;
  if (fields.eprint !== undefined && archive !== undefined && archive.trim().toLowerCase() === 'arxiv') {
    return withoutVersion(fields.eprint.trim().replace(/^arxiv:/i, ''));
  }
  const fromDoi = doi === undefined ? null : ARXIV_DOI.exec(doi);
  if (fromDoi !== null) return withoutVersion(fromDoi[1]!);
  // The cheap substring test skips the regular expression for the many URLs that are not arXiv's.
  const url = fields.url;
  const fromUrl = url === undefined || (!url.includes('rxiv') && !url.includes('RXIV')) ? null : ARXIV_URL.exec(url.trim());
  if (fromUrl !== null) return withoutVersion(fromUrl[1]!);
  return undefined;
}

function withoutVersion(id: string): string {
  return id.replace(/v\d+$/, '');
}
