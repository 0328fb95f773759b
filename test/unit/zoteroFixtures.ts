import initSqlJs = require('sql.js');
import type { Database } from 'sql.js';

/*
 * Tiny Zotero-shaped databases built from SQL in the test, so the reader's tests run on a fresh clone:
 * the tables and columns of a Zotero 5-9 database that the reader uses, with Zotero's own names. Ids are
 * deliberately not Zotero's (Zotero renumbers them between versions; the reader must join on names).
 */

export interface FixtureCreator {
  last: string;
  first?: string;
  type?: string;
  /** A one-field name (an institution): all of it in `lastName`. */
  single?: boolean;
}

export interface FixtureItem {
  key: string;
  type?: string;
  library?: number;
  /** By Zotero field name, type-specific ones included (`proceedingsTitle`, `university`). */
  fields?: Record<string, string>;
  creators?: FixtureCreator[];
  /** Collection ids. */
  collections?: number[];
  tags?: string[];
  trashed?: boolean;
  dateAdded?: string;
}

export interface FixtureLibrary {
  id: number;
  type: 'user' | 'group' | 'feed';
  group?: { id: number; name: string };
}

export interface FixtureCollection {
  id: number;
  name: string;
  parent?: number;
  library?: number;
  trashed?: boolean;
}

export interface FixtureSpec {
  items: FixtureItem[];
  libraries?: FixtureLibrary[];
  collections?: FixtureCollection[];
  /** `version.userdata`; 125 is Zotero 9. */
  userdata?: number;
}

const ITEM_TYPES = [
  'note', 'attachment', 'annotation', 'journalArticle', 'conferencePaper', 'book', 'bookSection', 'thesis', 'report',
  'computerProgram', 'preprint', 'webpage', 'case', 'magazineArticle', 'document',
];
const FIELDS = [
  'title', 'date', 'publicationTitle', 'proceedingsTitle', 'bookTitle', 'conferenceName', 'volume', 'issue', 'pages',
  'publisher', 'university', 'institution', 'place', 'DOI', 'url', 'abstractNote', 'extra', 'citationKey', 'ISBN',
  'ISSN', 'archiveID', 'caseName', 'dateDecided', 'accessDate', 'shortTitle', 'type', 'thesisType', 'edition',
];
const BASE_FIELDS: Array<[string, string, string]> = [
  ['conferencePaper', 'publicationTitle', 'proceedingsTitle'],
  ['bookSection', 'publicationTitle', 'bookTitle'],
  ['thesis', 'publisher', 'university'],
  ['thesis', 'type', 'thesisType'],
  ['report', 'publisher', 'institution'],
  ['case', 'title', 'caseName'],
  ['case', 'date', 'dateDecided'],
];
const CREATOR_TYPES = ['author', 'editor', 'programmer', 'contributor', 'bookAuthor', 'translator'];

/** Zotero 5+ tables, with the columns the reader reads (and Zotero's other required ones). */
const SCHEMA = `
CREATE TABLE version (schema TEXT PRIMARY KEY, version INT NOT NULL);
CREATE TABLE itemTypes (itemTypeID INTEGER PRIMARY KEY, typeName TEXT, templateItemTypeID INT, display INT DEFAULT 1);
CREATE TABLE itemTypesCombined (itemTypeID INT NOT NULL, typeName TEXT NOT NULL, display INT DEFAULT 1 NOT NULL, custom INT NOT NULL, PRIMARY KEY (itemTypeID));
CREATE TABLE fieldsCombined (fieldID INT NOT NULL, fieldName TEXT NOT NULL, label TEXT, fieldFormatID INT, custom INT NOT NULL, PRIMARY KEY (fieldID));
CREATE TABLE baseFieldMappingsCombined (itemTypeID INT, baseFieldID INT, fieldID INT, PRIMARY KEY (itemTypeID, baseFieldID, fieldID));
CREATE TABLE creatorTypes (creatorTypeID INTEGER PRIMARY KEY, creatorType TEXT);
CREATE TABLE itemTypeCreatorTypes (itemTypeID INT, creatorTypeID INT, primaryField INT, PRIMARY KEY (itemTypeID, creatorTypeID));
CREATE TABLE libraries (libraryID INTEGER PRIMARY KEY, type TEXT NOT NULL, editable INT NOT NULL DEFAULT 1, filesEditable INT NOT NULL DEFAULT 1, version INT NOT NULL DEFAULT 0);
CREATE TABLE groups (groupID INTEGER PRIMARY KEY, libraryID INT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', version INT NOT NULL DEFAULT 0);
CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT NOT NULL, dateAdded TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, dateModified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, clientDateModified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, libraryID INT NOT NULL, key TEXT NOT NULL, version INT NOT NULL DEFAULT 0, synced INT NOT NULL DEFAULT 0, UNIQUE (libraryID, key));
CREATE TABLE itemDataValues (valueID INTEGER PRIMARY KEY, value UNIQUE);
CREATE TABLE itemData (itemID INT, fieldID INT, valueID, PRIMARY KEY (itemID, fieldID));
CREATE TABLE creators (creatorID INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT, fieldMode INT, UNIQUE (lastName, firstName, fieldMode));
CREATE TABLE itemCreators (itemID INT NOT NULL, creatorID INT NOT NULL, creatorTypeID INT NOT NULL DEFAULT 1, orderIndex INT NOT NULL DEFAULT 0, PRIMARY KEY (itemID, creatorID, creatorTypeID, orderIndex), UNIQUE (itemID, orderIndex));
CREATE TABLE collections (collectionID INTEGER PRIMARY KEY, collectionName TEXT NOT NULL, parentCollectionID INT DEFAULT NULL, clientDateModified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, libraryID INT NOT NULL, key TEXT NOT NULL, version INT NOT NULL DEFAULT 0, synced INT NOT NULL DEFAULT 0, UNIQUE (libraryID, key));
CREATE TABLE collectionItems (collectionID INT NOT NULL, itemID INT NOT NULL, orderIndex INT NOT NULL DEFAULT 0, PRIMARY KEY (collectionID, itemID));
CREATE INDEX collectionItems_itemID ON collectionItems(itemID);
CREATE TABLE deletedCollections (collectionID INTEGER PRIMARY KEY, dateDeleted DEFAULT CURRENT_TIMESTAMP NOT NULL);
CREATE TABLE deletedItems (itemID INTEGER PRIMARY KEY, dateDeleted DEFAULT CURRENT_TIMESTAMP NOT NULL);
CREATE TABLE tags (tagID INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE itemTags (itemID INT NOT NULL, tagID INT NOT NULL, type INT NOT NULL, PRIMARY KEY (itemID, tagID));
CREATE TABLE itemNotes (itemID INTEGER PRIMARY KEY, parentItemID INT, note TEXT, title TEXT);
CREATE TABLE fulltextWords (wordID INTEGER PRIMARY KEY, word TEXT UNIQUE);
`;

