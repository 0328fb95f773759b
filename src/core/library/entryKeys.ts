import { LineIndex } from '../text/lineIndex';
import { readLibraryText, type LibraryFormat } from './formats';
import type { Reference } from './reference';

/** Where an entry's key is written in its library file. Offsets are UTF-16 indices; `end` is exclusive. */
export interface EntryKeyRange {
  reference: Reference;
  start: number;
  end: number;
}

/**
 * What comes just before an entry's key, searched from the entry's source location: readers point
 * at the `@` of a BibTeX entry, the `{` of a CSL-JSON item, the first field of a CSL-YAML item and
 * the `TY` line of a RIS record, so the key itself has to be found after it.
 */
const KEY_PREFIX: Record<LibraryFormat, RegExp> = {
  bibtex: /@\s*[A-Za-z]+\s*[{(]\s*/y,
  'csl-json': /"id"\s*:\s*"?/g,
  'csl-yaml': /(?<![\w-])id\s*:\s*['"]?/g,
  ris: /^ID {2}- */gm,
};

/** How far past the entry start a key may be written: CSL items and RIS records list it among their fields. */
const SEARCH_WINDOW = 4_000;

/** The key ranges of `references` read from `text`; an entry whose key cannot be found (a generated RIS key) is left out. */
export function entryKeyRanges(text: string, references: readonly Reference[], format: LibraryFormat): EntryKeyRange[] {
  const lines = new LineIndex(text);
  const ranges: EntryKeyRange[] = [];
  for (const reference of references) {
    const start = keyStart(text, lines.offset(reference.source), reference.key, KEY_PREFIX[format]);
    if (start !== undefined) ranges.push({ reference, start, end: start + reference.key.length });
  }
  return ranges;
}

function keyStart(text: string, entryStart: number, key: string, prefix: RegExp): number | undefined {
  const pattern = new RegExp(prefix.source, prefix.flags);
  pattern.lastIndex = entryStart;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > entryStart + SEARCH_WINDOW) return undefined;
    const start = match.index + match[0].length;
    if (text.startsWith(key, start) && !/[^\s,"'}\])]/.test(text.charAt(start + key.length))) return start;
    if (pattern.sticky) return undefined;
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return undefined;
}

/** The entry whose key covers `offset` (either edge included) in a library file's text, for references and rename. */
export function entryKeyAt(path: string, text: string, offset: number): EntryKeyRange | undefined {
  const file = readLibraryText(path, text);
  return entryKeyRanges(text, file.references, file.format).find((range) => range.start <= offset && offset <= range.end);
}
