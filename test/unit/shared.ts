import * as path from 'node:path';
import * as fs from 'node:fs';

/** The shared/ folder that sits beside the repository (test data: corpus, library, docs). A fresh clone has none. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');

/** Whether `../shared` is here. Tests that read it are declared with `needsShared`, so a fresh clone skips them. */
export const SHARED_AVAILABLE = fs.existsSync(path.join(SHARED_DIR, 'corpus'));

/**
 * Options for `test()`/`describe()` of node:test: the test is skipped, with the reason, when `../shared` is absent.
 * Use it for every test that reads the shared corpus, and read shared files inside the test, never at import.
 */
export const needsShared = { skip: SHARED_AVAILABLE ? false : 'needs ../shared (the real-world corpus beside the repository)' } as const;

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

export function readShared(...parts: string[]): string {
  return fs.readFileSync(sharedPath(...parts), 'utf8');
}
