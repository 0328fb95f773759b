import { readBibtex, readBibtexBytes, readBibtexFile, type BibtexReadOptions } from './bibtex';
import { readCslJson } from './cslJson';
import { readCslYaml } from './cslYaml';
import { readRis } from './ris';
import { libraryFileTooLargeMessage, MAX_ENTRIES_PER_FILE, MAX_LIBRARY_FILE_BYTES, tooManyEntriesMessage } from '../limits';
import type { LibraryReadResult } from './reference';
import { libraryFormatOf, type LibraryFormat } from './libraryFormat';
import type { FileHandle } from '../workspace';
import { decodeText } from '../text/fileText';
import { readWholeHandle } from '../workspace/files';

export { LIBRARY_FILE_EXTENSIONS, libraryFormatOf, type LibraryFormat } from './libraryFormat';

export interface ReadLibraryOptions {
  library?: 'bundled' | 'user';
  /** @string macros defined by sibling BibTeX files read before this one. */
  macros?: ReadonlyMap<string, string>;
  /** Overrides for the limits in `limits.ts` (tests use small ones). */
  maxFileBytes?: number;
  maxEntries?: number;
}

export interface LibraryFileResult extends LibraryReadResult {
  /** `zotero`: the items of a Zotero database that a document is offered (see `LibraryCatalog`). */
  format: LibraryFormat | 'zotero';
  /** @string definitions made by this file (BibTeX only), for the files read after it. */
  macros: ReadonlyMap<string, string>;
}

/** A library file read from its text or bytes: one of the formats of `libraryFormatOf`. */
export type FormatFileResult = LibraryFileResult & { format: LibraryFormat };

const NO_MACROS: ReadonlyMap<string, string> = new Map();

/** Reads one library file's text in the format its extension names. Never throws. */
export function readLibraryText(filePath: string, text: string, options: ReadLibraryOptions = {}): FormatFileResult {
  const format = libraryFormatOf(filePath) ?? 'bibtex';
  const tooLarge = oversizedLibraryFile(filePath, text, options.maxFileBytes);
  if (tooLarge) return tooLarge;
  const library = options.library ?? 'user';
  const maxEntries = options.maxEntries ?? MAX_ENTRIES_PER_FILE;
  switch (format) {
    case 'bibtex': {
      return { ...readBibtex(text, filePath, bibtexOptions(options)), format };
    }
    case 'csl-json':
      return { ...capEntries(readCslJson(text, filePath, { library }), maxEntries), format, macros: NO_MACROS };
    case 'csl-yaml':
      return { ...capEntries(readCslYaml(text, filePath, { library }), maxEntries), format, macros: NO_MACROS };
    case 'ris':
      return { ...capEntries(readRis(text, filePath, { library }), maxEntries), format, macros: NO_MACROS };
  }
}

/**
 * Reads one library file's UTF-8 bytes, as read from disk, in the format its extension names. Never throws.
 * BibTeX is decoded a run of entries at a time (see `readBibtexBytes`): a big file's text is never held whole.
 */
export function readLibraryBytes(filePath: string, bytes: Uint8Array, options: ReadLibraryOptions = {}): FormatFileResult {
  const tooLarge = oversizedLibraryFile(filePath, bytes, options.maxFileBytes);
  if (tooLarge) return tooLarge;
  const format = libraryFormatOf(filePath) ?? 'bibtex';
  if (format !== 'bibtex') return readLibraryText(filePath, decodeText(bytes), options);
  return { ...readBibtexBytes(bytes, filePath, bibtexOptions(options)), format };
}

/**
 * Reads one open library file (the workspace checked its size). BibTeX is read a block of bytes at a time
 * (see `readBibtexFile`), so a big file's whole bytes and text are never held.
 */
export async function readLibraryFile(file: FileHandle, filePath: string, options: ReadLibraryOptions = {}): Promise<FormatFileResult> {
  const format = libraryFormatOf(filePath) ?? 'bibtex';
  if (format === 'bibtex') return { ...(await readBibtexFile(file, filePath, bibtexOptions(options))), format };
  return readLibraryBytes(filePath, await readWholeHandle(file), options);
}

function bibtexOptions(options: ReadLibraryOptions): BibtexReadOptions {
  return { library: options.library ?? 'user', macros: options.macros, maxEntries: options.maxEntries ?? MAX_ENTRIES_PER_FILE };
}

/** A library file as read: text (an editor's buffer) or UTF-8 bytes (a file on disk). */
export type LibraryFileContent = string | Uint8Array;

/** Reads one library file's text or bytes. Never throws. */
export function readLibraryContent(filePath: string, content: LibraryFileContent, options: ReadLibraryOptions = {}): FormatFileResult {
  return typeof content === 'string' ? readLibraryText(filePath, content, options) : readLibraryBytes(filePath, content, options);
}

/**
 * The result for a file past the size limit: no entries and one error at its start, or undefined when
 * the file is within the limit. UTF-8 takes at least one byte per UTF-16 unit and at most three, so
 * the exact byte count is only taken for texts near the limit.
 */
export function oversizedLibraryFile(filePath: string, content: LibraryFileContent, maxBytes = MAX_LIBRARY_FILE_BYTES): FormatFileResult | undefined {
  if (typeof content !== 'string') return content.length > maxBytes ? tooLargeResult(filePath, content.length, maxBytes) : undefined;
  if (content.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes <= maxBytes) return undefined;
  return tooLargeResult(filePath, bytes, maxBytes);
}

export function tooLargeResult(filePath: string, bytes: number, maxBytes: number): FormatFileResult {
  return {
    format: libraryFormatOf(filePath) ?? 'bibtex',
    references: [],
    errors: [{ path: filePath, line: 1, column: 1, message: libraryFileTooLargeMessage(bytes, maxBytes) }],
    macros: NO_MACROS,
  };
}

/** Keeps the first `maxEntries` references of a CSL or RIS file and reports the first one left out. */
function capEntries(result: LibraryReadResult, maxEntries: number): LibraryReadResult {
  if (result.references.length <= maxEntries) return result;
  const firstDropped = result.references[maxEntries]!.source;
  return {
    references: result.references.slice(0, maxEntries),
    errors: [...result.errors, { ...firstDropped, message: tooManyEntriesMessage(maxEntries) }],
  };
}
