/**
 * Splits a BibTeX file's UTF-8 bytes into runs of whole entries, so each run can be decoded and scanned on
 * its own. Runs end where a line holds an entry header (`@type{` or `@type(` after blanks): the point the
 * scanner resynchronises at, which no value or entry reads past. Such a point is ASCII and at a line
 * start, so no run splits a UTF-8 sequence and columns need no shifting.
 *
 * Why runs at all: V8 stores a string with any character past U+00FF (or a U+FFFD for a bad byte) at two
 * bytes per character, and field values are slices that keep their run's string alive. Real files have such
 * characters every few kilobytes (one accented name in Vietnamese or Polish suffices), so each entry that
 * holds one gets a run of its own and every other run decodes to a one-byte string.
 */

export interface EntryChunk {
  /** Byte offset of the run's first byte, at a line start. */
  start: number;
  /** Byte offset where the next run starts (the file's length for the last run). */
  end: number;
  /** End of the next run's entry header, through its `{` or `(`: the lookahead the scanner needs. */
  headerEnd: number;
}

const NL = 10, CR = 13, SPACE = 32, TAB = 9, AT = 64, LBRACE = 123, LPAREN = 40;

/**
 * Runs covering [0, `end`), in file order; a run of one-byte entries ends at the first header line past
 * `maxBytes`. `end` is the file's length or the start of a header line, whose header must lie in `bytes`.
 */
export function* entryChunks(bytes: Uint8Array, maxBytes: number, end = bytes.length): Generator<EntryChunk> {
  const wideBytes = new WideByteFinder(bytes);
  let start = 0;
  while (start < end) {
    const cap = nextHeaderLine(bytes, start + Math.max(1, maxBytes), end);
    const wide = wideBytes.next(start, cap);
    if (wide === cap) {
      yield chunk(bytes, start, cap);
      start = cap;
      continue;
    }
    const wideEntry = headerLineAtOrBefore(bytes, wide, start);
    if (wideEntry > start) yield chunk(bytes, start, wideEntry);
    const afterWide = nextHeaderLine(bytes, wide + 1, end);
    yield chunk(bytes, wideEntry, afterWide);
    start = afterWide;
  }
}

function chunk(bytes: Uint8Array, start: number, end: number): EntryChunk {
  return { start, end, headerEnd: end < bytes.length ? entryHeaderEnd(bytes, end) : end };
}

/**
 * Finds the bytes that make a decoded string two-byte: a lead byte of a character past U+00FF, or an
 * invalid byte (decoded as U+FFFD). This pass covers every byte of the file, and ASCII is nearly all of
 * it, so ASCII is skipped four bytes at a time.
 */
class WideByteFinder {
  /** Bytes before the first 4-byte aligned one, which `words` starts at. */
  private readonly head: number;
  private readonly words: Uint32Array;

  constructor(private readonly bytes: Uint8Array) {
    this.head = Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3);
    this.words = new Uint32Array(bytes.buffer, bytes.byteOffset + this.head, (bytes.length - this.head) >> 2);
  }

  /** The first wide byte in [from, to), or `to`. */
  next(from: number, to: number): number {
    const bytes = this.bytes;
    for (let p = this.nextNonAscii(from, to); p < to; p = this.nextNonAscii(p, to)) {
      const c = bytes[p]!;
      // U+0080..U+00FF: lead byte 0xC2 or 0xC3 and one continuation byte.
      if ((c !== 0xc2 && c !== 0xc3) || (bytes[p + 1]! & 0xc0) !== 0x80) return p;
      p += 2;
    }
    return to;
  }

  private nextNonAscii(from: number, to: number): number {
    const bytes = this.bytes;
    let p = from;
    while (p < to && (p < this.head || ((p - this.head) & 3) !== 0)) {
      if (bytes[p]! >= 0x80) return p;
      p++;
    }
    const words = this.words;
    const lastWord = (to - this.head) >> 2;
    let w = (p - this.head) >> 2;
    while (w < lastWord && (words[w]! & 0x80808080) === 0) w++;
    for (p = Math.max(p, this.head + w * 4); p < to; p++) if (bytes[p]! >= 0x80) return p;
    return to;
  }
}

/** Start of the first line at or after `from` that holds an entry header, or `end` when none starts before it. */
function nextHeaderLine(bytes: Uint8Array, from: number, end: number): number {
  if (from >= end) return end;
  let nl = bytes.indexOf(NL, from - 1);
  while (nl >= 0 && nl + 1 < end) {
    if (entryHeaderEnd(bytes, nl + 1) >= 0) return nl + 1;
    nl = bytes.indexOf(NL, nl + 1);
  }
  return end;
}

/**
 * Start of the last line of `bytes` whose entry header lies wholly in `bytes`, or 0: where a block read
 * from a file can end, with that header as the lookahead.
 */
export function lastHeaderLine(bytes: Uint8Array): number {
  return headerLineAtOrBefore(bytes, bytes.length, 0);
}

/** Start of the last line holding an entry header that starts at or before `p` and after `floor`, or `floor`. */
function headerLineAtOrBefore(bytes: Uint8Array, p: number, floor: number): number {
  let lineStart = lineStartOf(bytes, p);
  while (lineStart > floor) {
    if (entryHeaderEnd(bytes, lineStart) >= 0) return lineStart;
    lineStart = lineStartOf(bytes, lineStart - 1);
  }
  return floor;
}

function lineStartOf(bytes: Uint8Array, p: number): number {
  // `lastIndexOf` counts a negative offset from the end.
  return p === 0 ? 0 : bytes.lastIndexOf(NL, p - 1) + 1;
}

/** The offset after the `{`/`(` of the entry header on the line at `p`, or -1; mirrors the scanner's `isEntryHeaderAt`. */
function entryHeaderEnd(bytes: Uint8Array, p: number): number {
  p = skipBlanks(bytes, p);
  if (bytes[p] !== AT) return -1;
  const typeStart = ++p;
  while (p < bytes.length && isTypeByte(bytes[p]!)) p++;
  if (p === typeStart) return -1;
  p = skipBlanks(bytes, p);
  return bytes[p] === LBRACE || bytes[p] === LPAREN ? p + 1 : -1;
}

function skipBlanks(bytes: Uint8Array, p: number): number {
  while (p < bytes.length && (bytes[p] === SPACE || bytes[p] === TAB || bytes[p] === CR)) p++;
  return p;
}

function isTypeByte(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}
