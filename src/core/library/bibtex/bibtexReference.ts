import type { Person, Reference, SourceLocation, SourceSpan } from '../reference';
import type { EntryPlace } from './scanner';
import { parseNames } from './names';
import { decodeTex } from './texToUnicode';

/**
 * A BibTeX entry as the format-neutral Reference. Only what every consumer needs of every entry is
 * stored: key, type, raw fields, source, library. The display fields are computed from `fields` on
 * first access and cached, because decoding TeX and splitting names for a 90k-entry file up front was
 * a third of the reading time and most of its garbage, while the editor shows a handful of entries
 * (the search index, built on the first search, reads a few fields of each).
 *
 * The cache is a private (`#`) field, so a structured clone (the worker posting results) carries only
 * the raw data, which `revived` turns back into a BibtexReference on the receiving side. Nothing may
 * spread a BibtexReference (`{...reference}`): the spread would lose the display fields.
 */
export class BibtexReference implements Reference {
  /** Allocated on the first display field read: one slot per entry until then, not one per display field. */
  #display: DisplayFields | undefined;
  /*
   * Where the entry is (`source`) and where it and its key are written (`entrySpan`, `keySpan`), as plain
   * numbers (-1: not known): the objects are made when asked for, so a 90,000-entry file does not hold
   * 270,000 of them, and the peak memory of reading one stays within 4x its size.
   */
  private readonly sourcePath: string;
  private readonly sourceLine: number;
  private readonly sourceColumn: number;
  private readonly entryStart: number;
  private readonly entryEnd: number;
  private readonly keyStart: number;
  /** Where the key is when it is not on the entry's first line (rare): only then are these set. */
  private declare readonly keyLine?: number;
  private declare readonly keyColumn?: number;

  constructor(
    readonly type: string,
    readonly key: string,
    /** Raw values as read: lower-case names, macros resolved, `#` joined. Never changed: crossref inheritance makes a new reference. */
    readonly fields: Record<string, string>,
    source: SourceLocation,
    readonly library: Reference['library'],
    place?: Pick<EntryPlace, 'start' | 'end' | 'keyStart' | 'keyLine' | 'keyColumn'>,
  ) {
    this.sourcePath = source.path;
    this.sourceLine = source.line;
    this.sourceColumn = source.column;
    this.entryStart = place?.start ?? -1;
    this.entryEnd = place?.end ?? -1;
    this.keyStart = place?.keyStart ?? -1;
    if (place && place.keyLine !== source.line) {
      this.keyLine = place.keyLine;
      this.keyColumn = place.keyColumn;
    }
  }

  /** A BibtexReference again from its structured clone, which kept only the own (raw) properties. */
  static revived(clone: Pick<Reference, 'type' | 'key' | 'fields' | 'library'>): BibtexReference {
    return copied(clone as unknown as BibtexReference, clone.fields);
  }

  /** The same entry with other raw fields (crossref inheritance's view): its source and spans kept. */
  withFields(fields: Record<string, string>): BibtexReference {
    return copied(this, fields);
  }

  get source(): SourceLocation {
    return { path: this.sourcePath, line: this.sourceLine, column: this.sourceColumn };
  }

  get entrySpan(): SourceSpan | undefined {
    if (this.entryStart < 0 || this.entryEnd < 0) return undefined;
    return { start: this.entryStart, end: this.entryEnd, line: this.sourceLine, column: this.sourceColumn };
  }

  get keySpan(): SourceSpan | undefined {
    if (this.keyStart < 0) return undefined;
    const line = this.keyLine ?? this.sourceLine;
    const column = this.keyColumn ?? this.sourceColumn + this.keyStart - this.entryStart;
    return { start: this.keyStart, end: this.keyStart + this.key.length, line, column };
  }

