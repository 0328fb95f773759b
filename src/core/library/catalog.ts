import { oversizedLibraryFile, readLibraryContent, readLibraryFile, tooLargeResult, type LibraryFileContent, type LibraryFileResult, type ReadLibraryOptions } from './formats';
import { Library } from './library';
import type { ZoteroLibraryResult } from './zotero';
import { filterSignature, filterZoteroReferences, type ZoteroSource } from './zotero/source';
import type { FileHandle } from '../workspace';
import type { FileRead } from '../workspace/files';

/**
 * A BibTeX file on disk, open: read here a block of bytes at a time, awaiting each read, so neither its
 * whole bytes nor a copy for a worker are held (a 64.5 MB file peaks at about 245 MB instead of 606 MB)
 * and requests are answered between blocks. The catalog closes it.
 */
export interface OpenBibtexFile {
  handle: FileHandle;
}

/** How the catalog reaches a library file: an open document's text, an open BibTeX file, else the file's bytes; or why it cannot. */
export type LibraryFileSource = (path: string) => Promise<FileRead<LibraryFileContent | OpenBibtexFile>>;

/** Turns a file's text or bytes into entries. The service passes one that runs in a worker for big files. */
export type LibraryParser = (path: string, content: LibraryFileContent, options: ReadLibraryOptions) => Promise<LibraryFileResult>;

export const parseOnThisThread: LibraryParser = async (path, content, options) => readLibraryContent(path, content, options);

/** Reads a whole Zotero database (every library, every item); never throws. */
export type ZoteroReader = (database: string) => Promise<ZoteroLibraryResult>;

export interface LibraryRequest {
  /** Library files in the order the document names them (BibTeX macros flow from earlier to later files). */
  paths: readonly string[];
  /** The libraries shipped with CALM Cite, read-only, put first. */
  bundled: readonly string[];
  /** The user's Zotero database, read-only, put before the bundled libraries: the items the filter lets through. */
  zotero?: ZoteroSource;
}

export interface LibraryResolution {
  library: Library;
  /** Requested files that do not exist. */
  missing: string[];
  /** Requested files that exist but are not readable files (a folder, a FIFO, a device, no permission), with why. */
  unreadable: { path: string; message: string }[];
}

/** Why a requested library file has no entries at all. */
type Refused = { missing: true } | { missing: false; message: string };

/**
 * Reads library files once and keeps them until told a file changed, and hands out one `Library`
 * per distinct list of files. When a file changes only that file is read again; every library that
 * holds it gets the new entries the next time it is asked for. File results are never changed after
 * reading, so libraries share them.
 */
export class LibraryCatalog {
  private readonly files = new Map<string, Promise<LibraryFileResult | Refused>>();
  private readonly zoteroReads = new Map<string, Promise<ZoteroLibraryResult>>();
  /** What each filter sees of a database read: one result per read and filter, so libraries keep it while nothing changed. */
  private readonly zoteroViews = new WeakMap<ZoteroLibraryResult, Map<string, LibraryFileResult>>();
  private readonly libraries = new Map<string, Library>();

  constructor(
    private readonly source: LibraryFileSource,
    private readonly parse: LibraryParser = parseOnThisThread,
    /** Called once for each file or Zotero database actually (re-)read, for the log. */
    private readonly onRead?: (path: string, result: LibraryFileResult | ZoteroLibraryResult) => void,
    private readonly readZotero?: ZoteroReader,
  ) {}

