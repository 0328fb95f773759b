import * as nodePath from 'node:path';
import { parseSettings, type Settings } from '../settings';
import type { Disposable, FileOpen, OpenDocument, Workspace, WorkspaceChange } from '../workspace';
import { globMatcher } from './glob';

/** A file of an in-memory workspace: text, bytes, or something that is not a regular file. */
export type MemoryEntry = string | Uint8Array | { kind: 'fifo' | 'device' | 'directory' };

export interface MemoryWorkspaceInit {
  folders?: readonly string[];
  files?: Record<string, MemoryEntry>;
  /** Raw `calmCite.*` settings per folder (validated as an editor's would be); `*` applies everywhere. */
  settings?: Record<string, unknown>;
}

/**
 * A workspace held in memory, for the unit tests: the whole service runs over it in milliseconds, so
 * library scope, rename scope and diagnostics scope are tested without an editor. Files and open
 * documents change through its methods, which fire the change events an editor would.
 */
export class MemoryWorkspace implements Workspace {
  private readonly files = new Map<string, MemoryEntry>();
  /** Each write's time, as a file system would record it. */
  private readonly modified = new Map<string, number>();
  private readonly documents = new Map<string, OpenDocument>();
  private readonly listeners = new Set<(change: WorkspaceChange) => void>();
  private readonly folderList: string[];
  private rawSettings: Record<string, unknown>;
  /** Every path opened, in order: tests assert what was (and was not) read. */
  readonly opened: string[] = [];

  constructor(init: MemoryWorkspaceInit = {}) {
    this.folderList = [...(init.folders ?? [])];
    for (const [path, entry] of Object.entries(init.files ?? {})) this.files.set(path, entry);
    this.rawSettings = { ...init.settings };
  }

  folders(): readonly string[] {
    return this.folderList;
  }

  openDocument(path: string): OpenDocument | undefined {
    return this.documents.get(path);
  }

  openDocuments(): readonly OpenDocument[] {
    return [...this.documents.values()];
  }

  async open(path: string, options: { maxBytes: number }): Promise<FileOpen> {
    this.opened.push(path);
    const entry = this.files.get(path);
    if (entry === undefined) return [...this.files.keys()].some((file) => file.startsWith(path + nodePath.sep)) ? { ok: false, reason: 'not-a-file', kind: 'directory' } : { ok: false, reason: 'missing' };
    if (typeof entry === 'object' && !(entry instanceof Uint8Array)) return { ok: false, reason: 'not-a-file', kind: entry.kind === 'fifo' ? 'fifo' : entry.kind };
    const bytes = typeof entry === 'string' ? new TextEncoder().encode(entry) : entry;
    if (bytes.length > options.maxBytes) return { ok: false, reason: 'too-large', size: bytes.length, maxBytes: options.maxBytes };
    return {
      ok: true,
      handle: {
        size: bytes.length,
        mtimeMs: this.modified.get(path) ?? 0,
        read: async (buffer, position) => {
          const chunk = bytes.subarray(position, position + buffer.length);
          buffer.set(chunk);
          return chunk.length;
        },
        close: async () => undefined,
      },
    };
  }

  async realPath(path: string): Promise<string | undefined> {
    return this.files.has(path) ? path : undefined;
  }

  async findFiles(folder: string, glob: string, max: number): Promise<string[]> {
    const matches = globMatcher(glob);
    const found = [...this.files.keys()]
      .filter((path) => path.startsWith(folder + nodePath.sep) && matches(nodePath.relative(folder, path)))
      .filter((path) => !/(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(nodePath.relative(folder, path)))
      .sort();
    return found.slice(0, max);
  }

  async settings(path: string | undefined): Promise<Settings> {
    const folder = path === undefined ? undefined : this.folderList.find((each) => path === each || path.startsWith(each + nodePath.sep));
    const raw = (folder !== undefined ? this.rawSettings[folder] : undefined) ?? this.rawSettings['*'];
    return parseSettings(raw).settings;
  }

  onDidChange(listener: (change: WorkspaceChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Writes a file on "disk", as another program would, and says so. */
  writeFile(path: string, entry: MemoryEntry): void {
    this.files.set(path, entry);
    this.modified.set(path, Date.now());
    this.fire({ kind: 'files', paths: [path] });
  }

  deleteFile(path: string): void {
    this.files.delete(path);
    this.fire({ kind: 'files', paths: [path] });
  }

  /** Opens a document in the "editor", or changes its text; the version grows each time. */
  setDocument(path: string, text: string, languageId?: string): OpenDocument {
    const document = { path, text, version: (this.documents.get(path)?.version ?? 0) + 1, languageId };
    this.documents.set(path, document);
    this.fire({ kind: 'documents', paths: [path] });
    return document;
  }

  closeDocument(path: string): void {
    this.documents.delete(path);
    this.fire({ kind: 'documents', paths: [path] });
  }

  setSettings(settings: Record<string, unknown>): void {
    this.rawSettings = { ...settings };
    this.fire({ kind: 'settings' });
  }

  private fire(change: WorkspaceChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
