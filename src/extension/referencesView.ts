import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications, Requests, type TreeEntry, type TreeGroup } from '../server/protocol';
import { citationLanguageOf } from './languages';

type Node = { group: TreeGroup } | { entry: TreeEntry; documentUri: string } | { hidden: number };

/**
 * The "References" view in the Explorer: the active document's library files with their entries,
 * and the bundled CALM libraries (selected references by direction, accepted papers by session). Selecting an entry opens it.
 */
export function registerReferencesView(client: LanguageClient): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  let roots: TreeGroup[] = [];
  let documentUri = '';
  let updates = 0;

  const refresh = async () => {
    const editor = vscode.window.activeTextEditor;
    // Keep showing the last document's libraries while a library file or the Output panel has focus.
    if (!editor || !citationLanguageOf(editor.document)) return;
    const ticket = ++updates;
    const uri = editor.document.uri.toString();
    const groups = await client.sendRequest<TreeGroup[]>(Requests.libraryTree, { uri });
    if (ticket !== updates) return;
    roots = groups;
    documentUri = uri;
    changed.fire();
  };

  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    getChildren(node) {
      if (!node) return roots.map((group) => ({ group }));
      if (!('group' in node)) return [];
      const { groups, entries, hidden } = node.group;
      return [...groups.map((group) => ({ group })), ...entries.map((entry) => ({ entry, documentUri })), ...(hidden > 0 ? [{ hidden }] : [])];
    },
    getTreeItem(node) {
      if ('group' in node) return groupItem(node.group);
      if ('entry' in node) return entryItem(node.entry);
      const item = new vscode.TreeItem(`… ${node.hidden} more (use Insert Citation to search)`);
      item.command = { command: 'calmCite.insertCitation', title: 'Insert Citation' };
      return item;
    },
    // Formatting a reference runs citation-js: done only for the entry the pointer rests on, not for 2,000 rows.
    async resolveTreeItem(item, node) {
      if (!('entry' in node)) return item;
      const markdown = await client.sendRequest<string | null>(Requests.describe, { uri: node.documentUri, key: node.entry.key });
      // The server escapes every piece of library text, so the tooltip can render Markdown safely.
      if (markdown) item.tooltip = new vscode.MarkdownString(markdown, true);
      return item;
    },
  };

  const view = vscode.window.createTreeView('calmCite.references', { treeDataProvider: provider, showCollapseAll: true });
  void refresh();
  return vscode.Disposable.from(
    view,
    changed,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    client.onNotification(Notifications.librariesChanged, () => void refresh()),
  );
}

function groupItem(group: TreeGroup): vscode.TreeItem {
  // The bundled library opens on its four directions; files and directions stay closed until asked.
  const state = group.groups.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(group.label, state);
  item.description = group.description;
  if (group.uri) {
    item.resourceUri = vscode.Uri.parse(group.uri);
    item.tooltip = item.resourceUri.fsPath;
  }
  item.contextValue = 'calmCite.libraryGroup';
  return item;
}

function entryItem(entry: TreeEntry): vscode.TreeItem {
  const item = new vscode.TreeItem(entry.key, vscode.TreeItemCollapsibleState.None);
  item.description = entry.description;
  item.iconPath = new vscode.ThemeIcon('book');
  const at = new vscode.Position(entry.position.line, entry.position.character);
  item.command = {
    command: 'vscode.open',
    title: 'Open Entry',
    arguments: [vscode.Uri.parse(entry.uri), { selection: new vscode.Range(at, at), preview: true }],
  };
  return item;
}
