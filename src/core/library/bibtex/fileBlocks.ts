import * as fs from 'node:fs';
import { replaceLoneCarriageReturns } from '../../text/fileText';
import { lastHeaderLine } from './entryChunks';

/** Bytes read from disk at a time; a block grows past this only to hold one longer entry. */
export const BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * Reads an open file from byte `start` in consecutive blocks that end at entry header lines, for
 * `BibtexBytesReader.read`: `use(block, offset, end)` gets the block starting at offset `offset` (counted
 * from `start`) whose entries end at `end`, followed by the next header. Lone CRs are read as LFs. Stops at
 * the end of the file or when `use` returns false.
 */
export function readBlocks(fd: number, blockBytes: number, start: number, use: (block: Uint8Array, offset: number, end: number) => boolean): void {
  let buffer = Buffer.allocUnsafe(Math.max(1, blockBytes));
  let offset = 0;
  for (;;) {
    const length = fs.readSync(fd, buffer, 0, buffer.length, start + offset);
    // A short read is the end of the file.
    const atEnd = length < buffer.length;
    const block = buffer.subarray(0, length);
    replaceLoneCarriageReturns(block, length, atEnd);
    const end = atEnd ? length : lastHeaderLine(block);
    if (end === 0 && !atEnd) {
      buffer = Buffer.allocUnsafe(buffer.length * 2);
      continue;
    }
    if (length === 0 || !use(block, offset, end) || atEnd) return;
    offset += end;
  }
}

/** The file's bytes in [start, end). */
export function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe(end - start);
  const length = fs.readSync(fd, buffer, 0, buffer.length, start);
  return buffer.subarray(0, length);
}
