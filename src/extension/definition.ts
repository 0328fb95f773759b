import * as vscode from 'vscode';
import { keyAt } from '../core/citations';
import { citationDefinition } from '../core/features/definition';
import { citationLanguageOf, DOCUMENT_SELECTOR } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { readSettings } from './settings';

/** Go to Definition on a cited key opens its entry; the bundled CALM library opens from the extension's folder. */
export function registerDefinition(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.languages.registerDefinitionProvider(DOCUMENT_SELECTOR, {
    async provideDefinition(document, position) {
      const language = citationLanguageOf(document);
      if (!language) return undefined;
      const settings = readSettings(document.uri, log);
      const text = document.getText();
      const offset = document.offsetAt(position);
      const options = { extraCommands: settings.latex.extraCiteCommands };
      // Ctrl+mouse-move asks on every word; answer plain text before touching the libraries, as the hover does.
      if (!keyAt(text, offset, language, options)) return undefined;
      const definition = citationDefinition(text, offset, language, await libraries.libraryFor(document), options);
      if (!definition) return undefined;
      const origin = new vscode.Range(document.positionAt(definition.start), document.positionAt(definition.end));
      return definition.targets.map((target): vscode.LocationLink => {
        const at = new vscode.Position(target.line - 1, target.column - 1);
        return { originSelectionRange: origin, targetUri: vscode.Uri.file(target.path), targetRange: new vscode.Range(at, at) };
      });
    },
  });
}
