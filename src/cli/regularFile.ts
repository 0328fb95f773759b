import * as fs from 'node:fs';
import { megabytes } from '../core/limits';

export type RegularFileRead = { bytes: Uint8Array } | { problem: string };

/** What a non-regular file is, in the words of the message. */
function kindOf(stats: fs.Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads `file` only if it is a regular file of at most `maxBytes` (`kind` names such files in the message: "PDFs"). It is opened without blocking (opening
 * a FIFO nobody writes to would wait forever), checked through the open handle (so a path swapped between
 * a check and the read cannot slip through, and a symlink to /dev/zero is seen as the device it is), and
 * read to at most the size it had, so a file that grows meanwhile cannot make the read unbounded.
 */
export function readRegularFile(file: string, maxBytes: number, kind: string): RegularFileRead {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message };
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return { problem: `it is ${kindOf(stats)}, not a file` };
    if (stats.size > maxBytes) return { problem: `it is ${megabytes(stats.size)}; CALM Cite reads ${kind} up to ${megabytes(maxBytes)}` };
    const bytes = new Uint8Array(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const count = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (count === 0) break;
      read += count;
    }
    return { bytes: read === bytes.length ? bytes : bytes.subarray(0, read) };
  } catch (error) {
    return { problem: (error as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}
