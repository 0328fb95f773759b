import type { LibraryError, LibraryReadResult } from '../reference';
import { scanBibtex } from './scanner';
import { BibtexReference } from './bibtexReference';

export { BibtexReference } from './bibtexReference';
export { resolveCrossrefs } from './crossref';
export { parseNames } from './names';
export { decodeTex } from './texToUnicode';

export interface BibtexReadOptions {
  /** @string definitions from sibling files (abbrev.bib), lower-case names; this file's own take precedence. */
  macros?: ReadonlyMap<string, string>;
  library?: 'bundled' | 'user';
  /** Stop after this many entries (default `MAX_ENTRIES_PER_FILE`); the next one gets a located error. */
  maxEntries?: number;
}

export interface BibtexReadResult extends LibraryReadResult {
  /** The @string definitions this file made, lower-case names, to pass on to files read after it. */
  macros: Map<string, string>;
}

/**
 * Reads BibTeX or BibLaTeX text. Never throws: each broken entry becomes a located error and the other
 * entries are still read. Crossrefs are left to `resolveCrossrefs`, since parents often live in other files.
 */
export function readBibtex(text: string, path: string, options: BibtexReadOptions = {}): BibtexReadResult {
  const library = options.library ?? 'user';
  try {
    const scan = scanBibtex(
      text,
      (type, key, fields, line, column) => new BibtexReference(type, key, fields, { path, line, column }, library),
      options.macros,
      options.maxEntries,
    );
    const references = scan.entries;
    const errors: LibraryError[] = scan.errors.map((error) => ({ path, ...error }));
    return { references, errors, macros: scan.macros };
  } catch (error) {
    // A bug or resource exhaustion must not take the extension down with it; the file just reads as broken.
    const message = `could not read the file: ${error instanceof Error ? error.message : String(error)}`;
    return { references: [], errors: [{ path, line: 1, column: 1, message }], macros: new Map() };
  }
}
