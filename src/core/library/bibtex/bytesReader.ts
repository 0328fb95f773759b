import type { LibraryError } from '../reference';
import { MAX_ENTRIES_PER_FILE } from '../../limits';
import { ErrorCap } from '../errorCap';
import { ExpansionBudget, NameInterner, scanBibtexPiece, type EntryBuilder } from './scanner';
import type { BibtexReference } from './bibtexReference';
import { entryChunks } from './entryChunks';
import { EncodingCheck } from './encodingCheck';

/**
 * Most bytes decoded at a time (but for one longer entry). Pieces (see `entryChunks`) keep the text of a
 * 60 MB file with a few accents at one byte per character instead of two; bounding them keeps each
 * decode a modest allocation rather than one the size of the file.
 */
export const MAX_PIECE_BYTES = 1024 * 1024;

export interface BytesReaderOptions {
  macros?: ReadonlyMap<string, string>;
  maxEntries?: number;
  /** Overrides `MAX_PIECE_BYTES` (tests use tiny pieces to put a boundary before every entry). */
  pieceBytes?: number;
}

/**
 * Reads a BibTeX file's UTF-8 bytes given in consecutive blocks (the whole file, or parts read from disk),
 * decoding and scanning one piece of whole entries at a time, so the file's whole text never exists.
 * The result is exactly the scanner's on the text decoded as `fs.readFileSync(path, 'utf8')` does.
 */
export class BibtexBytesReader {
  readonly references: BibtexReference[] = [];
  readonly errors: LibraryError[] = [];
  /** The @string definitions this file made. */
  readonly macros = new Map<string, string>();
  /** Set when the entry limit is reached: the rest of the file is not to be read. */
  stopped = false;
  /** What later pieces see: this file's own definitions so far, over the sibling files'. */
  private readonly visibleMacros: Map<string, string>;
  /** Where each piece read lies in the file, for the encoding check. */
  private readonly pieces: { start: number; end: number; firstLine: number }[] = [];
  private readonly maxEntries: number;
  private readonly names = new NameInterner();
  private readonly budget: ExpansionBudget;
  private readonly errorCap = new ErrorCap();
  private line = 1;
  /** The file offset, in UTF-16 units of its text, of the next piece. */
  private textOffset = 0;
  private readEnd = 0;

  /** `fileLength`: the file's size in bytes, which sets its macro expansion budget. */
  constructor(
    private readonly path: string,
    private readonly build: EntryBuilder<BibtexReference>,
    private readonly options: BytesReaderOptions,
    fileLength: number,
  ) {
    this.visibleMacros = new Map(options.macros);
    this.maxEntries = options.maxEntries ?? MAX_ENTRIES_PER_FILE;
    this.budget = new ExpansionBudget(fileLength);
  }

  /**
   * Reads the entries in `block` up to `end`. The block starts at file offset `offset`, at a line start;
   * past `end` (the start of a header line, or the block's length at the end of the file) it holds the
   * next entry's header through its `{`.
   */
  read(block: Uint8Array, offset: number, end: number): void {
    const buffer = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
    for (const chunk of entryChunks(block, this.options.pieceBytes ?? MAX_PIECE_BYTES, end)) {
      if (this.stopped) return;
      const text = buffer.toString('utf8', chunk.start, chunk.headerEnd);
      // The header lookahead is ASCII: one character per byte.
      const pieceEnd = text.length - (chunk.headerEnd - chunk.end);
      const piece = {
        firstLine: this.line,
        firstOffset: this.textOffset,
        end: pieceEnd,
        entriesBefore: this.references.length,
        names: this.names,
        budget: this.budget,
        errorCap: this.errorCap,
      };
      const scan = scanBibtexPiece(text, piece, this.build, this.visibleMacros, this.maxEntries);
      for (const reference of scan.entries) this.references.push(reference);
      for (const error of scan.errors) this.errors.push({ path: this.path, ...error });
      for (const [name, value] of scan.macros) {
        this.macros.set(name, value);
        this.visibleMacros.set(name, value);
      }
      this.pieces.push({ start: offset + chunk.start, end: offset + chunk.end, firstLine: this.line });
      this.line = scan.endLine;
      this.textOffset += pieceEnd;
      this.readEnd = offset + chunk.end;
      this.stopped = scan.stopped;
    }
  }

  /**
   * The parts of a file of `fileLength` bytes that the encoding check reads when the reading ends: as in
   * `scanBibtex`, only a file that did not read cleanly is searched for encoding damage.
   */
  encodingCheckPieces(fileLength: number): { start: number; end: number; firstLine: number }[] {
    if (this.errors.length === 0 && this.references.length > 0) return [];
    return this.readEnd < fileLength ? [...this.pieces, { start: this.readEnd, end: fileLength, firstLine: this.line }] : this.pieces;
  }

  /** Ends the reading, given the text of each piece `encodingCheckPieces` named. */
  finish(pieces: readonly { firstLine: number }[], texts: readonly string[]): void {
    const summary = this.errorCap.summary();
    if (summary) this.errors.push({ path: this.path, ...summary });
    if (pieces.length === 0) return;
    const check = new EncodingCheck();
    pieces.forEach((piece, index) => check.add(texts[index]!, piece.firstLine));
    this.errors.unshift(...check.problems().map((error) => ({ path: this.path, ...error })));
  }
}
