import * as fs from 'node:fs/promises';
import type { FileStamp, ZoteroFiles } from '../core/library/zotero';

/** `ZoteroFiles` over the local disk. Opens files read-only; never writes or takes a lock. */
export const nodeZoteroFiles: ZoteroFiles = {
  async stat(file: string): Promise<FileStamp | undefined> {
    try {
      const stats = await fs.stat(file);
      return stats.isFile() ? { size: stats.size, mtimeMs: stats.mtimeMs } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  read: (file: string) => fs.readFile(file),
  async readStart(file: string, length: number): Promise<Uint8Array | undefined> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    try {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
};

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
