import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder of CALM Cite's package (where `media/` lies): the same code runs from `src/` (tests), `dist/`
 * (the bundles) and an installed package, so it is found by walking up to `package.json`.
 */
export function packageRoot(startDir: string = __dirname): string {
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'media', 'library'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`CALM Cite's media/library folder is missing above ${startDir}; reinstall CALM Cite.`);
  }
}
