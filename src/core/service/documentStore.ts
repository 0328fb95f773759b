import * as nodePath from 'node:path';
import type { CitationLanguage } from '../citations/types';
import { citationLanguageOf, citingDocument, type CitingDocument } from '../documents';
import { MAX_CITATION_DOCUMENT_LENGTH } from '../limits';
import type { Workspace } from '../workspace';
import { isWithin, readText, refusalMessage, type FileRead } from '../workspace/files';

/** How a document is wanted: as the editor shows it (unsaved text first), or as saved (what a PDF was built from). */
export type Freshness = 'editor' | 'saved';

/**
 * Every document and project file the service reads, each version read and analysed once: an open
 * document by its editor version, a file on disk until the workspace says it changed. Reads stay inside
 * the project (the workspace folder that holds the document, or the document's own folder when it is in
 * none) unless the path was named on purpose (settings, command-line flags).
 */
export class DocumentStore {
  private readonly open = new Map<string, { version: number; document: CitingDocument }>();
  private readonly disk = new Map<string, Promise<FileRead<CitingDocument>>>();
  private readonly raw = new Map<string, Promise<FileRead<string>>>();

  constructor(
    private readonly workspace: Workspace,
    private readonly maxBytes = MAX_CITATION_DOCUMENT_LENGTH,
  ) {}

  /** The document at `path` in the syntax its name (or `language`) says. */
  async document(path: string, freshness: Freshness = 'editor', language?: CitationLanguage): Promise<FileRead<CitingDocument>> {
    const open = freshness === 'editor' ? this.workspace.openDocument(path) : undefined;
    const syntax = language ?? citationLanguageOf(path, open?.languageId) ?? 'latex';
    if (open) {
      const cached = this.open.get(path);
      if (cached?.version === open.version && cached.document.language === syntax) return { ok: true, value: cached.document };
      const document = citingDocument(path, open.text, syntax);
      this.open.set(path, { version: open.version, document });
      return { ok: true, value: document };
    }
    let pending = this.disk.get(`${syntax}:${path}`);
    if (!pending) {
      pending = readText(this.workspace, path, this.maxBytes).then((read) => (read.ok ? { ok: true, value: citingDocument(path, read.value, syntax) } : read));
      this.disk.set(`${syntax}:${path}`, pending);
    }
    return pending;
  }

  /** A project file that is not a document (`_quarto.yml`, `index.Rmd` of a book), as the editor shows it. */
  async text(path: string, freshness: Freshness = 'editor'): Promise<FileRead<string>> {
    const open = freshness === 'editor' ? this.workspace.openDocument(path) : undefined;
    if (open) return { ok: true, value: open.text };
    let pending = this.raw.get(path);
    if (!pending) {
      pending = readText(this.workspace, path, this.maxBytes);
      this.raw.set(path, pending);
    }
    return pending;
  }

  /** Files changed on disk, or open documents changed or closed: forget what was read of them. */
  forget(paths: readonly string[]): void {
    for (const path of paths) {
      this.open.delete(path);
      this.raw.delete(path);
      for (const key of [...this.disk.keys()]) if (key.endsWith(`:${path}`)) this.disk.delete(key);
    }
  }

  forgetAll(): void {
    this.open.clear();
    this.disk.clear();
    this.raw.clear();
  }

  /** The folder whose files a document's project may read: its workspace folder, else its own folder. */
  projectFolder(documentPath: string): string {
    const folders = this.workspace.folders().filter((folder) => isWithin(folder, documentPath));
    // The innermost folder, when workspace folders nest.
    return folders.sort((a, b) => b.length - a.length)[0] ?? nodePath.dirname(documentPath);
  }

  /**
   * Whether a file named by a document of the project in `folder` may be read: it lies inside the folder,
   * also once symbolic links are resolved (a link inside the project may point anywhere).
   */
  async insideProject(folder: string, path: string): Promise<boolean> {
    if (!isWithin(folder, path)) return false;
    const real = await this.workspace.realPath(path);
    if (real === undefined) return true; // a missing file: reading it reports that it is missing
    const realFolder = (await this.workspace.realPath(folder)) ?? folder;
    return isWithin(realFolder, real);
  }

  /** The refusal for a path outside the project, as a failed read, so every caller reports it the same way. */
  outside<T>(folder: string, path: string): FileRead<T> {
    const refusal = { reason: 'outside' as const, root: folder };
    return { ok: false, refusal, message: refusalMessage(path, refusal) };
  }
}
