import * as path from 'node:path';
import * as fs from 'node:fs';

/** The shared/ folder that sits beside the repository (test data: corpus, library, docs). */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

export function readShared(...parts: string[]): string {
  return fs.readFileSync(sharedPath(...parts), 'utf8');
}
