import type { LibraryError, LibraryReadResult } from '../reference';
import type { FileHandle } from '../../workspace';
import { scanBibtex, type EntryBuilder } from './scanner';
import { BibtexReference } from './bibtexReference';
import { BibtexBytesReader, type BytesReaderOptions } from './bytesReader';
import { BLOCK_BYTES, readBlocks, readRange } from './fileBlocks';
import { decodeUtf16, hasLoneCarriageReturn, normalizedText, replaceLoneCarriageReturns, utf16Encoding, utf8BomLength } from '../../text/fileText';

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
    const scan = scanBibtex(normalizedText(text), referenceBuilder(path, options), options.macros, options.maxEntries);
    const errors: LibraryError[] = scan.errors.map((error) => ({ path, ...error }));
    return { references: scan.entries, errors, macros: scan.macros };
  } catch (error) {
    return unreadable(path, error);
  }
}

/**
 * Reads a BibTeX file from its bytes, as read from disk; the result is exactly `readBibtex` of the bytes
 * decoded as `fs.readFileSync(path, 'utf8')` does (U+FFFD for invalid bytes), but the file's text is decoded
 * and scanned one run of whole entries at a time, so its whole text never exists. A file with a UTF-16
 * byte-order mark is decoded as UTF-16 (such files are small: Windows tools write them).
 */
export function readBibtexBytes(bytes: Uint8Array, path: string, options: BibtexBytesReadOptions = {}): BibtexReadResult {
  const utf16 = utf16Encoding(bytes);
  if (utf16) return readBibtex(decodeUtf16(bytes, utf16), path, options);
  try {
    let body = bytes.subarray(utf8BomLength(bytes));
    // The caller's bytes are not changed: a file with lone CRs is read from a copy.
    if (hasLoneCarriageReturn(body)) {
      body = new Uint8Array(body);
      replaceLoneCarriageReturns(body, body.length, true);
    }
    const reader = new BibtexBytesReader(path, referenceBuilder(path, options), options, body.length);
    reader.read(body, 0, body.length);
    const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const pieces = reader.encodingCheckPieces(body.length);
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
    const head = await readRange(file, 0, Math.min(file.size, 3));
    const utf16 = utf16Encoding(head);
    if (utf16) return readBibtex(decodeUtf16(await readRange(file, 0, file.size), utf16), path, options);
    const start = utf8BomLength(head);
    const reader = new BibtexBytesReader(path, referenceBuilder(path, options), options, file.size - start);
    await readBlocks(file, options.blockBytes ?? BLOCK_BYTES, start, (block, offset, end) => {
      reader.read(block, offset, end);
      return !reader.stopped;
    });
    const pieces = reader.encodingCheckPieces(file.size - start);
    const texts: string[] = [];
    for (const piece of pieces) {
      const range = await readRange(file, start + piece.start, start + piece.end);
      replaceLoneCarriageReturns(range, range.length, true);
      texts.push(Buffer.from(range.buffer, range.byteOffset, range.byteLength).toString('utf8'));
    }
    reader.finish(pieces, texts);
    return { references: reader.references, errors: reader.errors, macros: reader.macros };
  } catch (error) {
    return unreadable(path, error);
  }
}

function referenceBuilder(path: string, options: BibtexReadOptions): EntryBuilder<BibtexReference> {
  const library = options.library ?? 'user';
  return (type, key, fields, place) => new BibtexReference(type, key, fields, { path, line: place.line, column: place.column }, library, place);
}

/** A bug or resource exhaustion must not take the extension down with it; the file just reads as broken. */
function unreadable(path: string, error: unknown): BibtexReadResult {
  const message = `could not read the file: ${error instanceof Error ? error.message : String(error)}`;
  return { references: [], errors: [{ path, line: 1, column: 1, message }], macros: new Map() };
}
