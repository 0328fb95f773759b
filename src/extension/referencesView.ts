import * as vscode from 'vscode';
import { libraryTree, type LibraryTreeEntry, type LibraryTreeGroup } from '../core/features/libraryTree';
import { referenceMarkdown } from '../core/features/referenceMarkdown';
import { citationLanguageOf } from './languages';
import type { WorkspaceLibraries } from './libraries';

type Node = { group: LibraryTreeGroup } | { entry: LibraryTreeEntry } | { hidden: number };

/**
 * The "References" view in the Explorer: the active document's library files with their entries,
 * and the bundled CALM libraries (selected references by direction, accepted papers by session). Selecting an entry opens it.
 */
export function registerReferencesView(libraries: WorkspaceLibraries): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  let roots: LibraryTreeGroup[] = [];
  let updates = 0;

  const refresh = async () => {
    const editor = vscode.window.activeTextEditor;
    // Keep showing the last document's libraries while a library file or the Output panel has focus.
    if (!editor || !citationLanguageOf(editor.document)) return;
    const ticket = ++updates;
    const library = await libraries.libraryFor(editor.document);
    if (ticket !== updates) return;
    roots = libraryTree(library);
    changed.fire();
  };

  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    getChildren(node) {
      if (!node) return roots.map((group) => ({ group }));
      if (!('group' in node)) return [];
      const { groups, entries, hidden } = node.group;
      return [...groups.map((group) => ({ group })), ...entries.map((entry) => ({ entry })), ...(hidden > 0 ? [{ hidden }] : [])];
    },
    getTreeItem(node) {
      if ('group' in node) return groupItem(node.group);
      if ('entry' in node) return entryItem(node.entry);
      const item = new vscode.TreeItem(`… ${node.hidden} more (use Insert Citation to search)`);
      item.command = { command: 'calmCite.insertCitation', title: 'Insert Citation' };
      return item;
    },
    // Formatting a reference runs citation-js: done only for the entry the pointer rests on, not for 2,000 rows.
    resolveTreeItem(item, node) {
      // referenceMarkdown escapes every piece of library text, so the tooltip can render Markdown safely.
      if ('entry' in node) item.tooltip = new vscode.MarkdownString(referenceMarkdown(node.entry.reference), true);
      return item;
    },
  };

  const view = vscode.window.createTreeView('calmCite.references', { treeDataProvider: provider, showCollapseAll: true });
  void refresh();
  return vscode.Disposable.from(
    view,
    changed,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    libraries.onDidChange(() => void refresh()),
  );
}

function groupItem(group: LibraryTreeGroup): vscode.TreeItem {
  // The bundled library opens on its four directions; files and directions stay closed until asked.
  const state = group.groups.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(group.label, state);
  item.description = group.description;
  if (group.path) {
    item.resourceUri = vscode.Uri.file(group.path);
    item.tooltip = group.path;
  }
  item.contextValue = 'calmCite.libraryGroup';
  return item;
}

function entryItem(entry: LibraryTreeEntry): vscode.TreeItem {
  const { reference } = entry;
  const item = new vscode.TreeItem(reference.key, vscode.TreeItemCollapsibleState.None);
  item.description = entry.description;
  item.iconPath = new vscode.ThemeIcon('book');
  const at = new vscode.Position(reference.source.line - 1, reference.source.column - 1);
  item.command = {
    command: 'vscode.open',
    title: 'Open Entry',
    arguments: [vscode.Uri.file(reference.source.path), { selection: new vscode.Range(at, at), preview: true }],
  };
  return item;
}
