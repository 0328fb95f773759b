import { resolveCrossrefs } from './bibtex';
import { loadBundledLibraries } from './bundled';
import { oversizedLibraryFile, readLibraryContent, type LibraryFileContent, type LibraryFileResult, type ReadLibraryOptions } from './formats';
import { Library } from './library';

/** How the catalog reaches files: `undefined` when a file is missing or unreadable. */
export interface LibraryFileSource {
  readFile(path: string): Promise<string | undefined>;
  /**
   * A library file as the source has it: bytes for a file read from disk, which a BibTeX reader decodes a
   * run of entries at a time (a big file's whole text never exists). Without it the catalog uses `readFile`.
   */
  readLibraryFile?(path: string): Promise<LibraryFileContent | undefined>;
}

/** Turns a file's text or bytes into entries. The extension passes one that runs in a worker for big files. */
export type LibraryParser = (path: string, content: LibraryFileContent, options: ReadLibraryOptions) => Promise<LibraryFileResult>;

export const parseOnThisThread: LibraryParser = async (path, content, options) => readLibraryContent(path, content, options);

export interface LibraryRequest {
  /** Library files in the order the document names them (BibTeX macros flow from earlier to later files). */
  paths: readonly string[];
  includeBundled: boolean;
}

export interface LibraryResolution {
  library: Library;
  /** Requested files that could not be read. */
  missing: string[];
}

/**
 * Reads library files once and keeps them until told a file changed, and hands out one `Library`
 * per distinct list of files. When a file changes only that file is read again; every library that
 * holds it gets the new entries the next time it is asked for.
 */
export class LibraryCatalog {
  private readonly files = new Map<string, Promise<LibraryFileResult | undefined>>();
  private readonly libraries = new Map<string, Library>();

  constructor(
    private readonly source: LibraryFileSource,
    private readonly parse: LibraryParser = parseOnThisThread,
    /** Overrides `MAX_LIBRARY_FILE_BYTES` (tests use a small one). */
    private readonly maxFileBytes?: number,
  ) {}

  async resolve(request: LibraryRequest): Promise<LibraryResolution> {
    const signature = `${request.includeBundled ? 'bundled' : ''}|${request.paths.join('|')}`;
    let library = this.libraries.get(signature);
    if (!library) {
      library = new Library();
      this.libraries.set(signature, library);
    }
    const wanted = new Set<string>();
    const missing: string[] = [];
    let changed = false;
    if (request.includeBundled) {
      for (const bundled of loadBundledLibraries()) {
        wanted.add(bundled.path);
        changed = setIfChanged(library, bundled.path, bundled.result) || changed;
      }
    }
    let macros = new Map<string, string>();
    let macroOwners = '';
    for (const path of request.paths) {
      if (wanted.has(path)) continue;
      wanted.add(path);
      const result = await this.load(path, macros, macroOwners);
      if (!result) {
        missing.push(path);
        changed = library.removeFile(path) || changed;
        continue;
      }
      changed = setIfChanged(library, path, result) || changed;
      if (result.macros.size > 0) {
        macros = new Map([...macros, ...result.macros]);
        macroOwners += `|${path}`;
      }
    }
    for (const path of library.filePaths()) {
      if (!wanted.has(path)) changed = library.removeFile(path) || changed;
    }
    if (changed) resolveCrossrefs([...library.references()]);
    return { library, missing };
  }

  /** Forget a file's entries; the next `resolve` that needs it reads it again. */
  invalidate(path: string): void {
    for (const cacheKey of [...this.files.keys()]) {
      if (cacheKey === path || cacheKey.startsWith(`${path}\u0000`)) this.files.delete(cacheKey);
    }
  }

  /** The files currently read, for watching them. */
  loadedPaths(): string[] {
    return [...new Set([...this.files.keys()].map((cacheKey) => cacheKey.split('\u0000')[0]!))];
  }

  private load(path: string, macros: ReadonlyMap<string, string>, macroOwners: string): Promise<LibraryFileResult | undefined> {
    // A BibTeX file's entries depend on the macros of the files before it, so those are part of the key.
    const cacheKey = `${path}\u0000${macroOwners}`;
    let pending = this.files.get(cacheKey);
    if (!pending) {
      // An oversized file is refused here, before its content is copied to the parsing worker.
      const read = this.source.readLibraryFile ? this.source.readLibraryFile(path) : this.source.readFile(path);
      pending = read.then((content) =>
        content === undefined ? undefined : (oversizedLibraryFile(path, content, this.maxFileBytes) ?? this.parse(path, content, { library: 'user', macros })),
      );
      this.files.set(cacheKey, pending);
    }
    return pending;
  }
}

function setIfChanged(library: Library, path: string, result: LibraryFileResult): boolean {
  if (library.file(path) === result) return false;
  library.setFile(path, result);
  return true;
}
