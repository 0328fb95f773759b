import { citationLanguageOf } from '../documents';
import type { CitingDocument } from '../documents';
import { citedKeyAt, entryKeyTargetAt, type KeyTarget, type TextFile } from '../features/references';
import { libraryFormatOf, readLibraryText } from '../library/formats';
import { throwIfCancelled, type CancellationToken, type Workspace } from '../workspace';
import type { DocumentStore } from './documentStore';
import type { LibraryScopes } from './libraryScope';

/** Most documents of a folder searched for citations of a key (references, rename). */
const MAX_CITING_FILES = 5_000;
/** The documents that cite, searched across a folder for references and rename. */
const CITING_FILES_GLOB = '**/*.{tex,ltx,md,markdown,qmd,Rmd,rmd}';

/** The key under the cursor and the library files that define it, for references and rename. */
export interface KeySite {
  target: KeyTarget;
  /** The file the cursor is in. */
  path: string;
  /** The files defining the key, as the editor shows them; the bundled CALM library is read-only. */
  libraryFiles: (TextFile & { readOnly: boolean })[];
  /** Whether a key is taken in the libraries the cursor's document sees. */
  keyExists: (key: string) => boolean;
  extraCommands: readonly string[];
}

export interface KeySiteDeps {
  workspace: Workspace;
  store: DocumentStore;
  scopes: LibraryScopes;
  bundledLibraries: readonly string[];
}

/** The cited key (in a document) or entry key (in a library file) at `offset`, or undefined elsewhere. */
export async function keySiteAt(deps: KeySiteDeps, path: string, offset: number, token?: CancellationToken): Promise<KeySite | undefined> {
  const settings = await deps.workspace.settings(path);
  const extraCommands = settings.latex.extraCiteCommands;
  if (citationLanguageOf(path, deps.workspace.openDocument(path)?.languageId)) {
    const read = await deps.store.document(path);
    if (!read.ok) return undefined;
    const target = citedKeyAt(read.value, offset, { extraCommands });
    if (!target) return undefined;
    const scope = await deps.scopes.scopeOf(path, token);
    const { library } = await deps.scopes.libraryOf(scope);
    const libraryFiles: KeySite['libraryFiles'] = [];
    for (const reference of library.lookupAll(target.key)) {
      if (libraryFiles.some((file) => file.path === reference.source.path)) continue;
      const text = await deps.store.text(reference.source.path);
      if (text.ok) libraryFiles.push({ path: reference.source.path, text: text.value, readOnly: reference.library === 'bundled' });
    }
    return { target, path, libraryFiles, keyExists: (key) => library.keys().has(key), extraCommands };
  }
  if (!libraryFormatOf(path)) return undefined;
  const text = await deps.store.text(path);
  if (!text.ok) return undefined;
  const target = entryKeyTargetAt({ path, text: text.value }, offset);
  if (!target) return undefined;
  const keys = new Set(readLibraryText(path, text.value).references.map((reference) => reference.key));
  const readOnly = deps.bundledLibraries.includes(path);
  return { target, path, libraryFiles: [{ path, text: text.value, readOnly }], keyExists: (key) => keys.has(key), extraCommands };
}

/**
 * The documents that may cite the site's entry: open documents and those of the site's folder that
 * mention the key at all and whose own libraries include a file that defines it (with no defining file
 * known, every mention counts). Two papers in one workspace may each define their own entry under the
 * same key; a rename touches only the citations of the entry it renames.
 */
export async function documentsCitingSite(deps: KeySiteDeps, site: KeySite, token?: CancellationToken): Promise<CitingDocument[]> {
  const paths = new Set(deps.workspace.openDocuments().map((document) => document.path));
  for (const folder of new Set([deps.store.projectFolder(site.path), ...deps.workspace.folders()])) {
    for (const path of await deps.workspace.findFiles(folder, CITING_FILES_GLOB, MAX_CITING_FILES)) paths.add(path);
  }
  const definingFiles = site.libraryFiles.map((file) => file.path);
  const documents: CitingDocument[] = [];
  for (const path of paths) {
    throwIfCancelled(token);
    if (!citationLanguageOf(path, deps.workspace.openDocument(path)?.languageId)) continue;
    const read = await deps.store.document(path);
    if (!read.ok || !read.value.text.includes(site.target.key)) continue;
    if (definingFiles.length === 0 || (await deps.scopes.seesAnyOf(path, definingFiles, token))) documents.push(read.value);
  }
  return documents;
}
