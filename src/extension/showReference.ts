import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { escapeMarkdown } from '../core/text/markdown';
import { Requests } from '../server/protocol';

export const SHOW_REFERENCE_COMMAND = 'calmCite.showReference';
const SCHEME = 'calm-cite-reference';

/**
 * Opens a reference in full (the whole abstract, which hovers shorten) as a read-only Markdown
 * preview. The text lives in a virtual document, so nothing is written and nothing asks to be saved.
 */
export function registerShowReference(client: LanguageClient): vscode.Disposable {
  const texts = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = { provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '' };
  const command = vscode.commands.registerCommand(SHOW_REFERENCE_COMMAND, async (documentUri: unknown, key: unknown) => {
    if (typeof documentUri !== 'string' || typeof key !== 'string') return;
    const markdown = await client.sendRequest<string | null>(Requests.describe, { uri: documentUri, key, fullAbstract: true });
    if (markdown === null) {
      void vscode.window.showWarningMessage(`CALM Cite: '${key}' is not in the libraries of ${vscode.Uri.parse(documentUri).fsPath}.`);
      return;
    }
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${encodeURIComponent(key)}.md` });
    texts.set(uri.toString(), `# ${escapeMarkdown(key)}\n\n${markdown}\n`);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  });
  return vscode.Disposable.from(command, vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider));
}
