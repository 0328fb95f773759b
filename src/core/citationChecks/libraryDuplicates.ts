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

/**
 * A file's entries sorted by identifier: entry `i` is `references[i]`, its identifier is its DOI when
 * `isArxiv[i]` is 0 and its arXiv id otherwise (an entry with both is there twice), `positions[i]` is its
 * index in the file. The identifiers themselves are not kept (90k strings, ~6 MB): `idAt` computes one when a
 * lookup compares it. `repeated` holds those that two entries of the file share.
 */
interface FileIdentifiers {
  references: Reference[];
  isArxiv: Uint8Array;
  positions: Int32Array;
  repeated: string[];
}

const identifiersByFile = new WeakMap<LibraryFileResult, FileIdentifiers>();

function doiId(reference: Reference): string | undefined {
  const doi = reference.doi;
  return doi ? `doi:${doi.toLowerCase()}` : undefined;
}

function arxivId(reference: Reference): string | undefined {
  const arxiv = reference.arxiv;
  return arxiv ? `arxiv:${arxiv.replace(/v\d+$/, '')}` : undefined;
}

function idAt(file: FileIdentifiers, index: number): string {
  const reference = file.references[index]!;
  return (file.isArxiv[index] ? arxivId(reference) : doiId(reference))!;
}

/**
 * A file's identifiers, kept with the file's result, which every library holding the file shares. Not kept
 * for a file with crossref entries: those may inherit a DOI from a parent in another file.
 */
function fileIdentifiers(file: LibraryFileResult): FileIdentifiers {
  const kept = identifiersByFile.get(file);
  if (kept) return kept;
  // `id NUL kind position` strings sort with the engine's own string order, faster than objects and a
  // comparator; positions are padded, so an identifier's entries stay in file order.
  const pairs: string[] = [];
  file.references.forEach((reference, position) => {
    const padded = String(position).padStart(8, '0');
    const doi = doiId(reference);
    if (doi) pairs.push(`${doi}\u00000${padded}`);
    const arxiv = arxivId(reference);
    if (arxiv) pairs.push(`${arxiv}\u00001${padded}`);
  });
  pairs.sort();
  const identifiers: FileIdentifiers = { references: [], isArxiv: new Uint8Array(pairs.length), positions: new Int32Array(pairs.length), repeated: [] };
  let previous: string | undefined;
  pairs.forEach((pair, index) => {
    const split = pair.lastIndexOf('\u0000');
    const id = pair.slice(0, split);
    const position = Number(pair.slice(split + 2));
    identifiers.references.push(file.references[position]!);
    identifiers.isArxiv[index] = pair.charCodeAt(split + 1) === 0x31 ? 1 : 0;
    identifiers.positions[index] = position;
    if (id === previous && identifiers.repeated.at(-1) !== id) identifiers.repeated.push(id);
    previous = id;
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
  for (const file of files) for (const id of file.repeated) candidates.add(id);
  files.forEach((file, fileIndex) => {
    for (const other of files.slice(fileIndex + 1)) {
      const [small, big] = file.references.length <= other.references.length ? [file, other] : [other, file];
      for (let index = 0; index < small.references.length; index++) {
        const id = idAt(small, index);
        const { start, end } = rangeOf(big, id);
        if (start < end) candidates.add(id);
      }
    }
  });

  const found: { id: string; references: Reference[]; first: [number, number] }[] = [];
  for (const id of candidates) {
    const references: Reference[] = [];
    let first: [number, number] | undefined;
    files.forEach((file, fileIndex) => {
      const { start, end } = rangeOf(file, id);
      for (let index = start; index < end; index++) {
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

/** The entries of `file` with identifier `id`: indices [start, end) of its sorted entries. */
function rangeOf(file: FileIdentifiers, id: string): { start: number; end: number } {
  const bound = (after: boolean) => {
    let low = 0;
    let high = file.references.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = idAt(file, middle);
      if (other < id || (after && other === id)) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return { start: bound(false), end: bound(true) };
}
