import type { Settings } from './settings';

/**
 * The one way the core reaches the world: the folders the user opened, the documents open in an
 * editor (their unsaved text wins over the disk), files read by bounded handles, file search,
 * settings per folder and change events. Three implementations: Node's (`workspace/nodeWorkspace.ts`,
 * for the CLI and the language server), the in-memory one the unit tests use
 * (`workspace/memoryWorkspace.ts`), and the language server's, which puts the client's open documents
 * and settings over Node's. Paths are absolute, in the platform's form.
 */
export interface Workspace {
  /** The folders the user opened; documents outside them are a project of their own folder. */
  folders(): readonly string[];
  /** A document open in the editor, with its unsaved text; undefined when it is not open. */
  openDocument(path: string): OpenDocument | undefined;
  openDocuments(): readonly OpenDocument[];
  /**
   * Opens a file for reading, never blocking: what is not a regular file (a folder, a FIFO, a device,
   * a socket) or is larger than `maxBytes` is refused by what the open handle says, before any read.
   */
  open(path: string, options: { maxBytes: number }): Promise<FileOpen>;
  /** The path with symbolic links resolved, or undefined when it does not exist. */
  realPath(path: string): Promise<string | undefined>;
  /** Files under `folder` matching a glob (`**\/*.tex`), sorted, at most `max`; `node_modules` and `.git` are never searched. */
  findFiles(folder: string, glob: string, max: number): Promise<string[]>;
  /** The `calmCite.*` settings that apply to a path (its folder's), validated. */
  settings(path: string | undefined): Promise<Settings>;
  /** Files, open documents or settings changed; the service drops what it derived from them. */
  onDidChange(listener: (change: WorkspaceChange) => void): Disposable;
}

export interface OpenDocument {
  path: string;
  text: string;
  /** Grows with every edit, so what was derived from one version can be kept until the next. */
  version: number;
  /** The editor's language id (`latex`, `markdown`, `quarto`, ...), when it knows one. */
  languageId?: string;
}

/** What happened, by path; `settings` means any setting may have changed. */
export type WorkspaceChange =
  | { kind: 'files'; paths: readonly string[] }
  | { kind: 'documents'; paths: readonly string[] }
  | { kind: 'settings' };

export interface Disposable {
  dispose(): void;
}

/** A regular file opened for reading; `read` fills `buffer` from `position` and returns the bytes read (0 at the end). */
export interface FileHandle {
  readonly size: number;
  /** When the file was last modified (ms since the epoch), from the open handle. */
  readonly mtimeMs: number;
  read(buffer: Uint8Array, position: number): Promise<number>;
  close(): Promise<void>;
}

/** Why a file was not opened. */
export type FileRefusal =
  | { reason: 'missing' }
  | { reason: 'not-a-file'; kind: 'directory' | 'fifo' | 'device' | 'socket' | 'other' }
  | { reason: 'too-large'; size: number; maxBytes: number }
  | { reason: 'unreadable'; detail: string };

export type FileOpen = { ok: true; handle: FileHandle } | ({ ok: false } & FileRefusal);

/** The contract the editors' tokens (VS Code's, LSP's) already meet. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: CancellationToken = { isCancellationRequested: false };

/** Thrown by the service when a request's token is cancelled; adapters answer the editor's cancellation with it. */
export class RequestCancelled extends Error {
  constructor() {
    super('The request was cancelled.');
  }
}

export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new RequestCancelled();
}
