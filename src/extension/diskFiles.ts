import * as vscode from 'vscode';
import type { CheckFileSystem } from '../core/project/checkDocument';

/**
 * Files as saved on disk, never the editor's unsaved text: the submission check compares the sources
 * with the PDF built from them, and that PDF was built from what is saved.
 */
export const diskFiles: CheckFileSystem = {
  readFile: async (filePath) => {
    const bytes = await diskFiles.readBytes(filePath);
    return bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes);
  },
  readBytes: async (filePath) => {
    try {
      return await vscode.workspace.fs.readFile(vscode.Uri.file(filePath));
    } catch {
      return undefined;
    }
  },
};

export async function fileExists(filePath: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.file(filePath));
    return true;
  } catch {
    return false;
  }
}
