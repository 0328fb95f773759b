import type { LibraryFileResult } from './formats';
import { isOutsideBibliography, type LibraryError, type Reference } from './reference';
import { resolveCrossrefs } from './bibtex/crossref';
import { SearchIndex, type SearchHit, type SearchOptions } from '../search/searchIndex';

/** The references of one file as this library sees them: crossref children have inherited from their parents. */
interface FileView {
  references: Reference[];
  problems: LibraryError[];
}

/**
 * The references one document can see: the files of its scope, in the order they were added (the
 * bundled CALM library first when it is on). Files are replaced one at a time, so a change to one
 * file never re-reads the others. File results are shared between libraries and never changed:
 * what depends on the other files (crossref inheritance) is derived per library, on first use after
 * a change.
 */
export class Library {
  private readonly files = new Map<string, LibraryFileResult>();
  private views: Map<string, FileView> | undefined;
  private keyIndex: Map<string, Reference[]> | undefined;
  private version = 0;
  /** Built on the first search, then updated file by file: the CLI never pays for it. */
  private searchIndex: SearchIndex | undefined;
  private readonly indexed = new Map<string, readonly Reference[]>();
  private shadowedCount: { version: number; count: number } | undefined;

  /** Bumped on every change, so callers can cache what they derive from the library. */
  get generation(): number {
    return this.version;
  }

  setFile(path: string, result: LibraryFileResult): void {
    this.files.set(path, result);
    this.changed();
  }

  removeFile(path: string): boolean {
    const removed = this.files.delete(path);
    if (removed) this.changed();
    return removed;
  }

  /**
   * Ranked search over key, authors, title, year, venue and topics (see `SearchIndex`). A Zotero or
   * bundled entry whose key a user file also defines (typically the copy CALM Cite made when the key was
   * cited) is left out: the user's entry is the one the document's bibliography uses.
   */
  search(query: string, options?: SearchOptions): SearchHit[] {
    const searchIndex = this.prepareSearch();
    const views = this.fileViews();
    const shadowed = (reference: Reference) => isOutsideBibliography(reference) && this.lookupAll(reference.key).some((other) => !isOutsideBibliography(other));
    if (this.shadowedCount?.version !== this.version) {
      let count = 0;
      for (const view of views.values()) {
        // Only Zotero and the bundled files can hold shadowed entries; a 90k-entry user file is never walked.
        if (!view.references[0] || !isOutsideBibliography(view.references[0])) continue;
        for (const reference of view.references) if (shadowed(reference)) count++;
      }
      // Counted once per change of the library, not per keystroke: a Zotero library has tens of thousands of items.
      this.shadowedCount = { version: this.version, count };
    }
    const hidden = this.shadowedCount.count;
    if (hidden === 0) return searchIndex.search(query, options);
    const limit = options?.limit ?? 100;
    return searchIndex
      .search(query, { ...options, limit: limit + hidden })
      .filter((hit) => !shadowed(hit.reference))
      .slice(0, limit);
  }

  /**
   * Brings the search index up to date with the files (a file's index is rebuilt only when the file
   * changed). The editor calls it once a document's libraries are read, so the first list does not wait
   * for the index of a 90,000-entry file (1.3-2 s).
   */
  prepareSearch(): SearchIndex {
    this.searchIndex ??= new SearchIndex();
    const views = this.fileViews();
    for (const [path, view] of views) {
      if (this.indexed.get(path) === view.references) continue;
      this.searchIndex.replaceFile(path, view.references);
      this.indexed.set(path, view.references);
    }
    for (const path of [...this.indexed.keys()]) {
      if (views.has(path)) continue;
      this.searchIndex.replaceFile(path, []);
      this.indexed.delete(path);
    }
    return this.searchIndex;
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  filePaths(): string[] {
    return [...this.files.keys()];
  }

  /** A file as read, shared with every library that holds it. */
  file(path: string): LibraryFileResult | undefined {
    return this.files.get(path);
  }

  /** A file's references as this library sees them (after crossref inheritance). */
  fileReferences(path: string): readonly Reference[] {
    return this.fileViews().get(path)?.references ?? [];
  }

  *references(): IterableIterator<Reference> {
    for (const view of this.fileViews().values()) yield* view.references;
  }

  get size(): number {
    let count = 0;
    for (const file of this.files.values()) count += file.references.length;
    return count;
  }

  errors(): LibraryError[] {
    return [...this.fileViews()].flatMap(([path, view]) => [...this.files.get(path)!.errors, ...view.problems]);
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

  private fileViews(): Map<string, FileView> {
    if (this.views) return this.views;
    const all = [...this.files.values()].flatMap((file) => file.references);
    const { references, problems } = resolveCrossrefs(all);
    const problemsByFile = new Map<string, LibraryError[]>();
    for (const problem of problems) {
      const list = problemsByFile.get(problem.reference.source.path) ?? [];
      list.push({ ...problem.reference.source, message: problem.message });
      problemsByFile.set(problem.reference.source.path, list);
    }
    this.views = new Map();
    let offset = 0;
    for (const [path, file] of this.files) {
      const count = file.references.length;
      const derived = references.slice(offset, offset + count);
      offset += count;
      // Keep the file's own array when nothing in it inherited, so the search index need not rebuild it.
      const same = derived.every((reference, index) => reference === file.references[index]);
      this.views.set(path, { references: same ? file.references : derived, problems: problemsByFile.get(path) ?? [] });
    }
    return this.views;
  }

  private changed(): void {
    this.views = undefined;
    this.keyIndex = undefined;
    this.version++;
  }
}

/**
 * The definition a document's citation of a key uses: the first in a library file BibTeX or Pandoc reads,
 * else the first outside them (Zotero's before the bundled library's, as the catalog orders them).
 */
export function preferredDefinition(definitions: readonly Reference[]): Reference | undefined {
  return definitions.find((reference) => !isOutsideBibliography(reference)) ?? definitions[0];
}
