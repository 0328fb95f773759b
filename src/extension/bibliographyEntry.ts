import * as vscode from 'vscode';
import { bibliographyTarget, entryAddition, needsBibliographyEntry, type WritableFormat } from '../core/features/bibliographyEntry';
import type { Reference } from '../core/library/reference';
import { documentLibraryPaths } from '../core/project/documentLibraries';
import { LineIndex } from '../core/text/lineIndex';
import { citationLanguageOf } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { readSettings } from './settings';
import { discoveryOptionsFor } from './texFiles';
import { workspaceTrusted } from './trust';
import { readWorkspaceText } from './workspaceTexts';

/**
 * Whether citing a key in `document` may add its entry to the document's bibliography (for a key only
 * the bundled CALM library defines, see `needsBibliographyEntry`): `calmCite.library.addEntryOnInsert`
 * is on and the workspace is trusted (Restricted Mode changes no files).
 */
export function addsEntriesIn(document: vscode.TextDocument, log: vscode.LogOutputChannel): boolean {
  return document.uri.scheme === 'file' && workspaceTrusted() && readSettings(document.uri, log).library.addEntryOnInsert;
}

/**
 * Cites `key` by replacing `range` of `document` with `text`, and adds the key's entry to the
 * document's bibliography file in the same WorkspaceEdit: one Ctrl+Z in the document undoes both.
 * When the document names no bibliography the key is still cited, and the user is told what to add.
 */
export async function citeAndAddEntry(document: vscode.TextDocument, range: vscode.Range, text: string, key: string, libraries: WorkspaceLibraries): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, text);
  const notice = await addEntryEdit(edit, document, key, libraries);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`CALM Cite could not cite '${key}': the document or its bibliography changed meanwhile. Try again.`);
    return;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === document) {
    const end = document.positionAt(document.offsetAt(range.start) + text.length);
    editor.selection = new vscode.Selection(end, end);
  }
  if (notice) void vscode.window.showWarningMessage(notice);
}

/** Adds the entry's insertion to `edit`; returns what to tell the user when it cannot be added. */
async function addEntryEdit(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, key: string, libraries: WorkspaceLibraries): Promise<string | undefined> {
  const language = citationLanguageOf(document) ?? 'latex';
  const library = await libraries.libraryFor(document);
  // Asked again: the entry may have been added since the completion list was made.
  if (!needsBibliographyEntry(library, key)) return undefined;
  const own = await documentLibraryPaths({ path: document.uri.fsPath, text: document.getText(), language }, libraries.fileSource(), discoveryOptionsFor(document.uri));
  const target = bibliographyTarget(own.paths, language, key);
  if (!target.ok) return target.message;
  return addEntryTo(edit, target, library.lookupAll(key)[0]!);
}

/**
 * Adds to `edit` the insertion of `reference` into the bibliography file `target`, as the editor has
 * it (unsaved changes included); a file the document names but that does not exist yet is created.
 * Returns what to tell the user when the file cannot take the entry.
 */
export async function addEntryTo(edit: vscode.WorkspaceEdit, target: { path: string; format: WritableFormat }, reference: Reference): Promise<string | undefined> {
  const targetText = await readWorkspaceText(target.path);
  const addition = entryAddition({ ...target, text: targetText }, reference, await readWorkspaceText(reference.source.path));
  if (!addition.ok) return addition.message;
  const uri = vscode.Uri.file(target.path);
  if (targetText === undefined) edit.createFile(uri, { ignoreIfExists: true });
  const lines = new LineIndex(targetText ?? '');
  const [start, end] = [addition.edit.start, addition.edit.end].map((offset) => {
    const at = lines.position(offset);
    return new vscode.Position(at.line - 1, at.column - 1);
  });
  edit.replace(uri, new vscode.Range(start!, end!), addition.edit.text);
  return undefined;
}
