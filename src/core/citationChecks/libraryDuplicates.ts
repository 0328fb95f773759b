import type { Library } from '../library/library';
import type { Reference } from '../library/reference';

/** Keys defined more than once, and papers (one DOI or arXiv id) entered under more than one key. */
export interface LibraryDuplicates {
  keys: ReadonlyMap<string, readonly Reference[]>;
  /** `doi:<lower-case doi>` or `arxiv:<id without version>` -> the entries that share it, two or more keys. */
  identifiers: ReadonlyMap<string, readonly Reference[]>;
}

const cache = new WeakMap<Library, { generation: number; duplicates: LibraryDuplicates }>();

/**
 * The library's duplicates, computed once per library generation: finding them walks every entry,
 * which at 100k entries costs more than checking a document's citations, and the editor checks on
 * every pause in typing while the library rarely changes.
 */
export function libraryDuplicates(library: Library): LibraryDuplicates {
  const cached = cache.get(library);
  if (cached?.generation === library.generation) return cached.duplicates;
  const duplicates = { keys: duplicateKeys(library), identifiers: duplicateIdentifiers(library) };
  cache.set(library, { generation: library.generation, duplicates });
  return duplicates;
}

function duplicateKeys(library: Library): Map<string, readonly Reference[]> {
  const duplicates = new Map<string, readonly Reference[]>();
  for (const [key, definitions] of library.keys()) if (definitions.length > 1) duplicates.set(key, definitions);
  return duplicates;
}

function duplicateIdentifiers(library: Library): Map<string, readonly Reference[]> {
  const byIdentifier = new Map<string, Reference[]>();
  for (const reference of library.references()) {
    const identifiers = [reference.doi && `doi:${reference.doi.toLowerCase()}`, reference.arxiv && `arxiv:${reference.arxiv.replace(/v\d+$/, '')}`];
    for (const identifier of identifiers) {
      if (!identifier) continue;
      const list = byIdentifier.get(identifier);
      if (list) {
        if (!list.some((other) => other.key === reference.key)) list.push(reference);
      } else byIdentifier.set(identifier, [reference]);
    }
  }
  const duplicates = new Map<string, readonly Reference[]>();
  for (const [identifier, references] of byIdentifier) if (references.length > 1) duplicates.set(identifier, references);
  return duplicates;
}