let engine: ReturnType<typeof initSqlJs> | undefined;

export async function sqlJs() {
  engine ??= initSqlJs();
  return engine;
}

/** A database built from `spec`, as the bytes of its file. */
export async function zoteroDatabase(spec: FixtureSpec): Promise<Uint8Array> {
  const db = new (await sqlJs()).Database();
  try {
    db.exec(SCHEMA);
    fillSchemaTables(db);
    db.run('INSERT INTO version VALUES (?, ?)', ['userdata', spec.userdata ?? 125]);
    db.run('INSERT INTO version VALUES (?, ?)', ['globalSchema', 42]);
    for (const library of spec.libraries ?? [{ id: 1, type: 'user' }]) {
      db.run('INSERT INTO libraries (libraryID, type) VALUES (?, ?)', [library.id, library.type]);
      if (library.group) db.run('INSERT INTO groups (groupID, libraryID, name) VALUES (?, ?, ?)', [library.group.id, library.id, library.group.name]);
    }
    for (const collection of spec.collections ?? []) {
      db.run('INSERT INTO collections (collectionID, collectionName, parentCollectionID, libraryID, key) VALUES (?, ?, ?, ?, ?)', [
        collection.id, collection.name, collection.parent ?? null, collection.library ?? 1, `C${String(collection.id).padStart(7, '0')}`,
      ]);
      if (collection.trashed) db.run('INSERT INTO deletedCollections (collectionID) VALUES (?)', [collection.id]);
    }
    spec.items.forEach((item, index) => insertItem(db, item, index + 1));
    return db.export();
  } finally {
    db.close();
  }
}

// Ids run from 101, 201, 301 upwards (not Zotero's own numbering), so nothing can rely on them.
const typeId = (name: string) => 101 + ITEM_TYPES.indexOf(name);
const fieldId = (name: string) => 201 + FIELDS.indexOf(name);
const creatorTypeId = (name: string) => 301 + CREATOR_TYPES.indexOf(name);

function fillSchemaTables(db: Database): void {
  for (const name of ITEM_TYPES) {
    db.run('INSERT INTO itemTypes VALUES (?, ?, NULL, 1)', [typeId(name), name]);
    db.run('INSERT INTO itemTypesCombined VALUES (?, ?, 1, 0)', [typeId(name), name]);
    db.run('INSERT INTO itemTypeCreatorTypes VALUES (?, ?, 1)', [typeId(name), creatorTypeId(name === 'computerProgram' ? 'programmer' : 'author')]);
  }
  for (const name of FIELDS) db.run('INSERT INTO fieldsCombined VALUES (?, ?, NULL, NULL, 0)', [fieldId(name), name]);
  for (const [type, base, field] of BASE_FIELDS) db.run('INSERT INTO baseFieldMappingsCombined VALUES (?, ?, ?)', [typeId(type), fieldId(base), fieldId(field)]);
  for (const name of CREATOR_TYPES) db.run('INSERT INTO creatorTypes VALUES (?, ?)', [creatorTypeId(name), name]);
}

