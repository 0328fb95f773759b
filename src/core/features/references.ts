import { citationIn, type CitationOptions } from '../citations';
import type { CitingDocument } from '../documents';
import { entryKeyAt, entryKeyRanges } from '../library/entryKeys';
import { readLibraryText } from '../library/formats';

/** A library file's text, as the editor shows it. */
export interface TextFile {
  path: string;
  text: string;
}

/** One place a key is written: an entry key in a library file or a citation in a document. */
export interface KeyOccurrence {
  path: string;
  start: number;
  end: number;
  kind: 'definition' | 'citation';
}

export interface KeyTarget {
  key: string;
  start: number;
  end: number;
  kind: KeyOccurrence['kind'];
}

/** The cited key under the cursor in a document. */
export function citedKeyAt(document: CitingDocument, offset: number, options: CitationOptions = {}): KeyTarget | undefined {
  const citation = citationIn(document, offset, options);
  return citation && { key: citation.key, start: citation.start, end: citation.end, kind: 'citation' };
}

/** The entry key under the cursor in a library file. */
export function entryKeyTargetAt(file: TextFile, offset: number): KeyTarget | undefined {
  const entry = entryKeyAt(file.path, file.text, offset);
  return entry && { key: entry.reference.key, start: entry.start, end: entry.end, kind: 'definition' };
}

/** Every entry key `key` in the library files, then every citation of it in the documents, each file in the given order. */
export function keyOccurrences(
  key: string,
  files: { documents: readonly CitingDocument[]; libraryFiles: readonly TextFile[] },
  options: CitationOptions = {},
): KeyOccurrence[] {
  const occurrences: KeyOccurrence[] = [];
  for (const { path, text } of files.libraryFiles) {
    const library = readLibraryText(path, text);
    const definitions = library.references.filter((reference) => reference.key === key);
    for (const range of entryKeyRanges(text, definitions)) {
      occurrences.push({ path, start: range.start, end: range.end, kind: 'definition' });
    }
  }
  for (const document of files.documents) {
    const citations = document.language === 'latex' ? document.citations(options.extraCommands) : document.citations();
    for (const citation of citations) {
      if (citation.key === key) occurrences.push({ path: document.path, start: citation.start, end: citation.end, kind: 'citation' });
    }
  }
  return occurrences;
}
