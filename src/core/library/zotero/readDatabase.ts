import { libraryFileTooLargeMessage, MAX_ENTRIES_PER_FILE, MAX_LIBRARY_FILE_BYTES, tooManyEntriesMessage } from '../../limits';
import type { LibraryError, LibraryReadResult, Reference } from '../reference';
import { assignCitationKeys, readBetterBibtexKeys, type KeySource } from './citationKeys';
import { readZoteroItems, type ZoteroLibrary } from './items';
import { checkSchema } from './schema';
import { hasSqliteHeader, SqliteSnapshot } from './sqlite';
import { generatedItemKey, zoteroItemToReference } from './toReference';

/** One database file's bytes, as read by the caller (see `snapshot.ts`). */
export interface DatabaseBytes {
  path: string;
  bytes: Uint8Array;
}

export interface ZoteroDatabaseInput {
  /** Zotero's database: `zotero.sqlite`, or its backup `zotero.sqlite.bak`. */
  database: DatabaseBytes;
  /** Better BibTeX's database, when there is one beside Zotero's. */
  betterBibtex?: DatabaseBytes;
  /** Where each reference says it comes from; defaults to `database.path`. */
  sourcePath?: string;
}

export interface ZoteroReadOptions {
  /** Overrides `MAX_LIBRARY_FILE_BYTES`, for each database (tests use small ones). */
  maxFileBytes?: number;
  /** Overrides `MAX_ENTRIES_PER_FILE`. */
  maxItems?: number;
}

export interface ZoteroLibrarySummary extends ZoteroLibrary {
  /** Regular items read from this library. */
  items: number;
}

export interface ZoteroReadResult extends LibraryReadResult {
  /** `version.userdata` and `version.globalSchema` of the database, when it could be opened as a Zotero database. */
  schema?: { userdata?: number; globalSchema?: number };
  libraries: ZoteroLibrarySummary[];
  /** How many keys came from each source (see `assignCitationKeys`). */
  keySources: Record<KeySource, number>;
  /** Set when SQLite could not read the database (damaged), which is also what a copy torn by a write in progress looks like. */
  damaged?: boolean;
}

/**
 * Reads every regular item of a Zotero 5-9 database, held in memory, as References. Never throws:
 * a file that is too large, not SQLite, damaged, not Zotero's or from Zotero 4 gives no references and
 * one error at its first line; a Better BibTeX database that cannot be read gives an error at its own
 * path while the items are still read (with the keys they have elsewhere).
 */
export async function readZoteroDatabase(input: ZoteroDatabaseInput, options: ZoteroReadOptions = {}): Promise<ZoteroReadResult> {
  const path = input.database.path;
  const failed = (message: string, extra: Partial<ZoteroReadResult> = {}): ZoteroReadResult => ({
    ...emptyZoteroResult(),
    errors: [{ path, line: 1, column: 1, message }],
    ...extra,
  });
  const maxBytes = options.maxFileBytes ?? MAX_LIBRARY_FILE_BYTES;
  if (input.database.bytes.length > maxBytes) return failed(databaseTooLargeMessage(input.database.bytes.length, maxBytes));

  if (!hasSqliteHeader(input.database.bytes)) return failed('This file is not an SQLite database, so not a Zotero library: it does not start with "SQLite format 3". Name Zotero\'s own zotero.sqlite, in the Zotero data directory.');
  // From here on, whatever SQLite cannot read counts as damage: a copy torn by a write looks the same.
  let db: SqliteSnapshot;
  try {
    db = await SqliteSnapshot.open(input.database.bytes);
  } catch (error) {
    return failed(`This file cannot be read as a Zotero database: ${reason(error)}.`, { damaged: true });
  }
  try {
    const checked = checkSchema(db);
    if (!checked.ok) return failed(checked.message);
    const schema = { userdata: checked.schema.userdata, globalSchema: checked.schema.globalSchema };
    const damage = db.damage(checked.tables);
    if (damage !== undefined) {
      return failed(`The Zotero database is damaged (SQLite: ${damage}). Zotero can repair it: Settings > Advanced > Files and Folders > Check Database Integrity.`, { schema, damaged: true });
    }

    const maxItems = options.maxItems ?? MAX_ENTRIES_PER_FILE;
    const data = readZoteroItems(db, checked.schema, maxItems);
    const errors: LibraryError[] = [];
    const betterBibtex = input.betterBibtex ? await betterBibtexKeys(input.betterBibtex, maxBytes, errors) : new Map<string, string>();
    const keys = assignCitationKeys(data.items, betterBibtex, (item) => generatedItemKey(item, data.primaryCreatorType.get(item.itemType)));

    const sourcePath = input.sourcePath ?? path;
    const libraries = new Map(data.libraries.map((library) => [library.libraryId, { ...library, items: 0 }]));
    const keySources: Record<KeySource, number> = { native: 0, extra: 0, 'better-bibtex': 0, generated: 0 };
    const references: Reference[] = [];
    for (const item of data.items) {
      const library = libraries.get(item.libraryId)!;
      const key = keys.get(item.itemId)!;
      const collections = item.collections.map((id) => data.collectionPath(id)!);
      const mapped = zoteroItemToReference(item, { path: sourcePath, library, key, collections, primaryCreatorType: data.primaryCreatorType.get(item.itemType) });
      if (!mapped.ok) {
        errors.push({ path, line: 1, column: 1, message: `Zotero item ${item.key} (${library.name}): ${mapped.message}` });
        continue;
      }
      references.push(mapped.reference);
      library.items++;
      keySources[key.source]++;
    }
    if (data.itemsLeftOut > 0) errors.push({ path, line: 1, column: 1, message: tooManyEntriesMessage(maxItems) });
    return { references, errors, schema, libraries: [...libraries.values()], keySources };
  } catch (error) {
    return failed(`The Zotero database could not be read: ${reason(error)}. Zotero can check it: Settings > Advanced > Files and Folders > Check Database Integrity.`, { damaged: true });
  } finally {
    db.close();
  }
}

async function betterBibtexKeys(file: DatabaseBytes, maxBytes: number, errors: LibraryError[]): Promise<Map<string, string>> {
  const fail = (message: string) => {
    errors.push({ path: file.path, line: 1, column: 1, message });
    return new Map<string, string>();
  };
  if (file.bytes.length > maxBytes) return fail(libraryFileTooLargeMessage(file.bytes.length, maxBytes));
  let db: SqliteSnapshot | undefined;
  try {
    db = await SqliteSnapshot.open(file.bytes);
    return readBetterBibtexKeys(db);
  } catch (error) {
    return fail(`Better BibTeX's citation keys could not be read from this file (${reason(error)}); items without a key elsewhere got generated keys.`);
  } finally {
    db?.close();
  }
}

/** The size limit's message, with what to do: a big Zotero database is mostly its full-text index. */
export function databaseTooLargeMessage(bytes: number, maxBytes: number): string {
  return `${libraryFileTooLargeMessage(bytes, maxBytes)}. Most of a large zotero.sqlite is Zotero's full-text index: export the library (Better BibTeX can keep a .bib up to date) and name that file instead.`;
}

export function emptyZoteroResult(): ZoteroReadResult {
  return { references: [], errors: [], libraries: [], keySources: { native: 0, extra: 0, 'better-bibtex': 0, generated: 0 } };
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}
