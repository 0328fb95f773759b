import * as os from 'node:os';
import * as nodePath from 'node:path';
import type { Settings } from '../../settings';
import type { Reference } from '../reference';

/** Which items of a Zotero database a document is offered (`calmCite.zotero.libraries`, `.collections`). */
export interface ZoteroFilter {
  /** `My Library`, group names or ids, `*` for all; compared without case. */
  libraries: readonly string[];
  /** Collection names or paths from a top collection (`Thesis/Chapter 2`); empty: every item. */
  collections: readonly string[];
}

/** The Zotero database a document's settings name, and which of its items the document is offered. */
export interface ZoteroSource {
  database: string;
  filter: ZoteroFilter;
}

/** The database to read for a folder's settings, or undefined while `calmCite.zotero.enabled` is off. */
export function zoteroSource(settings: Settings['zotero'], folder: string): ZoteroSource | undefined {
  if (!settings.enabled) return undefined;
  return { database: zoteroDatabasePath(settings.dataDirectory, folder), filter: { libraries: settings.libraries, collections: settings.collections } };
}

/**
 * `zotero.sqlite` in the data directory the setting names: `~` is the home folder (`%USERPROFILE%` on
 * Windows, where Zotero's default `~/Zotero` lies too), a relative path is the workspace folder's, and
 * the path of a `.sqlite` file is that database itself.
 */
export function zoteroDatabasePath(dataDirectory: string, folder: string): string {
  const expanded = /^~(?=$|[\\/])/.test(dataDirectory) ? os.homedir() + dataDirectory.slice(1) : dataDirectory;
  const directory = nodePath.resolve(folder, expanded);
  return /\.sqlite$/i.test(directory) ? directory : nodePath.join(directory, 'zotero.sqlite');
}

/** The files whose change means the database should be read again: it, its journal and backup, Better BibTeX's. */
export function zoteroWatchedNames(database: string): string[] {
  const name = nodePath.basename(database);
  const stem = name.replace(/\.sqlite$/i, '');
  return [name, `${name}-journal`, `${name}.bak`, 'better-bibtex.sqlite', `${stem}.better-bibtex.sqlite`];
}

/** A string that is equal for equal filters, to cache what each filter sees. */
export function filterSignature(filter: ZoteroFilter): string {
  return JSON.stringify([filter.libraries.map(fold), filter.collections.map(fold)]);
}

/** The references the filter lets through, in the database's order. */
export function filterZoteroReferences(references: readonly Reference[], filter: ZoteroFilter): Reference[] {
  const libraries = filter.libraries.map(fold);
  const everyLibrary = libraries.includes('*');
  const collections = filter.collections.map((collection) => ({ whole: fold(collection), path: collection.split('/').map(fold).filter(Boolean) }));
  return references.filter((reference) => {
    const origin = reference.zotero;
    if (!origin) return false;
    if (!everyLibrary && !libraries.includes(fold(origin.libraryName)) && !(origin.groupId !== undefined && libraries.includes(String(origin.groupId)))) return false;
    if (collections.length === 0) return true;
    return origin.collections.some((path) => {
      const folded = path.map(fold);
      // A name matches that collection and, since the path holds every ancestor, the items of its subcollections.
      return collections.some(({ whole, path: wanted }) => folded.includes(whole) || (wanted.length > 1 && wanted.every((segment, index) => folded[index] === segment)));
    });
  });
}

function fold(text: string): string {
  return text.trim().toLowerCase();
}
