import type { LibraryFileResult } from './formats';
import type { LibraryError, Reference } from './reference';
import { SearchIndex, type SearchHit, type SearchOptions } from '../search/searchIndex';

/**
 * The references one document can see: the files of its scope, in the order they were added (the
 * bundled CALM library first when it is on). Files are replaced one at a time, so a change to one
 * file never re-reads the others.
 */
export class Library {
  private readonly files = new Map<string, LibraryFileResult>();
  private keyIndex: Map<string, Reference[]> | undefined;
  private version = 0;
  /** Built on the first search, then updated file by file: the CLI never pays for it. */
  private searchIndex: SearchIndex | undefined;
  private readonly filesToReindex = new Set<string>();

  /** Bumped on every change, so callers can cache what they derive from the library. */
  get generation(): number {
    return this.version;
  }

  setFile(path: string, result: LibraryFileResult): void {
    this.files.set(path, result);
    this.changed(path);
  }

  removeFile(path: string): boolean {
    const removed = this.files.delete(path);
    if (removed) this.changed(path);
    return removed;
  }

  /**
   * Ranked search over key, authors, title, year, venue and topics (see `SearchIndex`). A bundled entry
   * whose key a user file also defines (typically the copy CALM Cite made when the key was cited) is
   * left out: the user's entry is the one the document's bibliography uses.
   */
  search(query: string, options?: SearchOptions): SearchHit[] {
    if (!this.searchIndex) {
      this.searchIndex = new SearchIndex();
      for (const path of this.files.keys()) this.filesToReindex.add(path);
    }
    for (const path of this.filesToReindex) this.searchIndex.replaceFile(path, this.files.get(path)?.references ?? []);
    this.filesToReindex.clear();
    const shadowed = (reference: Reference) => reference.library === 'bundled' && this.lookupAll(reference.key).some((other) => other.library !== 'bundled');
    let hidden = 0;
    for (const reference of this.bundledReferences()) if (shadowed(reference)) hidden++;
    if (hidden === 0) return this.searchIndex.search(query, options);
    const limit = options?.limit ?? 100;
    return this.searchIndex
      .search(query, { ...options, limit: limit + hidden })
      .filter((hit) => !shadowed(hit.reference))
      .slice(0, limit);
  }

  private *bundledReferences(): IterableIterator<Reference> {
    for (const file of this.files.values()) if (file.references[0]?.library === 'bundled') yield* file.references;
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  filePaths(): string[] {
    return [...this.files.keys()];
  }

  file(path: string): LibraryFileResult | undefined {
    return this.files.get(path);
  }

  *references(): IterableIterator<Reference> {
    for (const file of this.files.values()) yield* file.references;
  }

  get size(): number {
    let count = 0;
    for (const file of this.files.values()) count += file.references.length;
    return count;
  }

  errors(): LibraryError[] {
    return [...this.files.values()].flatMap((file) => file.errors);
  }

  /** Every definition of a key, in file order; more than one means the key is defined twice. */
  lookupAll(key: string): readonly Reference[] {
    return this.keys().get(key) ?? [];
  }

  lookup(key: string): Reference | undefined {
    return this.keys().get(key)?.[0];
  }

  keys(): ReadonlyMap<string, Reference[]> {
    if (!this.keyIndex) {
      const index = new Map<string, Reference[]>();
      for (const reference of this.references()) {
        const list = index.get(reference.key);
        if (list) list.push(reference);
        else index.set(reference.key, [reference]);
      }
      this.keyIndex = index;
    }
    return this.keyIndex;
  }

  private changed(path: string): void {
    if (this.searchIndex) this.filesToReindex.add(path);
    this.keyIndex = undefined;
    this.version++;
  }
}
