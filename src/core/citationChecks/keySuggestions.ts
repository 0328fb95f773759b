import type { LibraryFileResult } from '../library/formats';
import type { Library } from '../library/library';
import { KeyNeighbours, nearestAmong } from '../library/nearestKeys';

/** Each file's keys prepared once: a file result is shared by every library that holds it and replaced when the file changes. */
const neighboursByFile = new WeakMap<LibraryFileResult, KeyNeighbours>();
const cache = new WeakMap<Library, { generation: number; groups: KeyNeighbours[]; byKey: Map<string, string[]> }>();

/**
 * The keys to suggest for an undefined one (`nearestKeys`), kept per library generation: the editor
 * re-checks the same undefined keys on every pause in typing, and a new one (the key being typed) on
 * most. Each file's keys are sorted once, so a change to a small .bib does not redo a 90k-entry one.
 */
export function keySuggestions(library: Library, key: string): string[] {
  let cached = cache.get(library);
  if (cached?.generation !== library.generation) {
    const groups = library.filePaths().map((path) => {
      const file = library.file(path)!;
      let neighbours = neighboursByFile.get(file);
      if (!neighbours) neighboursByFile.set(file, (neighbours = new KeyNeighbours(file.references.map((reference) => reference.key))));
      return neighbours;
    });
    cached = { generation: library.generation, groups, byKey: new Map() };
    cache.set(library, cached);
  }
  let suggestions = cached.byKey.get(key);
  if (!suggestions) {
    suggestions = nearestAmong(cached.groups, key);
    cached.byKey.set(key, suggestions);
  }
  return suggestions;
}
