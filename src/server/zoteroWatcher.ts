import * as fs from 'node:fs';
import * as path from 'node:path';
import { zoteroWatchedNames } from '../core/library/zotero/source';
import type { ServiceLog } from '../core/service/types';

/** Zotero writes in bursts (its journal comes and goes many times a second): read again once it has been quiet this long. */
export const ZOTERO_SETTLE_MS = 2_000;
/** While Zotero keeps writing (a sync), read again at least this often. */
const ZOTERO_MAX_WAIT_MS = 30_000;

/**
 * Watches the Zotero databases the service has read, whatever the client can watch: the data directory
 * is outside the workspace. One watcher per directory, not recursive (the attachments under `storage/`
 * are not watched); a change to the database, its journal, its backup or Better BibTeX's database is
 * reported once the files have settled.
 */
export class ZoteroWatcher {
  private readonly watched = new Map<string, { watcher: fs.FSWatcher; timer?: ReturnType<typeof setTimeout>; firstChange?: number }>();

  constructor(
    private readonly onChange: (database: string) => void,
    private readonly log: ServiceLog,
    private readonly settleMs = ZOTERO_SETTLE_MS,
  ) {}

  /** Starts watching `database`, once. */
  watch(database: string): void {
    if (this.watched.has(database)) return;
    const names = new Set(zoteroWatchedNames(database));
    const directory = path.dirname(database);
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(directory, { persistent: false }, (_event, name) => {
        // Some platforms do not say which file changed: then any change counts.
        if (name === null || names.has(name.toString())) this.changed(database);
      });
    } catch (error) {
      this.log.warn(`Cannot watch ${directory} for changes to the Zotero database (${(error as Error).message}); changes are seen after "Re-read Reference Libraries".`);
      return;
    }
    watcher.on('error', (error) => this.log.warn(`Watching ${directory} stopped (${error.message}); Zotero changes are seen after "Re-read Reference Libraries".`));
    this.watched.set(database, { watcher });
    this.log.info(`Watching ${directory} for changes to ${path.basename(database)}.`);
  }

  dispose(): void {
    for (const entry of this.watched.values()) {
      clearTimeout(entry.timer);
      entry.watcher.close();
    }
    this.watched.clear();
  }

  private changed(database: string): void {
    const entry = this.watched.get(database);
    if (!entry) return;
    const now = Date.now();
    entry.firstChange ??= now;
    clearTimeout(entry.timer);
    const delay = Math.max(0, Math.min(this.settleMs, entry.firstChange + ZOTERO_MAX_WAIT_MS - now));
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.firstChange = undefined;
      this.onChange(database);
    }, delay);
  }
}
