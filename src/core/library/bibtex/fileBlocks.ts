import type { FileHandle } from '../../workspace';
import { replaceLoneCarriageReturns } from '../../text/fileText';
import { lastHeaderLine } from './entryChunks';

/**
 * Bytes read from a file at a time; a block grows past this only to hold one longer entry. The language
 * server reads big files on its main thread, so a block is also the longest it is busy without answering
 * a request: about 20-40 ms for 1 MB of the 90k bench file (4 MB blocks: 80-130 ms).
 */
export const BLOCK_BYTES = 1024 * 1024;

/**
 * Reads an open file from byte `start` in consecutive blocks that end at entry header lines, for
 * `BibtexBytesReader.read`: `use(block, offset, end)` gets the block starting at offset `offset` (counted
 * from `start`) whose entries end at `end`, followed by the next header. Lone CRs are read as LFs. Stops at
 * the end of the file or when `use` returns false.
 */
export async function readBlocks(
  file: FileHandle,
  blockBytes: number,
  start: number,
  use: (block: Uint8Array, offset: number, end: number) => boolean,
): Promise<void> {
  let buffer = new Uint8Array(Math.max(1, blockBytes));
  let offset = 0;
  for (;;) {
    const length = await readFully(file, buffer, start + offset);
    // A short read is the end of the file.
    const atEnd = length < buffer.length;
    const block = buffer.subarray(0, length);
    replaceLoneCarriageReturns(block, length, atEnd);
    const end = atEnd ? length : lastHeaderLine(block);
    if (end === 0 && !atEnd) {
      buffer = new Uint8Array(buffer.length * 2);
      continue;
    }
    if (length === 0 || !use(block, offset, end) || atEnd) return;
    offset += end;
  }
}

/** The file's bytes in [start, end). */
export async function readRange(file: FileHandle, start: number, end: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(Math.max(0, end - start));
  return buffer.subarray(0, await readFully(file, buffer, start));
}

/** Fills `buffer` from `position` unless the file ends first; returns the bytes read. */
async function readFully(file: FileHandle, buffer: Uint8Array, position: number): Promise<number> {
  let filled = 0;
  while (filled < buffer.length) {
    const count = await file.read(buffer.subarray(filled), position + filled);
    if (count === 0) break;
    filled += count;
  }
  return filled;
}
