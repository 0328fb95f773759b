import type { LibraryFileResult } from '../library/formats';
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
 * The library's duplicates, computed once per library generation: the editor checks on every pause in
 * typing while the library rarely changes. The identifiers of each file are gathered once per file (see
 * `fileIdentifiers`), so a change to a small .bib beside a 90k-entry one costs a pass over the small one.
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

/** A file's entries by identifier: `ids` sorted, `references[i]` has `ids[i]`, `positions[i]` is its index in the file. */
interface FileIdentifiers {
  ids: string[];
  references: Reference[];
  positions: Int32Array;
}

const identifiersByFile = new WeakMap<LibraryFileResult, FileIdentifiers>();

/**
 * A file's identifiers, kept with the file's result, which every library holding the file shares. Not kept
 * for a file with crossref entries: those may inherit a DOI from a parent in another file.
 */
function fileIdentifiers(file: LibraryFileResult): FileIdentifiers {
  const kept = identifiersByFile.get(file);
  if (kept) return kept;
  // `id NUL position` strings sort with the engine's own string order, faster than objects and a comparator;
  // positions are padded, so an identifier's entries stay in file order.
  const pairs: string[] = [];
  file.references.forEach((reference, position) => {
    const padded = String(position).padStart(8, '0');
    const doi = reference.doi;
    if (doi) pairs.push(`doi:${doi.toLowerCase()}\u0000${padded}`);
    const arxiv = reference.arxiv;
    if (arxiv) pairs.push(`arxiv:${arxiv.replace(/v\d+$/, '')}\u0000${padded}`);
  });
  pairs.sort();
  const identifiers: FileIdentifiers = { ids: [], references: [], positions: new Int32Array(pairs.length) };
  pairs.forEach((pair, index) => {
    const split = pair.lastIndexOf('\u0000');
    const position = Number(pair.slice(split + 1));
    identifiers.ids.push(pair.slice(0, split));
    identifiers.references.push(file.references[position]!);
    identifiers.positions[index] = position;
  });
  if (!file.references.some((reference) => reference.fields.crossref !== undefined)) identifiersByFile.set(file, identifiers);
  return identifiers;
}

/**
 * Identifiers two or more keys share, in the order the library first has them; the entries in library
 * order, one per key. Candidates are identifiers that repeat inside a file, or that a smaller file shares
 * with a bigger one (looked up by binary search), so no pass over a big file is needed when it did not change.
 */
function duplicateIdentifiers(library: Library): Map<string, readonly Reference[]> {
  const files = library.filePaths().map((path) => fileIdentifiers(library.file(path)!));
  const candidates = new Set<string>();
  for (const file of files) {
    for (let index = 1; index < file.ids.length; index++) if (file.ids[index] === file.ids[index - 1]) candidates.add(file.ids[index]!);
  }
  files.forEach((file, fileIndex) => {
    for (const other of files.slice(fileIndex + 1)) {
      const [small, big] = file.ids.length <= other.ids.length ? [file, other] : [other, file];
      for (const id of small.ids) if (big.ids[lowerBound(big.ids, id)] === id) candidates.add(id);
    }
  });

  const found: { id: string; references: Reference[]; first: [number, number] }[] = [];
  for (const id of candidates) {
    const references: Reference[] = [];
    let first: [number, number] | undefined;
    files.forEach((file, fileIndex) => {
      for (let index = lowerBound(file.ids, id); file.ids[index] === id; index++) {
        const reference = file.references[index]!;
        first ??= [fileIndex, file.positions[index]!];
        if (!references.some((other) => other.key === reference.key)) references.push(reference);
      }
    });
    if (references.length > 1) found.push({ id, references, first: first! });
  }
  // An entry's DOI comes before its arXiv id.
  const kind = (id: string) => (id.startsWith('doi:') ? 0 : 1);
  found.sort((a, b) => a.first[0] - b.first[0] || a.first[1] - b.first[1] || kind(a.id) - kind(b.id));
  return new Map(found.map(({ id, references }) => [id, references]));
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
