import type { Library } from '../library/library';
import { nearestKeys } from '../library/nearestKeys';

const cache = new WeakMap<Library, { generation: number; byKey: Map<string, string[]> }>();

/**
 * The keys to suggest for an undefined one, kept per library generation: each lookup walks every key
 * of the library, and the editor re-checks the same undefined keys on every pause in typing.
 */
export function keySuggestions(library: Library, key: string): string[] {
  let cached = cache.get(library);
  if (cached?.generation !== library.generation) {
    cached = { generation: library.generation, byKey: new Map() };
    cache.set(library, cached);
  }
  let suggestions = cached.byKey.get(key);
  if (!suggestions) {
    suggestions = nearestKeys(key, library.keys().keys());
    cached.byKey.set(key, suggestions);
  }
  return suggestions;
}