  async resolve(request: LibraryRequest): Promise<LibraryResolution> {
    const zoteroSignature = request.zotero ? `${request.zotero.database}\u0002${filterSignature(request.zotero.filter)}` : '';
    const signature = `${zoteroSignature}\u0001${request.bundled.join('|')}\u0001${request.paths.join('|')}`;
    let library = this.libraries.get(signature);
    if (!library) {
      library = new Library();
      this.libraries.set(signature, library);
    }
    const wanted = new Set<string>();
    const missing: string[] = [];
    const unreadable: LibraryResolution['unreadable'] = [];
    if (request.zotero && this.readZotero) {
      const { database } = request.zotero;
      wanted.add(database);
      const view = this.zoteroView(await this.loadZotero(database), request.zotero);
      if (library.file(database) !== view) library.setFile(database, view);
    }
    let macros = new Map<string, string>();
    let macroOwners = '';
    for (const [path, kind] of [...request.bundled.map((path) => [path, 'bundled'] as const), ...request.paths.map((path) => [path, 'user'] as const)]) {
      if (wanted.has(path)) continue;
      wanted.add(path);
      const result = await this.load(path, kind, macros, macroOwners);
      if ('missing' in result) {
        if (result.missing) missing.push(path);
        else unreadable.push({ path, message: result.message });
        library.removeFile(path);
        continue;
      }
      if (library.file(path) !== result) library.setFile(path, result);
      if (result.macros.size > 0) {
        macros = new Map([...macros, ...result.macros]);
        macroOwners += `|${path}`;
      }
    }
    for (const path of library.filePaths()) {
      if (!wanted.has(path)) library.removeFile(path);
    }
    return { library, missing, unreadable };
  }

  /** Forget a file's entries; the next `resolve` that needs it reads it again. */
  invalidate(path: string): void {
    for (const cacheKey of [...this.files.keys()]) {
      if (cacheKey.startsWith(`${path}\u0000`)) this.files.delete(cacheKey);
    }
    this.zoteroReads.delete(path);
  }

  invalidateAll(): void {
    this.files.clear();
    this.zoteroReads.clear();
  }

  /** Whether a file has been asked for, so a change to it matters. */
  holds(path: string): boolean {
    if (this.zoteroReads.has(path)) return true;
    for (const cacheKey of this.files.keys()) if (cacheKey.startsWith(`${path}\u0000`)) return true;
    return false;
  }

  private loadZotero(database: string): Promise<ZoteroLibraryResult> {
    let pending = this.zoteroReads.get(database);
    if (!pending) {
      pending = this.readZotero!(database).then((result) => {
        this.onRead?.(database, result);
        return result;
      });
      this.zoteroReads.set(database, pending);
    }
    return pending;
  }

  private zoteroView(read: ZoteroLibraryResult, source: ZoteroSource): LibraryFileResult {
    let views = this.zoteroViews.get(read);
    if (!views) this.zoteroViews.set(read, (views = new Map()));
    const signature = filterSignature(source.filter);
    let view = views.get(signature);
    if (!view) {
      view = { format: 'zotero', references: filterZoteroReferences(read.references, source.filter), errors: read.errors, macros: new Map() };
      views.set(signature, view);
    }
    return view;
  }

  private load(path: string, kind: 'bundled' | 'user', macros: ReadonlyMap<string, string>, macroOwners: string): Promise<LibraryFileResult | Refused> {
    // A BibTeX file's entries depend on the macros of the files before it, so those are part of the key.
    const cacheKey = `${path}\u0000${kind}\u0000${macroOwners}`;
    let pending = this.files.get(cacheKey);
    if (!pending) {
      pending = this.source(path).then(async (read) => {
        if (!read.ok) {
          if (read.refusal.reason === 'missing') return { missing: true };
          if (read.refusal.reason === 'too-large') return tooLargeResult(path, read.refusal.size, read.refusal.maxBytes);
          // Not a file the user can open: reported where the document names it, not on the path itself.
          return { missing: false, message: read.message };
        }
        const content = read.value;
        const options = { library: kind, macros };
        const result =
          typeof content === 'object' && 'handle' in content
            ? await readLibraryFile(content.handle, path, options).finally(() => content.handle.close())
            : // A text from an open editor is not bounded by the file read: check it the same way.
              (oversizedLibraryFile(path, content) ?? (await this.parse(path, content, options)));
        this.onRead?.(path, result);
        return result;
      });
      this.files.set(cacheKey, pending);
    }
    return pending;
  }
}
