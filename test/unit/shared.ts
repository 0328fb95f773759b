import * as path from 'node:path';
import * as fs from 'node:fs';
import sharedSkip from '../sharedSkip.json';

/** The shared/ folder that sits beside the repository (test data: corpus, library, docs). A fresh clone has none. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');

/** Set by `.ci/run`: CI has `../shared`, so a corpus test that would be skipped there is a failure instead. */
export const SHARED_REQUIRED = process.env.CALM_CITE_REQUIRE_SHARED === '1';

/** Why `../shared` cannot be used, or undefined when its corpus folder is there and readable. */
export function sharedProblem(): string | undefined {
  const corpus = path.join(SHARED_DIR, 'corpus');
  try {
    if (fs.readdirSync(corpus).length === 0) return `${corpus} is empty`;
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `${corpus} does not exist` : `${corpus} cannot be read (${code ?? String(error)})`;
  }
}

/** Whether `../shared` is here. Tests that read it are declared with `needsShared`, so a fresh clone skips them. */
export const SHARED_AVAILABLE = sharedProblem() === undefined;

/** The skip reason every corpus test gives; the test reporter (test/sharedSkipsReporter.mjs) counts the skips by it. */
export const SHARED_SKIP_REASON: string = sharedSkip.reason;

/**
 * Options for `test()`/`describe()` of node:test: the test is skipped, with the reason, when `../shared` is absent.
 * Use it for every test that reads the shared corpus, and read shared files inside the test, never at import.
 * When CI requires the corpus the test always runs, so a missing corpus fails it rather than hiding it.
 */
export const needsShared = { skip: SHARED_AVAILABLE || SHARED_REQUIRED ? false : SHARED_SKIP_REASON } as const;

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

export function readShared(...parts: string[]): string {
  return fs.readFileSync(sharedPath(...parts), 'utf8');
}
