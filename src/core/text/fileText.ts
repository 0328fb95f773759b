/**
 * How a file's bytes or text become the text the readers scan. Editors show a file without its byte-order
 * mark and break lines at CR, LF and CRLF alike; the readers do the same, so that offsets, lines and columns
 * agree with what the user sees.
 */

const CR = 13, LF = 10;

/**
 * Where the text the readers scanned starts in `text`: after a byte-order mark, if `text` has one. Reader
 * offsets (a reference's spans) count from there; add this to use them in text that kept its mark.
 */
export function textStart(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** The encoding a UTF-16 file's byte-order mark names, or undefined (the file is read as UTF-8). */
export function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The length of a UTF-8 byte-order mark at the start of `bytes`: 3 or 0. */
export function utf8BomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** A UTF-16 file's text, without its byte-order mark. */
export function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  return new TextDecoder(encoding).decode(bytes);
}

/** A text file's bytes as text: UTF-16 when a byte-order mark says so, else UTF-8 (U+FFFD for invalid bytes). */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Encoding(bytes);
  return utf16 ? decodeUtf16(bytes, utf16) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * `text` without a leading byte-order mark and with each lone CR (classic Mac OS line ends) made an LF. Both
 * keep every other offset where it was; CRLF stays as it is. Returns `text` itself when there is nothing to do.
 */
export function normalizedText(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.indexOf('\r') >= 0 && LONE_CR.test(body) ? body.replace(LONE_CR_GLOBAL, '\n') : body;
}

const LONE_CR = /\r(?!\n)/;
const LONE_CR_GLOBAL = /\r(?!\n)/g;

/**
 * Makes each lone CR in `bytes[0, end)` an LF, in place, and says whether there was one. A CR at `end - 1`
 * is left alone unless `atEnd`: the byte after it is not known yet.
 */
export function replaceLoneCarriageReturns(bytes: Uint8Array, end: number, atEnd: boolean): boolean {
  let replaced = false;
  for (let p = bytes.indexOf(CR); p >= 0 && p < end; p = bytes.indexOf(CR, p + 1)) {
    if (p + 1 < end ? bytes[p + 1] !== LF : atEnd) {
      bytes[p] = LF;
      replaced = true;
    }
  }
  return replaced;
}

/** Whether `bytes` hold a lone CR. */
export function hasLoneCarriageReturn(bytes: Uint8Array): boolean {
  for (let p = bytes.indexOf(CR); p >= 0; p = bytes.indexOf(CR, p + 1)) if (bytes[p + 1] !== LF) return true;
  return false;
}
