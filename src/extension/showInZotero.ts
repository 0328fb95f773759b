import * as vscode from 'vscode';

export const SHOW_IN_ZOTERO_COMMAND = 'calmCite.showInZotero';

/**
 * Opens Zotero on an item (`zotero://select/...`), for the hovers' "Show in Zotero" link and the
 * References view's Zotero entries: VS Code's Markdown opens no `zotero:` link itself. Only such links
 * are opened, so a hover cannot make the command open anything else.
 */
export function registerShowInZotero(): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_IN_ZOTERO_COMMAND, async (uri: unknown) => {
    if (typeof uri !== 'string' || !/^zotero:\/\/select\/(library|groups\/\d+)\/items\/\w+$/.test(uri)) return;
    if (!(await vscode.env.openExternal(vscode.Uri.parse(uri)))) void vscode.window.showWarningMessage('CALM Cite: Zotero did not open. Is Zotero installed on this machine?');
  });
}
