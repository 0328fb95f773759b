import * as path from 'node:path';
import * as vscode from 'vscode';
import { BUILT_IN_STYLES, registerStyle } from '../core/preview/formatter';

const registered = new Map<string, number>();

/**
 * The CSL style name to format with for `calmCite.citationStyle`: a built-in name as is, or a `.csl`
 * file (relative to the workspace folder) registered with citation-js once per modification time.
 * A style that cannot be used falls back to APA, with the reason in the log.
 */
export async function citationStyleFor(setting: string, scope: vscode.Uri, log: vscode.LogOutputChannel): Promise<string> {
  if ((BUILT_IN_STYLES as readonly string[]).includes(setting)) return setting;
  if (!/\.csl$/i.test(setting)) {
    log.warn(`calmCite.citationStyle '${setting}' is not a built-in style (${BUILT_IN_STYLES.join(', ')}) or a .csl file; using apa.`);
    return 'apa';
  }
  const folder = vscode.workspace.getWorkspaceFolder(scope);
  const file = path.isAbsolute(setting) || !folder ? setting : path.join(folder.uri.fsPath, setting);
  try {
    const uri = vscode.Uri.file(file);
    const { mtime } = await vscode.workspace.fs.stat(uri);
    if (registered.get(file) !== mtime) {
      registerStyle(file, new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
      registered.set(file, mtime);
    }
    return file;
  } catch (error) {
    log.warn(`calmCite.citationStyle: cannot use ${file} (${(error as Error).message}); using apa.`);
    return 'apa';
  }
}
