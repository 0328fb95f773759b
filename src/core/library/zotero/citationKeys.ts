import { KeyAllocator } from '../generatedKeys';
import type { ZoteroOrigin } from '../reference';
import type { ZoteroItem } from './items';
import type { SqliteSnapshot } from './sqlite';

export type KeySource = ZoteroOrigin['keySource'];

export interface AssignedKey {
  key: string;
  source: KeySource;
}

/** Better BibTeX's keys by `libraryID:itemKey`, Zotero's identity of an item. */
export type BetterBibtexKeys = ReadonlyMap<string, string>;

export function itemIdentity(libraryId: number, itemKey: string): string {
  return `${libraryId}:${itemKey}`;
}

/**
 * The citation key of every item, unique within its library, from the first place that has one:
 *
 * 1. Zotero's own `citationKey` field (Zotero 9 fills it for every type);
 * 2. a `Citation Key: ...` line in Extra (Better BibTeX's pinned keys);
 * 3. Better BibTeX's database beside Zotero's;
 * 4. else generated (`generatedKey`): the items that need one are taken in the order they were added to
 *    Zotero, so the first keeps the plain key and later ones get `-2`, `-3` ...: adding an item never
 *    changes the key of one already there.
 *
 * Keys from 1-3 are kept as they are even when two items share one: they are the user's, and
 * `cite/duplicate-key` reports the clash.
 */
export function assignCitationKeys(items: readonly ZoteroItem[], betterBibtex: BetterBibtexKeys, generate: (item: ZoteroItem) => string): Map<number, AssignedKey> {
  const assigned = new Map<number, AssignedKey>();
  const allocators = new Map<number, KeyAllocator>();
  const allocator = (libraryId: number) => {
    let keys = allocators.get(libraryId);
    if (!keys) allocators.set(libraryId, (keys = new KeyAllocator()));
    return keys;
  };
  const unkeyed: ZoteroItem[] = [];
  for (const item of items) {
    const stated = statedKey(item, betterBibtex);
    if (stated) assigned.set(item.itemId, { key: allocator(item.libraryId).reserve(stated.key), source: stated.source });
    else unkeyed.push(item);
  }
  unkeyed.sort((a, b) => a.libraryId - b.libraryId || compare(a.dateAdded, b.dateAdded) || compare(a.key, b.key));
  for (const item of unkeyed) assigned.set(item.itemId, { key: allocator(item.libraryId).allocate(generate(item)), source: 'generated' });
  return assigned;
}

function statedKey(item: ZoteroItem, betterBibtex: BetterBibtexKeys): AssignedKey | undefined {
  const native = item.fields.get('citationKey')?.trim();
  if (native) return { key: native, source: 'native' };
  const pinned = extraField(item.fields.get('extra'), 'citation key');
  if (pinned) return { key: pinned, source: 'extra' };
  const fromBetterBibtex = betterBibtex.get(itemIdentity(item.libraryId, item.key))?.trim();
  if (fromBetterBibtex) return { key: fromBetterBibtex, source: 'better-bibtex' };
  return undefined;
}

/**
 * The value of the first `Name: value` line of Zotero's Extra field with this name (compared without
 * case, as Zotero and Better BibTeX read Extra), or undefined.
 */
export function extraField(extra: string | undefined, name: string): string | undefined {
  if (!extra) return undefined;
  for (const line of extra.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) {
      const value = line.slice(colon + 1).trim();
      if (value) return value;
    }
  }
  return undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Better BibTeX's citation keys from its own database (`better-bibtex.sqlite` beside `zotero.sqlite`):
 * the `citationkey` table of Better BibTeX 6.7 and later, or, from older versions, the LokiJS
 * document stored as JSON in the `better-bibtex` table.
 */
export function readBetterBibtexKeys(db: SqliteSnapshot): Map<string, string> {
  const keys = new Map<string, string>();
  const tables = db.tables();
  const table = tables.has('citationkey') ? 'citationkey' : tables.has('better-bibtex') ? 'better-bibtex' : undefined;
  if (table === undefined) throw new Error('it has neither the `citationkey` table nor the older `better-bibtex` table');
  const damage = db.damage([table]);
  if (damage !== undefined) throw new Error(`it is damaged (SQLite: ${damage})`);
  if (table === 'citationkey') {
    db.forEach('SELECT libraryID, itemKey, citationKey FROM citationkey', ([libraryId, itemKey, citationKey]) => {
      if (typeof itemKey === 'string' && typeof citationKey === 'string') keys.set(itemIdentity(Number(libraryId), itemKey), citationKey);
    });
    return keys;
  }
  const [row] = db.rows(`SELECT data FROM "better-bibtex" WHERE name = 'better-bibtex.citekey'`);
  const document: unknown = typeof row?.[0] === 'string' ? JSON.parse(row[0]) : undefined;
  const entries = Array.isArray(document) ? document : isRecord(document) && Array.isArray(document['data']) ? document['data'] : [];
  for (const entry of entries) {
    if (isRecord(entry) && typeof entry['itemKey'] === 'string' && typeof entry['citekey'] === 'string') {
      keys.set(itemIdentity(Number(entry['libraryID']), entry['itemKey']), entry['citekey']);
    }
  }
  return keys;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
