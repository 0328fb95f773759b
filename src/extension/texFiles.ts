import * as vscode from 'vscode';

/** The .tex files of a workspace folder (at most 500, dependencies excluded): candidate roots of a LaTeX project. */
export async function workspaceTexFiles(folder: vscode.WorkspaceFolder): Promise<string[]> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.tex'), '**/node_modules/**', 500);
  return found.map((uri) => uri.fsPath);
}
