import * as vscode from 'vscode';
import { completeCitation } from '../core/features/completion';
import { referenceMarkdown } from '../core/features/referenceMarkdown';
import type { Reference } from '../core/library/reference';
import { citationStyleFor } from './citationStyle';
import { citationLanguageOf, DOCUMENT_SELECTOR } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { readSettings } from './settings';

class CitationCompletionItem extends vscode.CompletionItem {
  constructor(
    readonly reference: Reference,
    readonly documentUri: vscode.Uri,
  ) {
    super(reference.key, vscode.CompletionItemKind.Reference);
  }
}

/** Completes keys inside `\cite{...}`-like commands and Pandoc `[@...]` citations. */
export function registerCompletion(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  const provider: vscode.CompletionItemProvider<CitationCompletionItem> = {
    async provideCompletionItems(document, position) {
      const language = citationLanguageOf(document);
      if (!language) return undefined;
      const text = document.getText();
      const settings = readSettings(document.uri, log);
      const options = { extraCommands: settings.latex.extraCiteCommands };
      const completion = await completeCitation(text, document.offsetAt(position), language, () => libraries.libraryFor(document), options);
      if (!completion) return undefined;
      const range = new vscode.Range(document.positionAt(completion.replaceStart), document.positionAt(completion.replaceEnd));
      const items = completion.entries.map((entry) => {
        const item = new CitationCompletionItem(entry.reference, document.uri);
        item.label = { label: entry.reference.key, description: entry.detail };
        item.detail = entry.reference.title;
        item.insertText = entry.reference.key;
        item.range = range;
        item.sortText = entry.sortText;
        // The ranking already matched authors, titles and topics; let every ranked item through the editor's key filter.
        item.filterText = completion.query;
        return item;
      });
      // Incomplete: the editor asks again as the query grows, because it cannot rank titles or authors itself.
      return new vscode.CompletionList(items, true);
    },
    async resolveCompletionItem(item) {
      const style = await citationStyleFor(readSettings(item.documentUri, log).citationStyle, item.documentUri, log);
      item.documentation = new vscode.MarkdownString(referenceMarkdown(item.reference, { style }), true);
      return item;
    },
  };
  return vscode.languages.registerCompletionItemProvider(DOCUMENT_SELECTOR, provider, '{', ',', '@', ';', ' ');
}
