import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications, Requests, type LibraryStatus } from '../server/protocol';
import { citationLanguageOf } from './languages';

/** "$(book) 30 refs" for the active document's libraries; a spinner while they are read. */
export function createStatusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('calmCite.references', vscode.StatusBarAlignment.Right, 100);
  item.name = 'CALM Cite references';
  item.command = 'calmCite.showLog';
  let updates = 0;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !citationLanguageOf(editor.document)) {
      item.hide();
      return;
    }
    const ticket = ++updates;
    item.text = '$(sync~spin) Reading references';
    item.show();
    const status = await client.sendRequest<LibraryStatus>(Requests.libraryStatus, { uri: editor.document.uri.toString() });
    if (ticket !== updates) return;
    item.text = `$(book) ${status.references} refs${status.errors > 0 ? ` $(warning) ${status.errors}` : ''}`;
    item.tooltip = `${status.references} references from ${status.files} libraries${status.errors > 0 ? `; ${status.errors} entries could not be read (see the log)` : ''}`;
  };

  const subscriptions = [
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    client.onNotification(Notifications.librariesChanged, () => void update()),
  ];
  void update();
  return vscode.Disposable.from(...subscriptions);
}
