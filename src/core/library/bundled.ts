import * as path from 'node:path';

/** The libraries shipped with CALM Cite, under `media/library/` of the package. */
export const BUNDLED_LIBRARY_FILES = ['calm2024-references.bib'] as const;

/**
 * Where the shipped libraries lie under the package root: the extension's folder, the installed npm
 * package, or the repository. The adapters know their root; the core never looks for it on disk.
 */
export function bundledLibraryPaths(packageRoot: string): string[] {
  return BUNDLED_LIBRARY_FILES.map((file) => path.join(packageRoot, 'media', 'library', file));
}
