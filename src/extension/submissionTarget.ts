import * as path from 'node:path';
import * as vscode from 'vscode';
import { hasDocumentClass } from '../core/discovery/latexSources';
import { documentLibraryPaths } from '../core/project/documentLibraries';
import { diskFiles } from './diskFiles';
import { readSettings } from './settings';
import { discoveryOptionsFor, workspaceTexFiles } from './texFiles';

/** What one submission check looks at. */
export interface SubmissionTarget {
  texPath: string;
  pdfPath: string;
  folder: vscode.WorkspaceFolder | undefined;
  /** Every .tex file of the project, root first: saving one re-runs the check (calmCite.check.onSave). */
  projectFiles: string[];
}

export function isTexDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && /\.tex$/i.test(document.fileName);
}

/**
 * The root .tex of `document`'s project, or, without a .tex document and when `ask` allows, the one
 * the user picks among the workspace's .tex files with \documentclass. Undefined when there is none
 * or the pick was cancelled.
 */
export async function findSubmissionTarget(
  document: vscode.TextDocument | undefined,
  ask: boolean,
  log: vscode.LogOutputChannel,
): Promise<SubmissionTarget | undefined> {
  let texPath: string | undefined;
  let text: string | undefined;
  if (document && isTexDocument(document)) {
    texPath = document.uri.fsPath;
    text = document.getText();
  } else if (ask) {
    texPath = await pickRootDocument();
    if (texPath) text = await diskFiles.readFile(texPath);
  }
  if (texPath === undefined || text === undefined) return undefined;

  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(texPath));
  const project = await documentLibraryPaths({ path: texPath, text, language: 'latex' }, diskFiles, discoveryOptionsFor(vscode.Uri.file(texPath)));
  const root = project.root ?? texPath;
  return { texPath: root, pdfPath: pdfPathFor(root, folder, log), folder, projectFiles: project.files };
}

/** The PDF named by calmCite.check.pdfPath (relative to the workspace folder), else the root's name with .pdf beside it. */
function pdfPathFor(texPath: string, folder: vscode.WorkspaceFolder | undefined, log: vscode.LogOutputChannel): string {
  const setting = readSettings(folder?.uri ?? vscode.Uri.file(texPath), log).check.pdfPath.trim();
  if (setting) return path.isAbsolute(setting) ? setting : path.join(folder?.uri.fsPath ?? path.dirname(texPath), setting);
  return path.join(path.dirname(texPath), `${path.basename(texPath, path.extname(texPath))}.pdf`);
}

/** Asks which .tex file is the paper; a workspace with a single candidate needs no question. */
async function pickRootDocument(): Promise<string | undefined> {
  const candidates: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const file of await workspaceTexFiles(folder)) {
      const text = await diskFiles.readFile(file);
      if (text !== undefined && hasDocumentClass(text)) candidates.push(file);
    }
  }
  if (candidates.length === 0) {
    void vscode.window.showErrorMessage('CALM Cite: no .tex file with \\documentclass in this workspace. Open the paper\'s .tex file and run Check Submission again.');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.sort().map((file) => ({ label: path.basename(file), description: vscode.workspace.asRelativePath(file), file })),
    { title: 'Check Submission', placeHolder: 'Which .tex file is the paper?' },
  );
  return picked?.file;
}
