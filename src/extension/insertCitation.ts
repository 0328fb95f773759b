import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type CiteEdits, type SearchItem } from '../server/protocol';
import { applyCiteEdits } from './citeEdits';
import { citationLanguageOf } from './languages';
import { untrustedRefusal } from './trust';

const MAX_ITEMS = 100;

interface ReferenceItem extends vscode.QuickPickItem {
  key: string;
}

/**
 * "CALM Cite: Insert Citation": search the active document's library and cite the chosen entry at
 * the cursor, in the document's syntax, joining the citation group the cursor is in.
 */
export function registerInsertCitation(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerTextEditorCommand('calmCite.insertCitation', async (editor) => {
    const refusal = untrustedRefusal('insert citations');
    if (refusal) {
      void vscode.window.showErrorMessage(refusal);
      return;
    }
    if (!citationLanguageOf(editor.document)) {
      void vscode.window.showInformationMessage('Insert Citation works in LaTeX, Markdown, Quarto and R Markdown documents.');
      return;
    }
    const uri = editor.document.uri.toString();
    const key = await pickKey(client, uri);
    if (!key) return;
    const position = client.code2ProtocolConverter.asPosition(editor.selection.active);
    await applyCiteEdits(client, await client.sendRequest<CiteEdits>(Requests.insertCitation, { uri, position, key }));
  });
}

/** A Quick Pick ranked by the server's search on every change of the filter text. */
function pickKey(client: LanguageClient, uri: string): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick<ReferenceItem>();
  quickPick.placeholder = 'Search references by key, author, title, year, venue or topic';
  // Items are ranked by the search over authors, titles and topics; `alwaysShow` keeps the editor's
  // label filter from hiding them, and matching on description and detail highlights what matched.
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  let latest = 0;
  const show = async (query: string) => {
    const ticket = ++latest;
    quickPick.busy = true;
    const items = await client.sendRequest<SearchItem[]>(Requests.search, { uri, query, limit: MAX_ITEMS });
    if (ticket !== latest) return;
    quickPick.items = items.map((item) => ({ key: item.key, label: item.key, description: item.detail, detail: item.title, alwaysShow: true }));
    quickPick.busy = false;
  };
  void show('');
  return new Promise((resolve) => {
    quickPick.onDidChangeValue((value) => void show(value));
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.key);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
