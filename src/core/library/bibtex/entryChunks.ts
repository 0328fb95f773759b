/**
 * Splits a BibTeX file's UTF-8 bytes into runs of whole entries, so each run can be decoded and scanned on
 * its own. Runs end where a line holds an entry header (`@type{` or `@type(` after blanks): the point the
 * scanner resynchronises at, which no value or entry reads past. Such a point is ASCII and at a line
 * start, so no run splits a UTF-8 sequence and columns need no shifting.
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

/** Runs of at least `minBytes` each (but the last), in file order. */
export function* entryChunks(bytes: Uint8Array, minBytes: number): Generator<EntryChunk> {
  let start = 0;
  while (start < bytes.length) {
    const next = nextHeaderLine(bytes, start + Math.max(1, minBytes));
    if (next === undefined) {
      yield { start, end: bytes.length, headerEnd: bytes.length };
      return;
    }
    yield { start, end: next.lineStart, headerEnd: next.headerEnd };
    start = next.lineStart;
  }
}

/** The first line starting at or after `from` that holds an entry header, or undefined. */
function nextHeaderLine(bytes: Uint8Array, from: number): { lineStart: number; headerEnd: number } | undefined {
  if (from >= bytes.length) return undefined;
  let nl = bytes.indexOf(NL, from - 1);
  while (nl >= 0) {
    const lineStart = nl + 1;
    const headerEnd = entryHeaderEnd(bytes, lineStart);
    if (headerEnd >= 0) return { lineStart, headerEnd };
    nl = bytes.indexOf(NL, lineStart);
  }
  return undefined;
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
