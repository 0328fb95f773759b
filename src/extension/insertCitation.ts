import * as vscode from 'vscode';
import { needsBibliographyEntry } from '../core/features/bibliographyEntry';
import { citationInsertion } from '../core/features/insertCitation';
import { authorYear } from '../core/features/referenceMarkdown';
import type { Library } from '../core/library/library';
import type { Reference } from '../core/library/reference';
import { addsEntriesIn, citeAndAddEntry } from './bibliographyEntry';
import { citationLanguageOf } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { readSettings } from './settings';
import { untrustedRefusal } from './trust';

const MAX_ITEMS = 100;

interface ReferenceItem extends vscode.QuickPickItem {
  reference: Reference;
}

/**
 * "CALM Cite: Insert Citation": search the active document's library and cite the chosen entry at
 * the cursor, in the document's syntax, joining the citation group the cursor is in. An entry only
 * the bundled CALM library has is also added to the document's bibliography, in the same edit.
 */
export function registerInsertCitation(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerTextEditorCommand('calmCite.insertCitation', async (editor) => {
    const refusal = untrustedRefusal('insert citations');
    if (refusal) {
      void vscode.window.showErrorMessage(refusal);
      return;
    }
    const language = citationLanguageOf(editor.document);
    if (!language) {
      void vscode.window.showInformationMessage('Insert Citation works in LaTeX, Markdown, Quarto and R Markdown documents.');
      return;
    }
    const library = await libraries.libraryFor(editor.document);
    const reference = await pickReference(library);
    if (!reference) return;
    const settings = readSettings(editor.document.uri, log);
    const document = editor.document;
    const insertion = citationInsertion(document.getText(), document.offsetAt(editor.selection.active), language, reference.key, {
      extraCommands: settings.latex.extraCiteCommands,
      latexCommand: settings.latex.insertCommand,
    });
    const range = new vscode.Range(document.positionAt(insertion.start), document.positionAt(insertion.end));
    if (addsEntriesIn(document, log) && needsBibliographyEntry(library, reference.key)) await citeAndAddEntry(document, range, insertion.text, reference.key, libraries);
    else await editor.edit((builder) => builder.replace(range, insertion.text));
  });
}

/** A Quick Pick ranked by the library's search on every change of the filter text. */
function pickReference(library: Library): Promise<Reference | undefined> {
  const quickPick = vscode.window.createQuickPick<ReferenceItem>();
  quickPick.placeholder = `Search ${library.size} references by key, author, title, year, venue or topic`;
  // Items are ranked by the library's search over authors, titles and topics; `alwaysShow` keeps the editor's
  // label filter from hiding them, and matching on description and detail highlights what matched.
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  const show = (query: string) => {
    quickPick.items = library.search(query, { limit: MAX_ITEMS }).map(({ reference }) => ({
      reference,
      label: reference.key,
      description: authorYear(reference),
      detail: reference.title,
      alwaysShow: true,
    }));
  };
  show('');
  return new Promise((resolve) => {
    quickPick.onDidChangeValue(show);
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.reference);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
