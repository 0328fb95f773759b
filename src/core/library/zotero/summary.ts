import * as path from 'node:path';
import type { ZoteroLibraryResult } from './snapshot';

const KEY_SOURCE_NAMES = { native: 'from Zotero', extra: 'from Extra', 'better-bibtex': 'from Better BibTeX', generated: 'generated' } as const;

/**
 * One line on what was read from a Zotero database, for `calm-cite index` and the language server's log:
 * `zotero.sqlite: Zotero library, 840 in My Library; keys: 840 generated; read the database file, saved
 * 2026-11-27 17:52 UTC (3 hours ago)`.
 */
export function zoteroReadSummary(file: string, result: ZoteroLibraryResult, now: number): string {
  const libraries = result.libraries.map((library) => `${library.items} in ${library.name}`).join(', ') || 'no items';
  const keys = Object.entries(result.keySources)
    .filter(([, count]) => count > 0)
    .map(([source, count]) => `${count} ${KEY_SOURCE_NAMES[source as keyof typeof KEY_SOURCE_NAMES]}`)
    .join(', ');
  const read = result.snapshot;
  const snapshot = read
    ? `; read ${read.kind === 'database' ? 'the database file' : `Zotero's backup ${read.path} (${read.reason})`}, saved ${new Date(read.modifiedMs).toISOString().slice(0, 16).replace('T', ' ')} UTC (${snapshotAge(now - read.modifiedMs)})`
    : '';
  const betterBibtex = result.betterBibtex ? ` (${path.basename(result.betterBibtex.path)})` : '';
  return `${file}: Zotero library, ${libraries}${keys ? `; keys: ${keys}${betterBibtex}` : ''}${snapshot}`;
}

function snapshotAge(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours ago` : `${Math.round(hours / 24)} days ago`;
}
