import { findCitations, keyAt, type CitationLanguage, type CitationOptions } from '../citations';
import { entryKeyAt, entryKeyRanges } from '../library/entryKeys';
import { readLibraryText } from '../library/formats';

export interface TextFile {
  path: string;
  text: string;
}

export interface CitingDocument extends TextFile {
  language: CitationLanguage;
}

/** One place a key is written: an entry key in a library file or a citation in a document. */
export interface KeyOccurrence {
  path: string;
  start: number;
  end: number;
  kind: 'definition' | 'citation';
}

/** The key under the cursor: a cited key in a document, or an entry key in a library file (no language). */
export function keyTargetAt(
  file: TextFile & { language?: CitationLanguage },
  offset: number,
  options: CitationOptions = {},
): { key: string; start: number; end: number; kind: KeyOccurrence['kind'] } | undefined {
  if (file.language) {
    const citation = keyAt(file.text, offset, file.language, options);
    return citation && { key: citation.key, start: citation.start, end: citation.end, kind: 'citation' };
  }
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
  for (const { path, text, language } of files.documents) {
    for (const citation of findCitations(text, language, options)) {
      if (citation.key === key) occurrences.push({ path, start: citation.start, end: citation.end, kind: 'citation' });
    }
  }
  return occurrences;
}
