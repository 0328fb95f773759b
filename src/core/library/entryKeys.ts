import { textStart } from '../text/fileText';
import { readLibraryText } from './formats';
import type { Reference } from './reference';

/** Where an entry's key is written in its library file. Offsets are UTF-16 indices; `end` is exclusive. */
export interface EntryKeyRange {
  reference: Reference;
  start: number;
  end: number;
}

/**
 * The key ranges of `references` read from `text`, as their readers recorded them (`keySpan`). An entry whose
 * key is not written in the file (a generated RIS key), or no longer where it was read, is left out.
 */
export function entryKeyRanges(text: string, references: readonly Reference[]): EntryKeyRange[] {
  const offset = textStart(text);
  const ranges: EntryKeyRange[] = [];
  for (const reference of references) {
    const span = reference.keySpan;
    if (span && text.startsWith(reference.key, offset + span.start)) {
      ranges.push({ reference, start: offset + span.start, end: offset + span.start + reference.key.length });
    }
  }
  return ranges;
}

/** The entry whose key covers `offset` (either edge included) in a library file's text, for references and rename. */
export function entryKeyAt(path: string, text: string, offset: number): EntryKeyRange | undefined {
  const file = readLibraryText(path, text);
  return entryKeyRanges(text, file.references).find((range) => range.start <= offset && offset <= range.end);
}
