import * as vscode from 'vscode';
import { needsBibliographyEntry } from '../core/features/bibliographyEntry';
import { completeCitation } from '../core/features/completion';
import { referenceMarkdown } from '../core/features/referenceMarkdown';
import type { Library } from '../core/library/library';
import type { Reference } from '../core/library/reference';
import { addsEntriesIn, citeAndAddEntry } from './bibliographyEntry';
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

const CITE_WITH_ENTRY = 'calmCite.citeWithEntry';

/**
 * Completes keys inside `\cite{...}`-like commands and Pandoc `[@...]` citations. Accepting a key only
 * the bundled CALM library defines also adds its entry to the document's bibliography: that item leaves
 * the text as typed and its command makes both edits as one WorkspaceEdit, so one Ctrl+Z undoes both.
 */
export function registerCompletion(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  const provider: vscode.CompletionItemProvider<CitationCompletionItem> = {
    async provideCompletionItems(document, position) {
      const language = citationLanguageOf(document);
      if (!language) return undefined;
      const text = document.getText();
      const settings = readSettings(document.uri, log);
      const options = { extraCommands: settings.latex.extraCiteCommands };
      let library: Library | undefined;
      const completion = await completeCitation(text, document.offsetAt(position), language, async () => (library = await libraries.libraryFor(document)), options);
      if (!completion || !library) return undefined;
      const seen: Library = library;
      const range = new vscode.Range(document.positionAt(completion.replaceStart), document.positionAt(completion.replaceEnd));
      const typed = document.getText(range);
      const addsEntries = addsEntriesIn(document, log);
      const items = completion.entries.map((entry) => {
        const item = new CitationCompletionItem(entry.reference, document.uri);
        item.label = { label: entry.reference.key, description: entry.detail };
        item.detail = entry.reference.title;
        item.range = range;
        if (addsEntries && needsBibliographyEntry(seen, entry.reference.key)) {
          item.insertText = typed;
          item.command = { title: 'Cite and add the entry', command: CITE_WITH_ENTRY, arguments: [document.uri, range, typed, entry.reference.key] };
        } else {
          item.insertText = entry.reference.key;
        }
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
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(DOCUMENT_SELECTOR, provider, '{', ',', '@', ';', ' '),
    vscode.commands.registerCommand(CITE_WITH_ENTRY, async (uri: vscode.Uri, range: vscode.Range, typed: string, key: string) => {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
      // The item left the typed text in place; anything else means the document changed meanwhile.
      if (document?.getText(range) !== typed) return;
      await citeAndAddEntry(document, range, key, key, libraries);
    }),
  );
}
