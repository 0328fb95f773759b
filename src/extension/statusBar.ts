import * as vscode from 'vscode';
import { citationLanguageOf } from './languages';
import type { WorkspaceLibraries } from './libraries';

/** "$(book) 30 refs" for the active document's libraries; a spinner while they are read. */
export function createStatusBar(libraries: WorkspaceLibraries): vscode.Disposable {
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
    const library = await libraries.libraryFor(editor.document);
    if (ticket !== updates) return;
    const errors = library.errors().length;
    item.text = `$(book) ${library.size} refs${errors > 0 ? ` $(warning) ${errors}` : ''}`;
    item.tooltip = `${library.size} references from ${library.filePaths().length} libraries${errors > 0 ? `; ${errors} entries could not be read (see the log)` : ''}`;
  };

  const subscriptions = [
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    libraries.onDidChange(() => void update()),
  ];
  void update();
  return vscode.Disposable.from(...subscriptions);
}
