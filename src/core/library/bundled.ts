import * as fs from 'node:fs';
import * as path from 'node:path';
import { readLibraryText, type LibraryFileResult } from './formats';

export const BUNDLED_LIBRARY_FILE = 'calm2024-references.bib';

/**
 * Where the CALM 2024 reference list shipped with CALM Cite lies. The same code runs from
 * `src/` (tests), `dist/` (the bundles) and an installed extension, so the folder is found by
 * walking up to the package root rather than by a fixed relative path.
 */
export function bundledLibraryPath(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    const candidate = path.join(dir, 'media', 'library', BUNDLED_LIBRARY_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`The bundled CALM library (media/library/${BUNDLED_LIBRARY_FILE}) is missing above ${startDir}; reinstall CALM Cite.`);
    }
    dir = parent;
  }
}

let cached: LibraryFileResult | undefined;

/** The bundled CALM 2024 library, read once per process. */
export function loadBundledLibrary(): LibraryFileResult {
  if (!cached) {
    const file = bundledLibraryPath();
    cached = readLibraryText(file, fs.readFileSync(file, 'utf8'), { library: 'bundled' });
  }
  return cached;
}
