import * as path from 'node:path';

/** The workshop's 30 selected references, tagged by the four directions. */
export const SELECTED_LIBRARY_FILE = 'calm2024-references.bib';
/** The CALM 2024 accepted papers whose authors were verified. */
export const ACCEPTED_LIBRARY_FILE = 'calm2024-accepted.bib';
/** The same accepted papers as CSL-JSON: the one place that records each paper's position on the accepted-papers page. */
export const ACCEPTED_SESSIONS_FILE = 'calm2024-accepted.json';

/** The libraries shipped with CALM Cite, in the order they are read. */
export const BUNDLED_LIBRARY_FILES = [SELECTED_LIBRARY_FILE, ACCEPTED_LIBRARY_FILE] as const;

/** Where the shipped files lie under the package root (the extension's folder, the npm package, the repository). */
export interface BundledLibrary {
  /** The library files, selected references first. */
  files: string[];
  /** The accepted papers' CSL-JSON, read for each paper's session (oral or poster). */
  acceptedSessions: string;
}

/** The adapters know their package root; the core never looks for it on disk. */
export function bundledLibrary(packageRoot: string): BundledLibrary {
  const dir = path.join(packageRoot, 'media', 'library');
  return { files: BUNDLED_LIBRARY_FILES.map((file) => path.join(dir, file)), acceptedSessions: path.join(dir, ACCEPTED_SESSIONS_FILE) };
}
