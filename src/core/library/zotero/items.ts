import type { ZoteroSchema } from './schema';
import type { Row, SqliteSnapshot } from './sqlite';

/** One regular Zotero item (not a note, attachment or annotation; not in the trash) as stored. */
export interface ZoteroItem {
  itemId: number;
  /** Zotero's 8-character key, unique within the item's library. */
  key: string;
  libraryId: number;
  itemType: string;
  /** `YYYY-MM-DD HH:MM:SS` UTC, when the item was added: orders generated keys stably. */
  dateAdded: string;
  /**
   * Stored values by field name. A value stored under a type-specific field is also under its base
   * field: a conference paper's `proceedingsTitle` is `publicationTitle` too, a thesis' `university`
   * is `publisher`, a case's `caseName` is `title`.
   */
  fields: Map<string, string>;
  /** In Zotero's order. */
  creators: ZoteroCreator[];
  /** Collection ids, for `ZoteroLibraryData.collectionPath`. */
  collections: number[];
  tags: string[];
}

export interface ZoteroCreator {
  /** `author`, `editor`, `bookAuthor`, `translator` ... */
  type: string;
  firstName: string;
  lastName: string;
  /** One-field name (an institution, or a name typed as one string): all of it is in `lastName`. */
  singleField: boolean;
}

export interface ZoteroLibrary {
  libraryId: number;
  kind: 'user' | 'group';
  /** `My Library`, or the group's name. */
  name: string;
  groupId?: number;
}

export interface ZoteroLibraryData {
  libraries: ZoteroLibrary[];
  items: ZoteroItem[];
  /** Creator types that count as a type's authors (`itemTypeCreatorTypes.primaryField`): `programmer` for software ... */
  primaryCreatorType: Map<string, string>;
  /** The names from the top collection down to this one; trashed collections have none. */
  collectionPath(collectionId: number): string[] | undefined;
  /** Regular items the database holds past `maxItems`, left out. */
  itemsLeftOut: number;
}

const CHILD_TYPES = "('attachment', 'note', 'annotation')";

/**
 * Reads every regular item of the user and group libraries (RSS feeds are left out) with a fixed set of
 * flat queries, each one scan of one table joined on its keys, and joins them here in one pass, so the
 * time grows linearly with the database. Joins are on names (`typeName`, `fieldName`, `creatorType`):
 * Zotero renumbers its ids between versions.
 */
export function readZoteroItems(db: SqliteSnapshot, schema: ZoteroSchema, maxItems: number): ZoteroLibraryData {
  const libraries = readLibraries(db, schema);
  const wanted = new Set(libraries.map((library) => library.libraryId));
  const trashed = schema.has('deletedItems') ? 'AND i.itemID NOT IN (SELECT itemID FROM deletedItems)' : '';

  const items: ZoteroItem[] = [];
  const byId = new Map<number, ZoteroItem>();
  let itemsLeftOut = 0;
  db.forEach(
    `SELECT i.itemID, i.key, i.libraryID, t.typeName, i.dateAdded
       FROM items i JOIN itemTypesCombined t ON t.itemTypeID = i.itemTypeID
      WHERE t.typeName NOT IN ${CHILD_TYPES} ${trashed}
      ORDER BY i.libraryID, i.itemID`,
    ([itemId, key, libraryId, itemType, dateAdded]) => {
      if (!wanted.has(Number(libraryId))) return;
      if (items.length >= maxItems) {
        itemsLeftOut++;
        return;
      }
      const item: ZoteroItem = {
        itemId: Number(itemId),
        key: text(key),
        libraryId: Number(libraryId),
        itemType: text(itemType),
        dateAdded: text(dateAdded),
        fields: new Map(),
        creators: [],
        collections: [],
        tags: [],
      };
      items.push(item);
      byId.set(item.itemId, item);
    },
  );

  const baseField = schema.has('baseFieldMappingsCombined')
    ? `LEFT JOIN baseFieldMappingsCombined m ON m.itemTypeID = i.itemTypeID AND m.fieldID = d.fieldID
       LEFT JOIN fieldsCombined b ON b.fieldID = m.baseFieldID`
    : '';
  db.forEach(
    `SELECT d.itemID, f.fieldName, ${baseField ? 'b.fieldName' : 'NULL'}, v.value
       FROM itemData d
       JOIN items i ON i.itemID = d.itemID
       JOIN fieldsCombined f ON f.fieldID = d.fieldID
       JOIN itemDataValues v ON v.valueID = d.valueID
       ${baseField}`,
    ([itemId, field, base, value]) => {
      const item = byId.get(Number(itemId));
      if (!item || value === null) return;
      const stored = text(value);
      item.fields.set(text(field), stored);
      if (base !== null) item.fields.set(text(base), stored);
    },
  );

  db.forEach(
    `SELECT ic.itemID, t.creatorType, c.firstName, c.lastName, c.fieldMode
       FROM itemCreators ic
       JOIN creators c ON c.creatorID = ic.creatorID
       JOIN creatorTypes t ON t.creatorTypeID = ic.creatorTypeID
      ORDER BY ic.itemID, ic.orderIndex`,
    ([itemId, type, firstName, lastName, fieldMode]) => {
      byId.get(Number(itemId))?.creators.push({
        type: text(type),
        firstName: text(firstName ?? ''),
        lastName: text(lastName ?? ''),
        singleField: Number(fieldMode) === 1,
      });
    },
  );

  if (schema.has('tags') && schema.has('itemTags')) {
    db.forEach('SELECT it.itemID, t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID', ([itemId, name]) => {
      if (name !== null) byId.get(Number(itemId))?.tags.push(text(name));
    });
  }

  const collectionPath = readCollections(db, schema, byId);
  return { libraries, items, primaryCreatorType: readPrimaryCreatorTypes(db, schema), collectionPath, itemsLeftOut };
}

