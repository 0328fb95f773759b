import type { Person, Reference, SourceLocation, SourceSpan } from './reference';

/**
 * Maps one CSL item (as parsed from CSL-JSON or CSL-YAML, or built by the RIS reader) to a
 * Reference. Shared so that every non-BibTeX format agrees on types, names, years and identifiers.
 */

export type LibraryKind = Reference['library'];

export type CslMapping = { ok: true; reference: Reference } | { ok: false; message: string };

export interface CslMapOptions {
  source: SourceLocation;
  /** Where the item and its key are written, when the reader knows (see `SourceSpan`). */
  entrySpan?: SourceSpan;
  keySpan?: SourceSpan;
  library: LibraryKind;
  /** Raw fields as the source format names them; defaults to the item's own scalar properties. */
  fields?: Record<string, string>;
}

export function cslItemToReference(item: unknown, options: CslMapOptions): CslMapping {
  // Readers promise never to throw; a pathological item (dates nested thousands deep) must not break that.
  try {
    return mapItem(item, options);
  } catch (error) {
    return { ok: false, message: `Entry could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function mapItem(item: unknown, options: CslMapOptions): CslMapping {
  if (!isRecord(item)) return { ok: false, message: 'Entry is not an object.' };
  const key = optionalText(item['id']);
  if (!key) return { ok: false, message: 'Entry has no id.' };

  const custom = isRecord(item['custom']) ? item['custom'] : {};
  const doi = optionalText(item['DOI']);
  const url = optionalText(item['URL']);
  const number = optionalText(item['number']);
  const venue = optionalText(item['container-title']);
  const note = optionalText(item['note']);
  const normalisedDoi = doi === undefined ? undefined : normaliseDoi(doi);
  const editors = people(item['editor']);

  const reference: Reference = {
    key,
    type: optionalText(item['type'])?.toLowerCase() ?? 'document',
    title: optionalText(item['title']),
    authors: people(item['author']),
    editors: editors.length > 0 ? editors : undefined,
    year: issuedYear(item['issued']),
    venue,
    volume: optionalText(item['volume']),
    pages: optionalText(item['page']),
    publisher: optionalText(item['publisher']),
    doi: normalisedDoi,
    url,
    arxiv: findArxivId({
      explicit: optionalText(custom['arxiv']),
      texts: [number, venue, note],
      doi: normalisedDoi,
      url,
    }),
    abstract: optionalText(item['abstract']),
    keywords: keywordList(item['keyword']),
    note,
    publishedVersion: optionalText(custom['published_version']),
    fields: options.fields ?? scalarFields(item),
    source: options.source,
    entrySpan: options.entrySpan,
    keySpan: options.keySpan,
    library: options.library,
  };
  return { ok: true, reference: withoutUndefined(reference) };
}

const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i;

/** `https://doi.org/10.1/x` and `doi:10.1/x` both become `10.1/x`, the form the checks compare. */
function normaliseDoi(raw: string): string {
  return raw.trim().replace(DOI_PREFIX, '');
}

// New-style (2305.00050) and old-style (cs.AI/0701001) arXiv identifiers. The version suffix is
// dropped: it names a revision of the same paper, and checks compare papers.
const ARXIV_ID = '(\\d{4}\\.\\d{4,5}|[a-z-]+(?:\\.[A-Z]{2})?\\/\\d{7})(?:v\\d+)?';
const ARXIV_IN_TEXT = new RegExp(`arXiv:\\s*${ARXIV_ID}`, 'i');
const ARXIV_IN_DOI = new RegExp(`^10\\.48550\\/arXiv\\.${ARXIV_ID}$`, 'i');
const ARXIV_IN_URL = new RegExp(`arxiv\\.org\\/(?:abs|pdf)\\/${ARXIV_ID}`, 'i');
const BARE_ARXIV = new RegExp(`^${ARXIV_ID}$`);

interface ArxivEvidence {
  /** An identifier stated outright (CSL `custom.arxiv`), with or without `arXiv:`. */
  explicit: string | undefined;
  /** Free text that may mention `arXiv:ID` (CSL `number`, a journal name, a note). */
  texts: readonly (string | undefined)[];
  doi: string | undefined;
  url: string | undefined;
}

/** The arXiv identifier of a reference, from the most to the least direct evidence. */
function findArxivId(evidence: ArxivEvidence): string | undefined {
  const explicit = evidence.explicit?.trim();
  if (explicit) return BARE_ARXIV.exec(explicit)?.[1] ?? ARXIV_IN_TEXT.exec(explicit)?.[1] ?? explicit;
  for (const text of evidence.texts) {
    const match = text === undefined ? null : ARXIV_IN_TEXT.exec(text);
    if (match) return match[1];
  }
  const fromDoi = evidence.doi === undefined ? null : ARXIV_IN_DOI.exec(evidence.doi);
  if (fromDoi) return fromDoi[1];
  const fromUrl = evidence.url === undefined ? null : ARXIV_IN_URL.exec(evidence.url);
  return fromUrl?.[1];
}

function people(value: unknown): Person[] {
  if (!Array.isArray(value)) return [];
  const result: Person[] = [];
  for (const name of value) {
    const person = personFrom(name);
    if (person) result.push(person);
  }
  return result;
}

function personFrom(name: unknown): Person | undefined {
  if (typeof name === 'string') return name.trim() ? { family: name.trim(), literal: name.trim() } : undefined;
  if (!isRecord(name)) return undefined;
  const literal = optionalText(name['literal']);
  const family = optionalText(name['family']);
  if (!family) return literal ? { family: literal, literal } : undefined;
  // "van" in "van Gogh" sorts and is searched as part of the family name in CSL's own model.
  const particle = optionalText(name['non-dropping-particle']);
  const given = [optionalText(name['given']), optionalText(name['dropping-particle'])].filter(Boolean).join(' ');
  return withoutUndefined({
    family: particle ? `${particle} ${family}` : family,
    given: given || undefined,
    literal,
  });
}

const YEAR = /\b(\d{4})\b/;

/** CSL-JSON uses `date-parts`; Pandoc's CSL-YAML also allows `2020`, `2020-05-01` or `[{year: 2020}]`. */
function issuedYear(issued: unknown): string | undefined {
  if (typeof issued === 'number') return String(issued);
  if (typeof issued === 'string') return YEAR.exec(issued)?.[1];
  if (Array.isArray(issued)) return issuedYear(issued[0]);
  if (!isRecord(issued)) return undefined;
  const parts = issued['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0][0] !== undefined) {
    return scalarText(parts[0][0]);
  }
  for (const field of ['year', 'raw', 'literal']) {
    const year = issuedYear(issued[field]);
    if (year) return year;
  }
  return undefined;
}

/** CSL's `keyword` is one string separated by commas or semicolons; YAML authors often write a list. */
function keywordList(value: unknown): string[] {
  const pieces = Array.isArray(value) ? value.map(scalarText) : (scalarText(value) ?? '').split(/[,;]/);
  return pieces.map((piece) => piece?.trim() ?? '').filter((piece) => piece.length > 0);
}

function scalarFields(item: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(item)) {
    const text = scalarText(value);
    if (text !== undefined) fields[name.toLowerCase()] = text;
  }
  return fields;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function optionalText(value: unknown): string | undefined {
  const text = scalarText(value)?.trim();
  return text ? text : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Optional properties are left out rather than set to undefined, so results compare and print cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (field !== undefined) result[name] = field;
  }
  return result as T;
}
