import * as vscode from 'vscode';
import { referenceMarkdown } from '../core/features/referenceMarkdown';
import { escapeMarkdown } from '../core/text/markdown';
import { citationStyleFor } from './citationStyle';
import type { WorkspaceLibraries } from './libraries';
import { readSettings } from './settings';

export const SHOW_REFERENCE_COMMAND = 'calmCite.showReference';
const SCHEME = 'calm-cite-reference';

/** The hover's "whole abstract" link: this command, with the document and the key as its arguments. */
export function showReferenceLink(documentUri: vscode.Uri, key: string): string {
  return `command:${SHOW_REFERENCE_COMMAND}?${encodeURIComponent(JSON.stringify([documentUri.toString(), key]))}`;
}

/**
 * Opens a reference in full (the whole abstract, which hovers shorten) as a read-only Markdown
 * preview. The text lives in a virtual document, so nothing is written and nothing asks to be saved.
 */
export function registerShowReference(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  const texts = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = { provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '' };
  const command = vscode.commands.registerCommand(SHOW_REFERENCE_COMMAND, async (documentUri: unknown, key: unknown) => {
    if (typeof documentUri !== 'string' || typeof key !== 'string') return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(documentUri));
    const reference = (await libraries.libraryFor(document)).lookup(key);
    if (!reference) {
      void vscode.window.showWarningMessage(`CALM Cite: '${key}' is not in the libraries of ${document.uri.fsPath}.`);
      return;
    }
    const style = await citationStyleFor(readSettings(document.uri, log).citationStyle, document.uri, log);
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${encodeURIComponent(key)}.md` });
    texts.set(uri.toString(), `# ${escapeMarkdown(key)}\n\n${referenceMarkdown(reference, { style, fullAbstract: true })}\n`);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  });
  return vscode.Disposable.from(command, vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider));
}
