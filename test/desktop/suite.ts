// Runs inside desktop VS Code's extension host (see run.ts): the same user-visible checks as the
// code-server suite, through VS Code's own provider commands.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the sample workspace is open');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'paper.tex'));
  await vscode.window.showTextDocument(document);
  const keyOffset = document.getText().indexOf('kiciman2023causal');
  const inKey = document.positionAt(keyOffset + 3);

  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(keyOffset));
  assert.ok(list.items.some((item) => label(item) === 'kiciman2023causal'), 'completion offers the bundled key');

  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, inKey);
  const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
  assert.match(text, /Kıcıman/);
}
