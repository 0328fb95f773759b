import * as vscode from 'vscode';
import type { DiscoveryOptions } from '../core/project/documentLibraries';

/** The .tex files of a workspace folder (at most 500, dependencies excluded): candidate roots of a LaTeX project. */
export async function workspaceTexFiles(folder: vscode.WorkspaceFolder): Promise<string[]> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.tex'), '**/node_modules/**', 500);
  return found.map((uri) => uri.fsPath);
}

/** How the LaTeX root and `_quarto.yml` of a file are found: within its workspace folder. */
export function discoveryOptionsFor(uri: vscode.Uri): DiscoveryOptions {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return {
    workspaceRoot: folder?.uri.fsPath,
    candidateRoots: async () => (folder ? workspaceTexFiles(folder) : []),
  };
}
