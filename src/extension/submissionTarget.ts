import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { hasDocumentClass } from '../core/discovery/latexSources';
import { maskLatex } from '../core/latex/mask';
import { Requests, type SubmissionTargetResult } from '../server/protocol';

/** What one submission check looks at: the paper's root, its PDF, its files, and the workspace folder it is in. */
export interface SubmissionTarget extends SubmissionTargetResult {
  folder: vscode.WorkspaceFolder | undefined;
}

export function isTexDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && /\.tex$/i.test(document.fileName);
}

/**
 * The root .tex of `document`'s project (found by the server, from the files as saved), or, without a
 * .tex document and when `ask` allows, the one the user picks among the workspace's .tex files with
 * \documentclass. Undefined when there is none or the pick was cancelled.
 */
export async function findSubmissionTarget(client: LanguageClient, document: vscode.TextDocument | undefined, ask: boolean): Promise<SubmissionTarget | undefined> {
  const texUri = document && isTexDocument(document) ? document.uri : ask ? await pickRootDocument() : undefined;
  if (!texUri) return undefined;
  const target = await client.sendRequest<SubmissionTargetResult>(Requests.submissionTarget, { uri: texUri.toString() });
  return { ...target, folder: vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target.root)) };
}

/** Asks which .tex file is the paper; a workspace with a single candidate needs no question. */
async function pickRootDocument(): Promise<vscode.Uri | undefined> {
  const candidates: vscode.Uri[] = [];
  for (const uri of await vscode.workspace.findFiles('**/*.tex', '**/node_modules/**', 500)) {
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    if (hasDocumentClass(maskLatex(text))) candidates.push(uri);
  }
  if (candidates.length === 0) {
    void vscode.window.showErrorMessage('CALM Cite: no .tex file with \\documentclass in this workspace. Open the paper\'s .tex file and run Check Submission again.');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates
      .map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.description.localeCompare(b.description)),
    { title: 'Check Submission', placeHolder: 'Which .tex file is the paper?' },
  );
  return picked?.uri;
}
