import { oversizedLibraryFile, readLibraryContent, tooLargeResult, type LibraryFileContent, type LibraryFileResult, type ReadLibraryOptions } from './formats';
import { Library } from './library';
import type { FileRead } from '../workspace/files';

/** How the catalog reaches a library file: an open document's text, else the file's bytes; or why it cannot. */
export type LibraryFileSource = (path: string) => Promise<FileRead<LibraryFileContent>>;

/** Turns a file's text or bytes into entries. The service passes one that runs in a worker for big files. */
export type LibraryParser = (path: string, content: LibraryFileContent, options: ReadLibraryOptions) => Promise<LibraryFileResult>;

export const parseOnThisThread: LibraryParser = async (path, content, options) => readLibraryContent(path, content, options);

export interface LibraryRequest {
  /** Library files in the order the document names them (BibTeX macros flow from earlier to later files). */
  paths: readonly string[];
  /** The libraries shipped with CALM Cite, read-only, put first. */
  bundled: readonly string[];
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
  private readonly libraries = new Map<string, Library>();

  constructor(
    private readonly source: LibraryFileSource,
    private readonly parse: LibraryParser = parseOnThisThread,
    /** Called once for each file actually (re-)read, for the log. */
    private readonly onRead?: (path: string, result: LibraryFileResult) => void,
  ) {}

  async resolve(request: LibraryRequest): Promise<LibraryResolution> {
    const signature = `${request.bundled.join('|')}\u0001${request.paths.join('|')}`;
    let library = this.libraries.get(signature);
    if (!library) {
      library = new Library();
      this.libraries.set(signature, library);
    }
    const wanted = new Set<string>();
    const missing: string[] = [];
    const unreadable: LibraryResolution['unreadable'] = [];
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
  }

  invalidateAll(): void {
    this.files.clear();
  }

  /** Whether a file has been asked for, so a change to it matters. */
  holds(path: string): boolean {
    for (const cacheKey of this.files.keys()) if (cacheKey.startsWith(`${path}\u0000`)) return true;
    return false;
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
        // A text from an open editor is not bounded by the file read: check it the same way.
        const result = oversizedLibraryFile(path, read.value) ?? (await this.parse(path, read.value, { library: kind, macros }));
        this.onRead?.(path, result);
        return result;
      });
      this.files.set(cacheKey, pending);
    }
    return pending;
  }
}
