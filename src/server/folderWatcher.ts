import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceLog } from '../core/service/types';

/** Changes arrive in bursts (an editor's save, latexmk's writes): one notice after they settle. */
const SETTLE_MS = 200;
/** Folders that hold no paper or library, and often thousands of files. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', '__pycache__']);
/** Each watched folder costs one inotify watch; a workspace past this is watched in part, with a warning. */
const MAX_WATCHED_FOLDERS = 2_000;

/**
 * Watches the workspace folders for a client that cannot watch files for the server, and reports the
 * changed paths in batches. One non-recursive watcher per folder, set up without blocking requests
 * (Node's recursive watch on Linux reads the whole tree synchronously and watches every file). Returns
 * what stops it.
 */
export function watchFolders(folders: readonly string[], onChange: (paths: string[]) => void, log: ServiceLog): () => void {
  const watchers = new Map<string, fs.FSWatcher>();
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let warnedFull = false;

  const changed = (file: string) => {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending.clear();
      onChange(paths);
    }, SETTLE_MS);
  };

  const unwatch = (folder: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched === folder || watched.startsWith(folder + path.sep)) {
        watcher.close();
        watchers.delete(watched);
      }
    }
  };

  /** `isNew`: a folder created while watching, whose files may have been written before its watcher was. */
  const watchTree = async (folder: string, isNew = false): Promise<void> => {
    if (closed || watchers.has(folder)) return;
    if (watchers.size >= MAX_WATCHED_FOLDERS) {
      if (!warnedFull) log.warn(`Watching the first ${MAX_WATCHED_FOLDERS} folders of the workspace only; changes elsewhere are seen after "Re-read Reference Libraries".`);
      warnedFull = true;
      return;
    }
    try {
      const watcher = fs.watch(folder, (event, name) => {
        if (!name) return;
        const file = path.join(folder, name.toString());
        changed(file);
        // A folder created (watch it) or removed (stop watching it) shows as a rename of its name.
        if (event === 'rename') {
          fs.stat(file, (error, stat) => {
            if (error) unwatch(file);
            else if (stat.isDirectory() && !SKIPPED_FOLDERS.has(name.toString())) void watchTree(file, true);
          });
        }
      });
      watcher.on('error', () => unwatch(folder));
      watchers.set(folder, watcher);
    } catch (error) {
      if (!folders.includes(folder)) return; // Gone, or not a folder: nothing to watch.
      log.warn(`Cannot watch ${folder} (${(error as Error).message}); changes on disk are seen after "Re-read Reference Libraries".`);
      return;
    }
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) await watchTree(path.join(folder, entry.name), isNew);
      else if (isNew) changed(path.join(folder, entry.name));
    }
  };

  for (const folder of folders) void watchTree(folder);
  return () => {
    closed = true;
    clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}
