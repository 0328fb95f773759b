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
  const written = (reference.zotero ? zoteroFields(reference) : decodedFields(reference, type)).filter((field): field is [string, string] => Boolean(field[1]));
  const width = Math.max(...written.map(([name]) => name.length));
  return [`@${type}{${reference.key},`, written.map(([name, value]) => `  ${name.padEnd(width)} = {${value}}`).join(',\n'), '}'].join('\n');
}

function decodedFields(reference: Reference, type: string): [string, string | undefined][] {
  const venueField = type === 'article' ? 'journal' : type === 'inproceedings' || type === 'incollection' ? 'booktitle' : 'howpublished';
  return [
    ['title', reference.title && `{${escapeText(reference.title)}}`],
    ['author', names(reference.authors)],
    ['editor', names(reference.editors ?? [])],
    ['year', reference.year && escapeText(reference.year)],
    [venueField, reference.venue && escapeText(reference.venue)],
    ['volume', reference.volume && escapeText(reference.volume)],
    ['pages', reference.pages && bibtexPages(reference.pages)],
    ['publisher', reference.publisher && escapeText(reference.publisher)],
    ['doi', reference.doi && verbatimValue(reference.doi)],
    ['url', reference.url && verbatimValue(reference.url)],
    ['eprint', reference.arxiv && verbatimValue(reference.arxiv)],
    ['archiveprefix', reference.arxiv && 'arXiv'],
  ];
}

/** The order of a Zotero item's fields in a written entry; fields not named here follow, by name. */
const ZOTERO_FIELD_ORDER = [
  'title', 'shorttitle', 'author', 'editor', 'journal', 'booktitle', 'eventtitle', 'year', 'date', 'volume', 'number', 'pages',
  'edition', 'series', 'publisher', 'school', 'institution', 'address', 'type', 'isbn', 'issn', 'doi', 'url', 'urldate',
  'eprint', 'archiveprefix', 'language', 'keywords', 'abstract',
];
const VERBATIM_FIELDS = new Set(['doi', 'url', 'urldate', 'date', 'eprint', 'isbn', 'issn']);

/** A Zotero item's fields are under the names Zotero's own BibTeX export gives them: all of them are written, escaped. */
function zoteroFields(reference: Reference): [string, string | undefined][] {
  const order = (name: string) => (ZOTERO_FIELD_ORDER.includes(name) ? ZOTERO_FIELD_ORDER.indexOf(name) : ZOTERO_FIELD_ORDER.length);
  const fieldNames = Object.keys(reference.fields).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return fieldNames.map((name): [string, string | undefined] => {
    const value = reference.fields[name]!;
    if (name === 'author') return [name, names(reference.authors)];
    if (name === 'editor') return [name, names(reference.editors ?? [])];
    if (name === 'title') return [name, `{${escapeText(value)}}`];
    if (name === 'pages') return [name, bibtexPages(value)];
    return [name, VERBATIM_FIELDS.has(name) ? verbatimValue(value) : escapeText(value)];
  });
}

function bibtexPages(pages: string): string {
  return escapeText(pages.replace(/(\d)\s*[-–]\s*(\d)/g, '$1--$2'));
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
