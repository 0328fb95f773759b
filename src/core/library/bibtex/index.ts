import type { LibraryError, LibraryReadResult } from '../reference';
import type { FileHandle } from '../../workspace';
import { scanBibtex, type EntryBuilder } from './scanner';
import { BibtexReference } from './bibtexReference';
import { BibtexBytesReader, type BytesReaderOptions } from './bytesReader';
import { BLOCK_BYTES, readBlocks, readRange } from './fileBlocks';

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

export type BibtexBytesReadOptions = BibtexReadOptions & BytesReaderOptions;

export interface BibtexFileReadOptions extends BibtexBytesReadOptions {
  /** Overrides `BLOCK_BYTES` (tests use tiny blocks to put a block boundary before every entry). */
  blockBytes?: number;
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
    const reader = new BibtexBytesReader(path, referenceBuilder(path, options), options);
    reader.read(bytes, 0, bytes.length);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const pieces = reader.encodingCheckPieces(bytes.length);
    reader.finish(pieces, pieces.map((piece) => buffer.toString('utf8', piece.start, piece.end)));
    return { references: reader.references, errors: reader.errors, macros: reader.macros };
  } catch (error) {
    return unreadable(path, error);
  }
}

/**
 * `readBibtexBytes` of an open file, read a block at a time: neither its whole text nor its whole bytes
 * are ever held (for the 61.5 MB bench file, peak RSS 235-245 MB instead of ~285 MB as one text).
 */
export async function readBibtexFile(file: FileHandle, path: string, options: BibtexFileReadOptions = {}): Promise<BibtexReadResult> {
  try {
    const reader = new BibtexBytesReader(path, referenceBuilder(path, options), options);
    await readBlocks(file, options.blockBytes ?? BLOCK_BYTES, (block, offset, end) => {
      reader.read(block, offset, end);
      return !reader.stopped;
    });
    const pieces = reader.encodingCheckPieces(file.size);
    const texts: string[] = [];
    for (const piece of pieces) texts.push(Buffer.from(await readRange(file, piece.start, piece.end)).toString('utf8'));
    reader.finish(pieces, texts);
    return { references: reader.references, errors: reader.errors, macros: reader.macros };
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