function readLibraries(db: SqliteSnapshot, schema: ZoteroSchema): ZoteroLibrary[] {
  const groupColumns = schema.has('groups') ? 'g.groupID, g.name' : 'NULL, NULL';
  const groupJoin = schema.has('groups') ? 'LEFT JOIN groups g ON g.libraryID = l.libraryID' : '';
  const libraries: ZoteroLibrary[] = [];
  db.forEach(`SELECT l.libraryID, l.type, ${groupColumns} FROM libraries l ${groupJoin} ORDER BY l.libraryID`, ([libraryId, type, groupId, name]) => {
    if (type === 'user') libraries.push({ libraryId: Number(libraryId), kind: 'user', name: 'My Library' });
    else if (type === 'group') {
      libraries.push({ libraryId: Number(libraryId), kind: 'group', name: name === null ? `Group ${text(groupId)}` : text(name), groupId: groupId === null ? undefined : Number(groupId) });
    }
  });
  return libraries;
}

function readPrimaryCreatorTypes(db: SqliteSnapshot, schema: ZoteroSchema): Map<string, string> {
  const primary = new Map<string, string>();
  if (!schema.has('itemTypeCreatorTypes')) return primary;
  db.forEach(
    `SELECT t.typeName, c.creatorType FROM itemTypeCreatorTypes x
       JOIN itemTypesCombined t ON t.itemTypeID = x.itemTypeID
       JOIN creatorTypes c ON c.creatorTypeID = x.creatorTypeID
      WHERE x.primaryField = 1`,
    ([itemType, creatorType]) => primary.set(text(itemType), text(creatorType)),
  );
  return primary;
}

/**
 * Deepest collection path kept. Real libraries nest a few levels; the cap keeps building every path
 * linear in the number of collections even for a table that chains thousands (deeper ones share the cut path).
 */
const MAX_COLLECTION_DEPTH = 64;

interface Collection {
  name: string;
  parent: number | undefined;
}

/**
 * Files items into their collections and returns how to name a collection by its path. A collection in
 * the trash, or under one, counts as gone, as in Zotero's own view.
 */
function readCollections(db: SqliteSnapshot, schema: ZoteroSchema, byId: Map<number, ZoteroItem>): (collectionId: number) => string[] | undefined {
  if (!schema.has('collections') || !schema.has('collectionItems')) return () => undefined;
  const collections = new Map<number, Collection>();
  db.forEach('SELECT collectionID, collectionName, parentCollectionID FROM collections', ([id, name, parent]) => {
    collections.set(Number(id), { name: text(name), parent: parent === null ? undefined : Number(parent) });
  });
  const trashed = new Set<number>();
  if (schema.has('deletedCollections')) db.forEach('SELECT collectionID FROM deletedCollections', ([id]) => trashed.add(Number(id)));

  const paths = new Map<number, string[] | undefined>();
  const pathOf = (start: number): string[] | undefined => {
    // Walk up until a collection whose path is known; a parent cycle (a damaged table) ends the walk.
    const chain: number[] = [];
    const seen = new Set<number>();
    let id: number | undefined = start;
    let above: string[] | undefined = [];
    while (id !== undefined) {
      if (paths.has(id)) {
        above = paths.get(id);
        break;
      }
      const collection = collections.get(id);
      if (!collection || trashed.has(id) || seen.has(id)) {
        above = undefined;
        break;
      }
      seen.add(id);
      chain.push(id);
      id = collection.parent;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const below = chain[i]!;
      if (above !== undefined && above.length < MAX_COLLECTION_DEPTH) above = [...above, collections.get(below)!.name];
      paths.set(below, above);
    }
    return paths.get(start);
  };

  db.forEach('SELECT collectionID, itemID FROM collectionItems ORDER BY itemID, collectionID', ([collectionId, itemId]) => {
    const item = byId.get(Number(itemId));
    if (item && pathOf(Number(collectionId))) item.collections.push(Number(collectionId));
  });
  return pathOf;
}

/** Column values as text: Zotero stores text, but SQLite lets a value be a number or a blob; NULL is empty. */
function text(value: Row[number] | undefined): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return String(value);
}
