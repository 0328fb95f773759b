import * as zlib from 'node:zlib';
import { megabytes, type PdfReadLimits } from '../../limits';
import { PdfReadError, TOO_BIG_ADVICE } from './pdfReadError';

/** How far back from `stream` a stream's dictionary is looked for; real ones are a few hundred bytes. */
const DICTIONARY_WINDOW = 4096;

/**
 * Throws a PdfReadError when a Flate stream pdf.js would decode inflates past `maxStreamBytes`, or all of
 * them together past `maxInflatedBytes`. pdf.js inflates in JavaScript into a buffer it keeps doubling and
 * has no limit of its own, so a 1 MB file whose content stream inflates to 1 GiB costs it gigabytes; zlib
 * stops at the limit instead. Images are skipped: the reader tells pdf.js not to decode them. One pass
 * over the file; each stream costs at most `maxStreamBytes` of memory while it is measured.
 */
export function checkInflatedSize(bytes: Uint8Array, limits: Pick<PdfReadLimits, 'maxStreamBytes' | 'maxInflatedBytes'>): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let from = 0;
  for (;;) {
    const keyword = buffer.indexOf('stream', from, 'latin1');
    if (keyword === -1) return;
    from = keyword + 'stream'.length;
    if (keyword >= 3 && buffer.toString('latin1', keyword - 3, keyword) === 'end') continue;
    let start = from;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] === 0x0a) start++;
    else if (start === from) continue;
    const end = buffer.indexOf('endstream', start, 'latin1');
    const stop = end === -1 ? buffer.length : end;
    from = stop;
    const window = buffer.toString('latin1', Math.max(0, keyword - DICTIONARY_WINDOW), keyword);
    const dictionary = window.slice(window.lastIndexOf('obj') + 1);
    if (!/\/FlateDecode\b/.test(dictionary) || /\/Subtype\s*\/Image\b/.test(dictionary)) continue;
    const size = inflatedSize(buffer.subarray(start, stop), limits.maxStreamBytes);
    if (size > limits.maxStreamBytes) {
      throw new PdfReadError(`a compressed stream inflates to more than ${megabytes(limits.maxStreamBytes)}`, TOO_BIG_ADVICE);
    }
    total += size;
    if (total > limits.maxInflatedBytes) {
      throw new PdfReadError(`its compressed streams inflate to more than ${megabytes(limits.maxInflatedBytes)}`, TOO_BIG_ADVICE);
    }
  }
}

/**
 * The inflated size, or `max + 1` when it is larger. Like pdf.js, it skips the 2-byte zlib header and
 * ignores the checksum, so a wrong one (as a bomb's may be) does not hide the size; a stream zlib cannot
 * read at all counts as empty, as pdf.js too gets little out of it.
 */
function inflatedSize(data: Uint8Array, max: number): number {
  try {
    return zlib.inflateRawSync(data.subarray(2), { maxOutputLength: max + 1, finishFlush: zlib.constants.Z_SYNC_FLUSH }).byteLength;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return max + 1;
    return 0;
  }
}
