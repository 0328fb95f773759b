import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { readLibraryText, type LibraryFileResult } from './formats';
import type { Reference } from './reference';

/** The workshop's 30 selected references, tagged by the four directions. */
export const SELECTED_LIBRARY_FILE = 'calm2024-references.bib';
/** The CALM 2024 accepted papers whose authors were verified (media/library/README-accepted.md upstream). */
export const ACCEPTED_LIBRARY_FILE = 'calm2024-accepted.bib';
/** The same accepted papers as CSL-JSON: the one place that records each paper's position on the accepted-papers page. */
const ACCEPTED_CSL_FILE = 'calm2024-accepted.json';

/** The bundled library files, in the order they are read. */
export const BUNDLED_LIBRARY_FILES = [SELECTED_LIBRARY_FILE, ACCEPTED_LIBRARY_FILE] as const;

/**
 * Where the CALM 2024 libraries shipped with CALM Cite lie. The same code runs from `src/` (tests),
 * `dist/` (the bundles) and an installed extension, so the folder is found by walking up to the
 * package root rather than by a fixed relative path.
 */
export function bundledLibraryDir(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    const candidate = path.join(dir, 'media', 'library');
    if (fs.existsSync(path.join(candidate, SELECTED_LIBRARY_FILE))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`The bundled CALM library (media/library/${SELECTED_LIBRARY_FILE}) is missing above ${startDir}; reinstall CALM Cite.`);
    }
    dir = parent;
  }
}

/** The bundled library files' paths, selected references first. */
export function bundledLibraryPaths(): string[] {
  const dir = bundledLibraryDir();
  return BUNDLED_LIBRARY_FILES.map((name) => path.join(dir, name));
}

export function isBundledLibraryPath(filePath: string): boolean {
  return bundledLibraryPaths().includes(filePath);
}

let cached: { path: string; result: LibraryFileResult }[] | undefined;

/** The bundled CALM 2024 libraries, read once per process. */
export function loadBundledLibraries(): readonly { path: string; result: LibraryFileResult }[] {
  cached ??= bundledLibraryPaths().map((file) => ({ path: file, result: readLibraryText(file, fs.readFileSync(file, 'utf8'), { library: 'bundled' }) }));
  return cached;
}

/** Every reference of the bundled libraries. */
export function bundledReferences(): Reference[] {
  return loadBundledLibraries().flatMap((file) => file.result.references);
}

/** The accepted-papers page lists the four oral presentations first, then the posters. */
const ORAL_COUNT = 4;

const AcceptedItemsSchema = z.array(z.object({ id: z.string(), custom: z.object({ seed_index: z.number().int().min(1) }) }));

let sessions: ReadonlyMap<string, 'oral' | 'poster'> | undefined;

/** Oral or poster, per key of the accepted papers, from each paper's position on the accepted-papers page. */
export function acceptedPaperSessions(): ReadonlyMap<string, 'oral' | 'poster'> {
  if (!sessions) {
    const items = AcceptedItemsSchema.parse(JSON.parse(fs.readFileSync(path.join(bundledLibraryDir(), ACCEPTED_CSL_FILE), 'utf8')));
    sessions = new Map(items.map((item) => [item.id, item.custom.seed_index <= ORAL_COUNT ? 'oral' : 'poster']));
  }
  return sessions;
}
