import * as path from 'node:path';
import { isMap, isSeq, parseAllDocuments, stringify, type Document, type Node, type YAMLSeq } from 'yaml';
import type { CitationLanguage } from '../citations';
import { bibtexEntryText } from '../library/entryText';
import { libraryFormatOf, type LibraryFormat } from '../library/formats';
import type { Library } from '../library/library';
import type { Reference } from '../library/reference';
import { toCslItem } from '../preview/cslItem';

/**
 * Citing a key whose entry only a library outside the document's own bibliography has (the bundled
 * CALM library) also adds the entry to that bibliography, so BibTeX, biblatex and Pandoc find it.
 * Everything here is computed from texts: reading and editing files is the caller's.
 */

/** True when the key is defined, but only by libraries BibTeX and Pandoc will not read (the bundled CALM library). */
export function needsBibliographyEntry(library: Library, key: string): boolean {
  const definitions = library.lookupAll(key);
  return definitions.length > 0 && definitions.every((reference) => reference.library === 'bundled');
}

export type WritableFormat = Exclude<LibraryFormat, 'ris'>;

export type BibliographyTarget = { ok: true; path: string; format: WritableFormat } | { ok: false; message: string };

/**
 * The file a new entry goes to: the first `.bib` a LaTeX document names (`\bibliography`,
 * `\addbibresource`), the first BibTeX, CSL-JSON or CSL-YAML file of a Markdown document's
 * `bibliography:`. Otherwise what the user should add, since a citation nobody's bibliography
 * defines fails at the next build.
 */
export function bibliographyTarget(ownLibraryFiles: readonly string[], language: CitationLanguage, key: string): BibliographyTarget {
  for (const file of ownLibraryFiles) {
    const format = libraryFormatOf(file);
    if (language === 'latex' ? format === 'bibtex' && /\.bib$/i.test(file) : format !== undefined && format !== 'ris') {
      return { ok: true, path: file, format: format as WritableFormat };
    }
  }
  const cited = `'${key}' is cited, but its entry is only in the CALM 2024 library shipped with CALM Cite, which BibTeX and Pandoc do not read.`;
  if (language === 'latex') {
    return { ok: false, message: `${cited} Add \\bibliography{references} (BibTeX, natbib) or \\addbibresource{references.bib} (biblatex) to the paper; CALM Cite then adds the entries of the keys you cite to references.bib.` };
  }
  const ris = ownLibraryFiles.length > 0 ? ` CALM Cite does not add entries to RIS files (${ownLibraryFiles.map((file) => path.basename(file)).join(', ')}).` : '';
  return { ok: false, message: `${cited}${ris} Add \`bibliography: references.bib\` (or a CSL-JSON .json or CSL-YAML .yaml file) to the YAML front matter; CALM Cite then adds the entries of the keys you cite to it.` };
}

/** Replace `start`..`end` of the bibliography file's text (often an empty range) with `text`. */
export interface EntryEdit {
  start: number;
  end: number;
  text: string;
}

export type EntryAddition = { ok: true; edit: EntryEdit } | { ok: false; message: string };

/**
 * Where and what to write to add `reference` to the bibliography file `target`, in that file's own
 * format: a BibTeX entry appended at the end; a CSL item appended to a CSL-JSON array or to a CSL-YAML
 * list (top level or `references:`), indented like the items already there. `target.text` undefined:
 * the file does not exist yet, and the edit is its whole content. `sourceText` is the text of the
 * file the reference was read from, so a BibTeX entry is copied as written.
 */
export function entryAddition(target: { path: string; format: WritableFormat; text: string | undefined }, reference: Reference, sourceText?: string): EntryAddition {
  const text = target.text ?? '';
  switch (target.format) {
    case 'bibtex': {
      const entry = bibtexEntryText(reference, sourceText);
      const separator = text.trim().length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
      return { ok: true, edit: { start: text.length, end: text.length, text: `${separator}${entry}\n` } };
    }
    case 'csl-json':
      return cslJsonAddition(text, toCslItem(reference), target.path);
    case 'csl-yaml':
      return cslYamlAddition(text, toCslItem(reference), target.path);
  }
}

function cslJsonAddition(text: string, item: object, filePath: string): EntryAddition {
  const close = lastNonSpace(text, text.length - 1);
  if (close < 0) return { ok: true, edit: { start: 0, end: text.length, text: `[\n${indented(JSON.stringify(item, null, 2), '  ')}\n]\n` } };
  if (text[close] !== ']') {
    return { ok: false, message: `${path.basename(filePath)} is not a list of CSL-JSON items ending with ']': add the entry by hand.` };
  }
  const last = lastNonSpace(text, close - 1);
  if (text[last] === '[') return { ok: true, edit: { start: last + 1, end: close, text: `\n${indented(JSON.stringify(item, null, 2), '  ')}\n` } };
  if (!text.includes('\n')) return { ok: true, edit: { start: last + 1, end: last + 1, text: `,${JSON.stringify(item)}` } };
  // Indent like the first item: the whitespace before it on its line.
  const open = text.indexOf('[');
  const first = open + 1 + text.slice(open + 1).search(/\S/);
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', first - 1) + 1, first))![0];
  const unit = indent.length > 0 ? indent : '  ';
  return { ok: true, edit: { start: last + 1, end: last + 1, text: `,\n${indented(JSON.stringify(item, null, unit), indent)}` } };
}

function cslYamlAddition(text: string, item: object, filePath: string): EntryAddition {
  const itemYaml = stringify([item], { lineWidth: 0 });
  if (text.trim().length === 0) return { ok: true, edit: { start: 0, end: text.length, text: `references:\n${itemYaml}` } };
  const list = yamlItemList(text);
  if (!list || list.flow || list.items.length === 0 || !list.range) {
    return { ok: false, message: `${path.basename(filePath)} has no block list of CSL items (at top level or under references:) to add to: add the entry by hand.` };
  }
  const firstItem = (list.items[0] as Node).range![0];
  const dash = text.lastIndexOf('-', firstItem);
  const indent = text.slice(text.lastIndexOf('\n', dash - 1) + 1, dash);
  // After the list's last line: the list's value ends on it (trailing comments and `...` stay after the new item).
  let at = list.range[1];
  if (at > 0 && text[at - 1] !== '\n') {
    const lineEnd = text.indexOf('\n', at);
    at = lineEnd < 0 ? text.length : lineEnd + 1;
  }
  const newline = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { ok: true, edit: { start: at, end: at, text: `${newline}${indented(itemYaml.trimEnd(), /^\s*$/.test(indent) ? indent : '')}\n` } };
}

/** The list of CSL items of the first YAML document that has one. */
function yamlItemList(text: string): YAMLSeq | undefined {
  const documents = parseAllDocuments(text) as Document.Parsed[];
  if (!Array.isArray(documents)) return undefined;
  for (const document of documents) {
    if (document.errors.length > 0) continue;
    const contents = document.contents;
    if (isSeq(contents)) return contents;
    if (isMap(contents)) {
      const references = contents.get('references', true);
      if (isSeq(references)) return references;
    }
  }
  return undefined;
}

function lastNonSpace(text: string, from: number): number {
  let index = from;
  while (index >= 0 && /\s/.test(text[index]!)) index--;
  return index;
}

function indented(block: string, indent: string): string {
  return block
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}
