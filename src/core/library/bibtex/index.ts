import type { LibraryError, LibraryReadResult } from '../reference';
import { MAX_ENTRIES_PER_FILE } from '../../limits';
import { scanBibtex, scanBibtexPiece, type EntryBuilder } from './scanner';
import { BibtexReference } from './bibtexReference';
import { entryChunks } from './entryChunks';
import { EncodingCheck } from './encodingCheck';

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

export interface BibtexBytesReadOptions extends BibtexReadOptions {
  /** Overrides `MAX_PIECE_BYTES` (tests use tiny pieces to put a boundary before every entry). */
  pieceBytes?: number;
}

export interface BibtexReadResult extends LibraryReadResult {
  /** The @string definitions this file made, lower-case names, to pass on to files read after it. */
  macros: Map<string, string>;
}

/**
 * Most bytes `readBibtexBytes` decodes at a time (but for one longer entry). Pieces (see `entryChunks`) keep
 * the text of a 60 MB file with a few accents at one byte per character instead of two; bounding them keeps
 * each decode a modest allocation rather than one the size of the file.
 */
const MAX_PIECE_BYTES = 1024 * 1024;

/**
 * Reads BibTeX or BibLaTeX text. Never throws: each broken entry becomes a located error and the other
 * entries are still read. Crossrefs are left to `resolveCrossrefs`, since parents often live in other files.
 */
export function readBibtex(text: string, path: string, options: BibtexReadOptions = {}): BibtexReadResult {
  try {
    const scan = scanBibtex(text, referenceBuilder(path, options), options.macros, options.maxEntries);
    const errors: LibraryError[] = scan.errors.map((error) => ({ path, ...error }));
    return { references: scan.entries, errors, macros: scan.macros };
  } catch (error) {
    return unreadable(path, error);
  }
}

/**
 * Reads a BibTeX file from its UTF-8 bytes, as read from disk; the result is exactly `readBibtex` of the
 * bytes decoded as `fs.readFileSync(path, 'utf8')` does (U+FFFD for invalid bytes, a BOM kept), but the
 * file's text is decoded and scanned one run of whole entries at a time, so its whole text never exists.
 */
export function readBibtexBytes(bytes: Uint8Array, path: string, options: BibtexBytesReadOptions = {}): BibtexReadResult {
  try {
    const build = referenceBuilder(path, options);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const maxEntries = options.maxEntries ?? MAX_ENTRIES_PER_FILE;
    const references: BibtexReference[] = [];
    const errors: LibraryError[] = [];
    const macros = new Map<string, string>();
    // What later pieces see: this file's own definitions so far, over the sibling files'.
    const visibleMacros = new Map(options.macros);
    const pieces: { start: number; end: number; firstLine: number }[] = [];
    let line = 1;
    for (const chunk of entryChunks(bytes, options.pieceBytes ?? MAX_PIECE_BYTES)) {
      const text = buffer.toString('utf8', chunk.start, chunk.headerEnd);
      // The header lookahead is ASCII: one character per byte.
      const end = text.length - (chunk.headerEnd - chunk.end);
      const scan = scanBibtexPiece(text, { firstLine: line, end, entriesBefore: references.length }, build, visibleMacros, maxEntries);
      for (const reference of scan.entries) references.push(reference);
      for (const error of scan.errors) errors.push({ path, ...error });
      for (const [name, value] of scan.macros) {
        macros.set(name, value);
        visibleMacros.set(name, value);
      }
      pieces.push({ start: chunk.start, end: chunk.end, firstLine: line });
      line = scan.endLine;
      if (scan.stopped) {
        pieces.push({ start: chunk.end, end: bytes.length, firstLine: line });
        break;
      }
    }
    // As in `scanBibtex`: only a file that did not read cleanly is searched for encoding damage.
    if (errors.length > 0 || references.length === 0) {
      const check = new EncodingCheck();
      for (const piece of pieces) check.add(buffer.toString('utf8', piece.start, piece.end), piece.firstLine);
      errors.unshift(...check.problems().map((error) => ({ path, ...error })));
    }
    return { references, errors, macros };
  } catch (error) {
    return unreadable(path, error);
  }
}

function referenceBuilder(path: string, options: BibtexReadOptions): EntryBuilder<BibtexReference> {
  const library = options.library ?? 'user';
  return (type, key, fields, line, column) => new BibtexReference(type, key, fields, { path, line, column }, library);
}

/** A bug or resource exhaustion must not take the extension down with it; the file just reads as broken. */
function unreadable(path: string, error: unknown): BibtexReadResult {
  const message = `could not read the file: ${error instanceof Error ? error.message : String(error)}`;
  return { references: [], errors: [{ path, line: 1, column: 1, message }], macros: new Map() };
}