  private get display(): DisplayFields {
    return (this.#display ??= new DisplayFields(this.fields));
  }

  /** The display fields without keeping them, for a pass that reads a few fields of every entry once (the search index). */
  displayFieldsOnce(): Pick<Reference, 'title' | 'authors' | 'year' | 'venue' | 'keywords'> {
    return this.#display ?? new DisplayFields(this.fields);
  }

  get title(): string | undefined {
    return this.display.title;
  }

  get authors(): Person[] {
    return this.display.authors;
  }

  get editors(): Person[] | undefined {
    return this.display.editors;
  }

  get year(): string | undefined {
    return this.display.year;
  }

  get venue(): string | undefined {
    return this.display.venue;
  }

  get volume(): string | undefined {
    return this.display.volume;
  }

  get pages(): string | undefined {
    return this.display.pages;
  }

  get publisher(): string | undefined {
    return this.display.publisher;
  }

  /*
   * Identifiers are not cached: the duplicate and citation checks read them for every entry, and computing
   * them (no TeX decoding, usually no copy) costs less than allocating the display cache for each entry.
   */

  get doi(): string | undefined {
    return this.fields.doi === undefined ? undefined : normaliseDoi(this.fields.doi);
  }

  get url(): string | undefined {
    return this.fields.url?.trim();
  }

  get arxiv(): string | undefined {
    return arxivId(this.fields, this.doi);
  }

  get abstract(): string | undefined {
    return this.display.abstract;
  }

  get keywords(): string[] {
    return this.display.keywords;
  }

  get note(): string | undefined {
    return this.display.note;
  }

  get publishedVersion(): string | undefined {
    return this.display.publishedVersion;
  }
}

/**
 * A new reference from the own properties of `from` (a BibtexReference, or its structured clone, which has
 * those properties and no methods) with `fields` as its raw fields.
 */
function copied(from: BibtexReference, fields: Record<string, string>): BibtexReference {
  const own = from as unknown as Record<'sourcePath', string> & Record<'sourceLine' | 'sourceColumn' | 'entryStart' | 'entryEnd' | 'keyStart', number> & Partial<Record<'keyLine' | 'keyColumn', number>>;
  const source = { path: own.sourcePath, line: own.sourceLine, column: own.sourceColumn };
  return new BibtexReference(from.type, from.key, fields, source, from.library, {
    start: own.entryStart,
    end: own.entryEnd < 0 ? undefined : own.entryEnd,
    keyStart: own.keyStart,
    keyLine: own.keyLine ?? own.sourceLine,
    keyColumn: own.keyColumn ?? own.sourceColumn + own.keyStart - own.entryStart,
  });
}

/** The marker of a field not computed yet (`undefined` is a computed value: the field is absent). */
const NOT_READ: unique symbol = Symbol('not read');
type Lazy<T> = T | typeof NOT_READ;

/** Each display field computed from the raw fields when first read: reading a title decodes no names. */
class DisplayFields {
  #title: Lazy<string | undefined> = NOT_READ;
  #authors: Lazy<Person[]> = NOT_READ;
  #editors: Lazy<Person[] | undefined> = NOT_READ;
  #year: Lazy<string | undefined> = NOT_READ;
  #venue: Lazy<string | undefined> = NOT_READ;
  #volume: Lazy<string | undefined> = NOT_READ;
  #pages: Lazy<string | undefined> = NOT_READ;
  #publisher: Lazy<string | undefined> = NOT_READ;
  #abstract: Lazy<string | undefined> = NOT_READ;
  #keywords: Lazy<string[]> = NOT_READ;
  #note: Lazy<string | undefined> = NOT_READ;
  #publishedVersion: Lazy<string | undefined> = NOT_READ;

  constructor(private readonly fields: Readonly<Record<string, string>>) {}

  get title(): string | undefined {
    if (this.#title === NOT_READ) this.#title = decoded(this.fields.title);
    return this.#title;
  }

  get authors(): Person[] {
    if (this.#authors === NOT_READ) this.#authors = this.fields.author === undefined ? [] : parseNames(this.fields.author);
    return this.#authors;
  }

  get editors(): Person[] | undefined {
    if (this.#editors === NOT_READ) this.#editors = this.fields.editor === undefined ? undefined : parseNames(this.fields.editor);
    return this.#editors;
  }

  get year(): string | undefined {
    if (this.#year === NOT_READ) this.#year = decoded(this.fields.year ?? yearOfDate(this.fields.date));
    return this.#year;
  }

  get venue(): string | undefined {
    if (this.#venue === NOT_READ) this.#venue = decoded(this.fields.journal ?? this.fields.journaltitle ?? this.fields.booktitle);
    return this.#venue;
  }

  get volume(): string | undefined {
    if (this.#volume === NOT_READ) this.#volume = decoded(this.fields.volume);
    return this.#volume;
  }

  get pages(): string | undefined {
    if (this.#pages === NOT_READ) this.#pages = decoded(this.fields.pages);
    return this.#pages;
  }

  get publisher(): string | undefined {
    if (this.#publisher === NOT_READ) this.#publisher = decoded(this.fields.publisher);
    return this.#publisher;
  }

  get abstract(): string | undefined {
    if (this.#abstract === NOT_READ) this.#abstract = decoded(this.fields.abstract);
    return this.#abstract;
  }

  get keywords(): string[] {
    if (this.#keywords === NOT_READ) this.#keywords = this.fields.keywords === undefined ? [] : splitKeywords(this.fields.keywords);
    return this.#keywords;
  }

  get note(): string | undefined {
    if (this.#note === NOT_READ) this.#note = decoded(this.fields.note);
    return this.#note;
  }

  get publishedVersion(): string | undefined {
    if (this.#publishedVersion === NOT_READ) this.#publishedVersion = decoded(this.fields.publishedversion);
    return this.#publishedVersion;
  }
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

const ARXIV_DOI_PREFIX = '10.48550/';
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
const ARXIV_URL = /arxiv\.org\/(?:abs|pdf)\/([^\s?#]+?)(?:\.pdf)?(?:[?#]|$)/i;

/** The arXiv identifier without version: from eprint, else an arXiv DOI, else an arxiv.org URL. */
function arxivId(fields: Record<string, string>, doi: string | undefined): string | undefined {
  const archive = fields.eprinttype ?? fields.archiveprefix;
  if (fields.eprint !== undefined && archive !== undefined && archive.trim().toLowerCase() === 'arxiv') {
    return withoutVersion(fields.eprint.trim().replace(/^arxiv:/i, ''));
  }
  // The prefix test skips the regular expression for the many DOIs that are not arXiv's.
  const fromDoi = doi === undefined || !doi.startsWith(ARXIV_DOI_PREFIX) ? null : ARXIV_DOI.exec(doi);
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
