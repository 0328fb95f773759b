import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type CiteEdits, type LspPosition } from '../server/protocol';

type LspRange = { start: LspPosition; end: LspPosition };
import { CITE_WITH_ENTRY_COMMAND } from './client';

/**
 * Applies a citation and, when the key's entry was only in the bundled CALM library, the entry added to
 * the document's bibliography, as ONE WorkspaceEdit: one Ctrl+Z in the document undoes both. Says what
 * the user should do when the entry could not be added.
 */
export async function applyCiteEdits(client: LanguageClient, cite: CiteEdits): Promise<void> {
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(cite.edit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('CALM Cite could not cite: the document or its bibliography changed meanwhile. Try again.');
    return;
  }
  if (cite.notice) void vscode.window.showWarningMessage(cite.notice);
}

/** The command of a completion item that cites a key and adds its entry as one edit (see client.ts). */
export function registerCiteWithEntry(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand(CITE_WITH_ENTRY_COMMAND, async (uri: string, at: LspRange, typed: string, key: string) => {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
    const range = client.protocol2CodeConverter.asRange(at);
    // The item left the typed text in place; anything else means the document changed meanwhile.
    if (document?.getText(range) !== typed) return;
    await applyCiteEdits(client, await client.sendRequest<CiteEdits>(Requests.citeWithEntry, { uri, range: at, key }));
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === document) {
      const end = document.positionAt(document.offsetAt(range.start) + key.length);
      editor.selection = new vscode.Selection(end, end);
    }
  });
}
