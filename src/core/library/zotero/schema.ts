import type { SqliteSnapshot } from './sqlite';

/** Which Zotero wrote a database, as far as a reader needs to know. */
export interface ZoteroSchema {
  /** `version.userdata`: 77-78 Zotero 4, 98-123 Zotero 5-7, 125 Zotero 9. Undefined when the table says nothing. */
  userdata?: number;
  /** `version.globalSchema`, the item-type schema (Zotero 5.0.80 and later). */
  globalSchema?: number;
  /** Optional tables this database has (they arrived with later Zotero versions). */
  has: (table: OptionalTable) => boolean;
}

/** Tables every Zotero 5-9 database has and the reader cannot do without. */
export const REQUIRED_TABLES = [
  'items',
  'itemTypesCombined',
  'fieldsCombined',
  'itemData',
  'itemDataValues',
  'creators',
  'itemCreators',
  'creatorTypes',
  'libraries',
] as const;

const OPTIONAL_TABLES = [
  'groups',
  'baseFieldMappingsCombined',
  'itemTypeCreatorTypes',
  'deletedItems',
  'collections',
  'collectionItems',
  'deletedCollections',
  'tags',
  'itemTags',
] as const;
export type OptionalTable = (typeof OPTIONAL_TABLES)[number];

export type SchemaCheck = { ok: true; schema: ZoteroSchema; tables: string[] } | { ok: false; message: string };

/**
 * Tells a Zotero 5-9 database from a Zotero 4 one and from anything else, from its tables and columns
 * (`client.lastVersion` in `settings` is not reliable: an older Zotero may open a newer database).
 */
export function checkSchema(db: SqliteSnapshot): SchemaCheck {
  const tables = db.tables();
  if (!tables.has('items') || !tables.has('itemTypesCombined')) {
    return { ok: false, message: 'This SQLite database is not a Zotero library: it has no Zotero `items` table. Name Zotero\'s own zotero.sqlite, in the Zotero data directory (Zotero: Settings > Advanced > Files and Folders).' };
  }
  const userdata = versionOf(db, tables, 'userdata');
  if (tables.has('creatorData') || (tables.has('libraries') && !db.columns('libraries').has('type'))) {
    return {
      ok: false,
      message: `This is a Zotero 4 database${userdata === undefined ? '' : ` (userdata version ${userdata})`}, which CALM Cite does not read. Open it once in Zotero 5 or later, which upgrades it, or export the library from Zotero as BibTeX or CSL JSON and name that file.`,
    };
  }
  const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
  if (missing.length > 0) {
    return { ok: false, message: `This Zotero database lacks the table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that every Zotero 5 to 9 database has, so it cannot be read. Zotero can check and repair it: Settings > Advanced > Files and Folders > Check Database Integrity.` };
  }
  const present = OPTIONAL_TABLES.filter((table) => tables.has(table));
  return {
    ok: true,
    schema: { userdata, globalSchema: versionOf(db, tables, 'globalSchema'), has: (table) => present.includes(table) },
    tables: [...REQUIRED_TABLES, ...present],
  };
}

function versionOf(db: SqliteSnapshot, tables: Set<string>, schema: string): number | undefined {
  if (!tables.has('version')) return undefined;
  const value = db.rows(`SELECT version FROM version WHERE schema = '${schema}'`)[0]?.[0];
  return typeof value === 'number' ? value : undefined;
}
