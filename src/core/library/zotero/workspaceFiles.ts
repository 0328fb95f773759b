import type { Workspace } from '../../workspace';
import { readBytes } from '../../workspace/files';
import type { FileStamp, ZoteroFiles } from './snapshot';

/**
 * `ZoteroFiles` through the workspace's bounded handles: read-only, never blocking, never taking a lock,
 * so a running Zotero is neither disturbed nor waited for.
 */
export function workspaceZoteroFiles(workspace: Workspace, maxBytes: number): ZoteroFiles {
  return {
    async stat(file: string): Promise<FileStamp | undefined> {
      const opened = await workspace.open(file, { maxBytes: Number.MAX_SAFE_INTEGER });
      if (!opened.ok) return undefined;
      const stamp = { size: opened.handle.size, mtimeMs: opened.handle.mtimeMs };
      await opened.handle.close();
      return stamp;
    },
    async read(file: string): Promise<Uint8Array> {
      const read = await readBytes(workspace, file, maxBytes);
      if (!read.ok) throw new Error(read.message);
      return read.value;
    },
    async readStart(file: string, length: number): Promise<Uint8Array | undefined> {
      const opened = await workspace.open(file, { maxBytes: Number.MAX_SAFE_INTEGER });
      if (!opened.ok) return undefined;
      try {
        const buffer = new Uint8Array(Math.min(length, opened.handle.size));
        return buffer.subarray(0, await opened.handle.read(buffer, 0));
      } finally {
        await opened.handle.close();
      }
    },
  };
}
