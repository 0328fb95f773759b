import { cslItemToReference, type CslMapping } from '../cslToReference';
import { generatedKey } from '../generatedKeys';
import type { Reference, ZoteroOrigin } from '../reference';
import { extraField, type AssignedKey } from './citationKeys';
import type { ZoteroCreator, ZoteroItem, ZoteroLibrary } from './items';
import { bibtexContainerField, bibtexPublisherField, bibtexType, cslType } from './itemTypes';

export interface ItemContext {
  /** The database path: every reference's source location. */
  path: string;
  library: ZoteroLibrary;
  key: AssignedKey;
  collections: string[][];
  /** The creator type that is this item type's author (`programmer` for software), from Zotero's schema. */
  primaryCreatorType: string | undefined;
}

/**
 * One Zotero item as a Reference. It goes through the CSL mapping every non-BibTeX reader uses, so
 * years, names, DOIs and arXiv ids are read as for any other library; then `type` becomes the BibTeX
 * type and `fields` the fields a BibTeX entry for it would have (plain Unicode, not TeX: a writer
 * escapes them, and takes the names from `authors`/`editors`), and `cslType` keeps the CSL type,
 * so the item can be written into a `.bib` or a CSL-JSON/YAML bibliography.
 */
export function zoteroItemToReference(item: ZoteroItem, context: ItemContext): CslMapping {
  const field = (name: string) => item.fields.get(name)?.trim() || undefined;
  const authors = item.creators.filter((creator) => creator.type === 'author' || creator.type === context.primaryCreatorType);
  const editors = item.creators.filter((creator) => creator.type === 'editor');
  const date = zoteroDate(field('date'));
  const doi = field('DOI') ?? extraField(field('extra'), 'doi');
  const bibtex = bibtexType(item.itemType);
  const container = field('publicationTitle');
  const arxiv = /^arxiv:\s*(\S+)$/i.exec(field('archiveID') ?? '')?.[1];

  const mapped = cslItemToReference(
    {
      id: context.key.key,
      type: cslType(item.itemType),
      title: field('title'),
      author: authors.map(cslName),
      editor: editors.map(cslName),
      issued: date.parts ? { 'date-parts': [date.parts] } : date.text,
      'container-title': container,
      'event-title': field('conferenceName'),
      volume: field('volume'),
      issue: field('issue'),
      page: field('pages'),
      publisher: field('publisher'),
      DOI: doi,
      URL: field('url'),
      abstract: field('abstractNote'),
      keyword: item.tags,
      custom: arxiv ? { arxiv } : undefined,
    },
    {
      source: { path: context.path, line: 1, column: 1 },
      library: 'user',
      fields: bibtexFields(item, { bibtex, container, doi, date, authors, editors, arxiv }),
    },
  );
  if (!mapped.ok) return mapped;
  const reference: Reference = {
    ...mapped.reference,
    type: bibtex,
    cslType: cslType(item.itemType),
    zotero: {
      itemKey: item.key,
      itemType: item.itemType,
      libraryId: item.libraryId,
      libraryName: context.library.name,
      ...(context.library.groupId === undefined ? {} : { groupId: context.library.groupId }),
      collections: context.collections,
      keySource: context.key.source,
    },
  };
  return { ok: true, reference };
}

/** The link that opens Zotero on the item (`zotero://select/library/items/KEY`, or `.../groups/ID/items/KEY`). */
export function zoteroSelectUri(origin: ZoteroOrigin): string {
  const library = origin.groupId === undefined ? 'library' : `groups/${origin.groupId}`;
  return `zotero://select/${library}/items/${origin.itemKey}`;
}

/** The key an item without one gets: `generatedKey` over its first author (else first creator), year and title. */
export function generatedItemKey(item: ZoteroItem, primaryCreatorType: string | undefined): string {
  const first = item.creators.find((creator) => creator.type === 'author' || creator.type === primaryCreatorType) ?? item.creators[0];
  return generatedKey(first?.lastName || first?.firstName, zoteroDate(item.fields.get('date')).year, item.fields.get('title'));
}

interface ZoteroDate {
  year?: string;
  /** Year, month, day as far as known, for CSL `date-parts`. */
  parts?: number[];
  /** `2020-08` or `2020-08-15`, the form biblatex's `date` takes. */
  iso?: string;
  /** The date as the user typed it, when Zotero could not read it (`forthcoming`). */
  text?: string;
}

/**
 * Zotero stores a date as `YYYY-MM-DD <as typed>`, with `00` for unknown parts (`2020-08-00 8/2020`);
 * the year is the first four characters unless they are `0000`.
 */
export function zoteroDate(stored: string | undefined): ZoteroDate {
  if (!stored) return {};
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: |$)/.exec(stored);
  if (!match) return { text: stored, year: /\b(\d{4})\b/.exec(stored)?.[1] };
  const [year, month, day] = [match[1]!, match[2]!, match[3]!];
  if (year === '0000') return { text: stored.slice(11) || undefined };
  const known = [year, month, day].slice(0, month === '00' ? 1 : day === '00' ? 2 : 3);
  return { year, parts: known.map(Number), iso: known.join('-') };
}

interface BibtexContext {
  bibtex: string;
  container: string | undefined;
  doi: string | undefined;
  date: ZoteroDate;
  authors: ZoteroCreator[];
  editors: ZoteroCreator[];
  arxiv: string | undefined;
}

/** Zotero fields under the BibTeX names Zotero's own BibTeX export uses. */
const BIBTEX_FIELD: Record<string, string> = {
  title: 'title',
  volume: 'volume',
  pages: 'pages',
  place: 'address',
  edition: 'edition',
  series: 'series',
  ISBN: 'isbn',
  ISSN: 'issn',
  url: 'url',
  abstractNote: 'abstract',
  shortTitle: 'shorttitle',
  language: 'language',
  type: 'type',
  conferenceName: 'eventtitle',
};

function bibtexFields(item: ZoteroItem, context: BibtexContext): Record<string, string> {
  const fields: Record<string, string> = {};
  const set = (name: string, value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed) fields[name] = trimmed;
  };
  for (const [zotero, bibtex] of Object.entries(BIBTEX_FIELD)) set(bibtex, item.fields.get(zotero));
  set('author', context.authors.map(bibtexName).join(' and '));
  set('editor', context.editors.map(bibtexName).join(' and '));
  set(bibtexContainerField(context.bibtex), context.container);
  set(bibtexPublisherField(context.bibtex), item.fields.get('publisher'));
  set('number', item.fields.get('issue') ?? item.fields.get('number'));
  set('year', context.date.year);
  set('date', context.date.iso);
  set('doi', context.doi);
  set('urldate', zoteroDate(item.fields.get('accessDate')).iso);
  set('keywords', item.tags.join(', '));
  if (context.arxiv) {
    set('eprint', context.arxiv);
    set('archiveprefix', 'arXiv');
  }
  return fields;
}

function cslName(creator: ZoteroCreator): Record<string, string> {
  if (creator.singleField || !creator.firstName) return { literal: creator.lastName };
  return { family: creator.lastName, given: creator.firstName };
}

/** `Family, Given` as BibTeX writes a name; a one-field name stays whole. */
function bibtexName(creator: ZoteroCreator): string {
  return creator.singleField || !creator.firstName ? creator.lastName : `${creator.lastName}, ${creator.firstName}`;
}
