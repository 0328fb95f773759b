import * as vscode from 'vscode';
import type { CitingDocument } from '../core/features/references';
import { LineIndex } from '../core/text/lineIndex';
import { diskFiles } from './diskFiles';
import { citationLanguageOf, citationLanguageOfPath, CITING_FILES_GLOB } from './languages';

/** Workspaces bigger than this are searched only this far for citations. */
const MAX_CITING_FILES = 5_000;

/** The unsaved text of the open document at `filePath`, if it is open. */
function openDocumentText(filePath: string): string | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.fsPath === filePath)?.getText();
}

/** A file's text as the editor has it: an open document's unsaved buffer wins over the disk. */
export async function readWorkspaceText(filePath: string): Promise<string | undefined> {
  return openDocumentText(filePath) ?? (await diskFiles.readFile(filePath));
}

/**
 * A library file as the editor has it: an open document's unsaved text, else the file's bytes, which the
 * BibTeX reader decodes a run of entries at a time. A leading BOM is dropped, as the editor drops it, so
 * that positions on the first line match the editor's.
 */
export async function readWorkspaceLibraryFile(filePath: string): Promise<string | Uint8Array | undefined> {
  const open = openDocumentText(filePath);
  if (open !== undefined) return open;
  const bytes = await diskFiles.readBytes(filePath);
  return bytes?.[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Every .tex/.md/.qmd/.Rmd of the workspace (and every open citing document outside it), with its current text. */
export async function citingDocuments(): Promise<CitingDocument[]> {
  const documents = new Map<string, CitingDocument>();
  for (const document of vscode.workspace.textDocuments) {
    const language = citationLanguageOf(document);
    if (language && document.uri.scheme === 'file') documents.set(document.uri.fsPath, { path: document.uri.fsPath, text: document.getText(), language });
  }
  const found = await vscode.workspace.findFiles(CITING_FILES_GLOB, '{**/node_modules/**,**/.git/**}', MAX_CITING_FILES);
  for (const uri of found) {
    if (documents.has(uri.fsPath)) continue;
    const text = await readWorkspaceText(uri.fsPath);
    if (text !== undefined) documents.set(uri.fsPath, { path: uri.fsPath, text, language: citationLanguageOfPath(uri.fsPath) });
  }
  return [...documents.values()];
}

/** Turns core offsets into editor ranges for files that may not be open. */
export class OffsetRanges {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(private readonly textOf: (filePath: string) => string) {}

  range(filePath: string, start: number, end: number): vscode.Range {
    let index = this.indexes.get(filePath);
    if (!index) {
      index = new LineIndex(this.textOf(filePath));
      this.indexes.set(filePath, index);
    }
    const from = index.position(start);
    const to = index.position(end);
    return new vscode.Range(from.line - 1, from.column - 1, to.line - 1, to.column - 1);
  }
}
