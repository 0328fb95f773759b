import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceLog } from '../core/service/types';

/** Changes arrive in bursts (an editor's save, latexmk's writes): one notice after they settle. */
const SETTLE_MS = 200;

/**
 * Watches the workspace folders for a client that cannot watch files for the server, and reports the
 * changed paths in batches. Returns what stops it.
 */
export function watchFolders(folders: readonly string[], onChange: (paths: string[]) => void, log: ServiceLog): () => void {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchers: fs.FSWatcher[] = [];
  for (const folder of folders) {
    try {
      const watcher = fs.watch(folder, { recursive: true }, (_event, name) => {
        if (!name || /(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(name)) return;
        pending.add(path.join(folder, name.toString()));
        clearTimeout(timer);
        timer = setTimeout(() => {
          const paths = [...pending];
          pending.clear();
          onChange(paths);
        }, SETTLE_MS);
      });
      watcher.on('error', (error) => log.warn(`Watching ${folder} stopped (${error.message}); changes on disk are seen after "Re-read Reference Libraries".`));
      watchers.push(watcher);
    } catch (error) {
      log.warn(`Cannot watch ${folder} (${(error as Error).message}); changes on disk are seen after "Re-read Reference Libraries".`);
    }
  }
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
