import * as vscode from 'vscode';
import { citationHover } from '../core/features/hover';
import { citationLanguageOf, DOCUMENT_SELECTOR } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { readSettings } from './settings';

/** Shows the cited reference under the cursor, formatted with the configured CSL style. */
export function registerHover(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, {
    async provideHover(document, position) {
      const language = citationLanguageOf(document);
      if (!language) return undefined;
      const settings = readSettings(document.uri, log);
      const library = await libraries.libraryFor(document);
      const hover = citationHover(document.getText(), document.offsetAt(position), language, library, {
        extraCommands: settings.latex.extraCiteCommands,
        style: settings.citationStyle,
      });
      if (!hover) return undefined;
      const markdown = new vscode.MarkdownString(hover.markdown, true);
      return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
    },
  });
}
