import * as vscode from 'vscode';
import { keyAt } from '../core/citations';
import { citationHover } from '../core/features/hover';
import { citationStyleFor } from './citationStyle';
import { citationLanguageOf, DOCUMENT_SELECTOR } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { SHOW_REFERENCE_COMMAND, showReferenceLink } from './showReference';
import { readSettings } from './settings';

/** Shows the cited reference under the cursor, formatted with the configured CSL style. */
export function registerHover(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, {
    async provideHover(document, position) {
      const language = citationLanguageOf(document);
      if (!language) return undefined;
      const settings = readSettings(document.uri, log);
      const text = document.getText();
      const offset = document.offsetAt(position);
      const options = { extraCommands: settings.latex.extraCiteCommands };
      // The mouse rests on plain text far more often than on a key; answer that before touching the libraries.
      const citation = keyAt(text, offset, language, options);
      if (!citation) return undefined;
      const library = await libraries.libraryFor(document);
      const hover = citationHover(text, offset, language, library, {
        ...options,
        style: await citationStyleFor(settings.citationStyle, document.uri, log),
        fullAbstractLink: showReferenceLink(document.uri, citation.key),
      });
      if (!hover) return undefined;
      const markdown = new vscode.MarkdownString(hover.markdown, true);
      markdown.isTrusted = { enabledCommands: [SHOW_REFERENCE_COMMAND] };
      return new vscode.Hover(markdown, new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
    },
  });
}
