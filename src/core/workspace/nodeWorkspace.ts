import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { parseSettings, type Settings } from '../settings';
import type { Disposable, FileOpen, OpenDocument, Workspace, WorkspaceChange } from '../workspace';
import { globMatcher } from './glob';

/** Folders never searched for files: dependencies and version control. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
/** Most directory entries one file search looks at, so a search from a huge folder ends. */
const MAX_ENTRIES_VISITED = 200_000;

export interface NodeWorkspaceOptions {
  folders: readonly string[];
  /** The settings for a path; the CLI passes its flags, the language server asks its client. Default: the defaults. */
  settings?: (path: string | undefined) => Settings | Promise<Settings>;
}

/**
 * The workspace on Node's file system: the CLI's, and the language server's beneath the documents its
 * client has open. **The only module of the core that touches `node:fs`.** Files are opened without
 * blocking (a FIFO does not hang the open) and checked through the open handle before a byte is read.
 */
export class NodeWorkspace implements Workspace {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly listeners = new Set<(change: WorkspaceChange) => void>();
  private folderList: string[];

  constructor(private readonly options: NodeWorkspaceOptions) {
    this.folderList = options.folders.map((folder) => nodePath.resolve(folder));
  }

  folders(): readonly string[] {
    return this.folderList;
  }

  setFolders(folders: readonly string[]): void {
    this.folderList = folders.map((folder) => nodePath.resolve(folder));
    this.fire({ kind: 'settings' });
  }

  openDocument(path: string): OpenDocument | undefined {
    return this.documents.get(path);
  }

  openDocuments(): readonly OpenDocument[] {
    return [...this.documents.values()];
  }

  /** An editor opened or changed a document: its text now wins over the file's. */
  setDocument(document: OpenDocument): void {
    this.documents.set(document.path, document);
    this.fire({ kind: 'documents', paths: [document.path] });
  }

  closeDocument(path: string): void {
    if (this.documents.delete(path)) this.fire({ kind: 'documents', paths: [path] });
  }

  async open(path: string, options: { maxBytes: number }): Promise<FileOpen> {
    let handle: fs.promises.FileHandle;
    try {
      // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
      handle = await fs.promises.open(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (error) {
      return refusedOpen(error as NodeJS.ErrnoException);
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        await handle.close();
        return { ok: false, reason: 'not-a-file', kind: stats.isDirectory() ? 'directory' : stats.isFIFO() ? 'fifo' : stats.isSocket() ? 'socket' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'device' : 'other' };
      }
      if (stats.size > options.maxBytes) {
        await handle.close();
        return { ok: false, reason: 'too-large', size: stats.size, maxBytes: options.maxBytes };
      }
      const size = stats.size;
      return {
        ok: true,
        handle: {
          size,
          mtimeMs: stats.mtimeMs,
          read: async (buffer, position) => {
            const length = Math.min(buffer.length, size - position);
            if (length <= 0) return 0;
            return (await handle.read(buffer, 0, length, position)).bytesRead;
          },
          close: () => handle.close(),
        },
      };
    } catch (error) {
      await handle.close().catch(() => undefined);
      return { ok: false, reason: 'unreadable', detail: (error as Error).message };
    }
  }

  async realPath(path: string): Promise<string | undefined> {
    try {
      return await fs.promises.realpath(path);
    } catch {
      return undefined;
    }
  }

  async findFiles(folder: string, glob: string, max: number): Promise<string[]> {
    const matches = globMatcher(glob);
    const found: string[] = [];
    let visited = 0;
    // Breadth-first with an explicit queue: deep trees cannot overflow the stack, and symlinked folders are not entered.
    const queue = [folder];
    while (queue.length > 0 && found.length < max && visited < MAX_ENTRIES_VISITED) {
      const dir = queue.shift()!;
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        visited++;
        const path = nodePath.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) queue.push(path);
        } else if (entry.isFile() && matches(nodePath.relative(folder, path))) {
          found.push(path);
        }
      }
    }
    return found.sort().slice(0, max);
  }

  async settings(path: string | undefined): Promise<Settings> {
    return this.options.settings ? this.options.settings(path) : parseSettings({}).settings;
  }

  onDidChange(listener: (change: WorkspaceChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Tells the service that files or settings changed (the language server forwards its client's notifications). */
  fire(change: WorkspaceChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

function refusedOpen(error: NodeJS.ErrnoException): FileOpen {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { ok: false, reason: 'missing' };
    case 'EISDIR':
      return { ok: false, reason: 'not-a-file', kind: 'directory' };
    case 'ENXIO':
      // A socket (or a FIFO without a writer on some systems) cannot be opened for reading.
      return { ok: false, reason: 'not-a-file', kind: 'socket' };
    default:
      return { ok: false, reason: 'unreadable', detail: error.code ?? error.message };
  }
}
