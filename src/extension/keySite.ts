import * as vscode from 'vscode';
import { keyTargetAt, type CitingDocument, type TextFile } from '../core/features/references';
import { isBundledLibraryPath } from '../core/library/bundled';
import { libraryFormatOf, readLibraryText } from '../core/library/formats';
import { citationLanguageOf } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { readSettings } from './settings';
import { citingDocuments, readWorkspaceText } from './workspaceTexts';

/** The key under the cursor and the library files that define it, for references and rename. */
export interface KeySite {
  key: string;
  range: vscode.Range;
  /** The files defining the key; the bundled CALM library is read-only. */
  libraryFiles: (TextFile & { readOnly: boolean })[];
  /** Whether a key is taken in the libraries the cursor's document sees. */
  keyExists: (key: string) => boolean;
  extraCommands: readonly string[];
}

/** The cited key (in a document) or entry key (in a library file) under the cursor, or undefined elsewhere. */
export async function keySiteAt(
  document: vscode.TextDocument,
  position: vscode.Position,
  libraries: WorkspaceLibraries,
  log: vscode.LogOutputChannel,
): Promise<KeySite | undefined> {
  const language = citationLanguageOf(document);
  if (!language && !libraryFormatOf(document.fileName)) return undefined;
  const settings = readSettings(document.uri, log);
  const extraCommands = settings.latex.extraCiteCommands;
  const text = document.getText();
  const target = keyTargetAt({ path: document.uri.fsPath, text, language }, document.offsetAt(position), { extraCommands });
  if (!target) return undefined;
  const range = new vscode.Range(document.positionAt(target.start), document.positionAt(target.end));

  if (!language) {
    const file = readLibraryText(document.uri.fsPath, text);
    const readOnly = isBundledLibraryPath(document.uri.fsPath);
    const keys = new Set(file.references.map((reference) => reference.key));
    return { key: target.key, range, libraryFiles: [{ path: document.uri.fsPath, text, readOnly }], keyExists: (key) => keys.has(key), extraCommands };
  }

  const library = await libraries.libraryFor(document);
  const libraryFiles: KeySite['libraryFiles'] = [];
  for (const reference of library.lookupAll(target.key)) {
    if (libraryFiles.some((file) => file.path === reference.source.path)) continue;
    const fileText = await readWorkspaceText(reference.source.path);
    if (fileText !== undefined) libraryFiles.push({ path: reference.source.path, text: fileText, readOnly: reference.library === 'bundled' });
  }
  return { key: target.key, range, libraryFiles, keyExists: (key) => library.keys().has(key), extraCommands };
}

/**
 * The workspace documents that may cite the site's entry: those that mention the key at all and whose
 * own libraries include a file that defines it (with no defining file known, every mention counts).
 */
export async function documentsCitingSite(site: KeySite, libraries: WorkspaceLibraries): Promise<CitingDocument[]> {
  const definingFiles = site.libraryFiles.map((file) => file.path);
  const documents: CitingDocument[] = [];
  for (const document of await citingDocuments()) {
    if (!document.text.includes(site.key)) continue;
    if (definingFiles.length === 0 || (await libraries.seesAnyOf(document, definingFiles))) documents.push(document);
  }
  return documents;
}