function insertItem(db: Database, item: FixtureItem, itemId: number): void {
  const type = item.type ?? 'journalArticle';
  if (!ITEM_TYPES.includes(type)) throw new Error(`fixture: add item type ${type} to ITEM_TYPES`);
  db.run('INSERT INTO items (itemID, itemTypeID, dateAdded, libraryID, key) VALUES (?, ?, ?, ?, ?)', [
    itemId, typeId(type), item.dateAdded ?? `2024-01-01 00:00:${String(itemId % 60).padStart(2, '0')}`, item.library ?? 1, item.key,
  ]);
  for (const [field, value] of Object.entries(item.fields ?? {})) {
    if (!FIELDS.includes(field)) throw new Error(`fixture: add field ${field} to FIELDS`);
    db.run('INSERT OR IGNORE INTO itemDataValues (value) VALUES (?)', [value]);
    db.run('INSERT INTO itemData SELECT ?, ?, valueID FROM itemDataValues WHERE value = ?', [itemId, fieldId(field), value]);
  }
  (item.creators ?? []).forEach((creator, orderIndex) => {
    const first = creator.single ? '' : (creator.first ?? '');
    const mode = creator.single ? 1 : 0;
    db.run('INSERT OR IGNORE INTO creators (firstName, lastName, fieldMode) VALUES (?, ?, ?)', [first, creator.last, mode]);
    db.run('INSERT INTO itemCreators SELECT ?, creatorID, ?, ? FROM creators WHERE firstName = ? AND lastName = ? AND fieldMode = ?', [
      itemId, creatorTypeId(creator.type ?? 'author'), orderIndex, first, creator.last, mode,
    ]);
  });
  for (const collection of item.collections ?? []) db.run('INSERT INTO collectionItems VALUES (?, ?, 0)', [collection, itemId]);
  for (const tag of item.tags ?? []) {
    db.run('INSERT OR IGNORE INTO tags (name) VALUES (?)', [tag]);
    db.run('INSERT INTO itemTags SELECT ?, tagID, 0 FROM tags WHERE name = ?', [itemId, tag]);
  }
  if (type === 'note') db.run('INSERT INTO itemNotes VALUES (?, NULL, ?, ?)', [itemId, '<p>a private note</p>', 'a private note']);
  if (item.trashed) db.run('INSERT INTO deletedItems (itemID) VALUES (?)', [itemId]);
}

/** A Zotero 4 database (userdata 77): creator names in `creatorData`, libraries without a `type`. */
export async function zotero4Database(): Promise<Uint8Array> {
  const db = new (await sqlJs()).Database();
  try {
    db.exec(`
      CREATE TABLE version (schema TEXT PRIMARY KEY, version INT NOT NULL);
      INSERT INTO version VALUES ('userdata', 77);
      CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT, libraryID INT, key TEXT);
      CREATE TABLE itemTypesCombined (itemTypeID INT NOT NULL, typeName TEXT NOT NULL, display INT, custom INT NOT NULL);
      CREATE TABLE creators (creatorID INTEGER PRIMARY KEY, creatorDataID INT, libraryID INT, key TEXT);
      CREATE TABLE creatorData (creatorDataID INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT, fieldMode INT);
      CREATE TABLE libraries (libraryID INTEGER PRIMARY KEY, libraryType TEXT NOT NULL);
    `);
    return db.export();
  } finally {
    db.close();
  }
}

/** Better BibTeX's database: the `citationkey` table, or (`legacy`) the LokiJS document of BBT before 6.7. */
export async function betterBibtexDatabase(keys: Array<{ libraryId: number; itemKey: string; citationKey: string }>, legacy = false): Promise<Uint8Array> {
  const db = new (await sqlJs()).Database();
  try {
    if (legacy) {
      db.exec('CREATE TABLE "better-bibtex" (name TEXT PRIMARY KEY NOT NULL, data TEXT NOT NULL)');
      const document = { name: 'citekey', data: keys.map((key, index) => ({ itemID: index + 1, libraryID: key.libraryId, itemKey: key.itemKey, citekey: key.citationKey, pinned: false, $loki: index + 1 })) };
      db.run('INSERT INTO "better-bibtex" VALUES (?, ?)', ['better-bibtex.citekey', JSON.stringify(document)]);
    } else {
      db.exec("CREATE TABLE citationkey (itemID NOT NULL PRIMARY KEY, itemKey NOT NULL, libraryID NOT NULL, citationKey NOT NULL CHECK (citationKey <> ''), pinned CHECK (pinned in (0, 1)), UNIQUE (libraryID, itemKey))");
      keys.forEach((key, index) => db.run('INSERT INTO citationkey VALUES (?, ?, ?, ?, 0)', [index + 1, key.itemKey, key.libraryId, key.citationKey]));
    }
    return db.export();
  } finally {
    db.close();
  }
}
