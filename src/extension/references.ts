import * as vscode from 'vscode';
import { keyOccurrences } from '../core/features/references';
import { documentsCitingSite, keySiteAt } from './keySite';
import { DOCUMENT_SELECTOR, LIBRARY_SELECTOR } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { OffsetRanges } from './workspaceTexts';

/** Find All References on a cited key or an entry key: its entries, then every citation across the workspace. */
export function registerReferences(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.languages.registerReferenceProvider([...DOCUMENT_SELECTOR, ...LIBRARY_SELECTOR], {
    async provideReferences(document, position, context) {
      const site = await keySiteAt(document, position, libraries, log);
      if (!site) return undefined;
      const documents = await documentsCitingSite(site, libraries);
      const occurrences = keyOccurrences(site.key, { documents, libraryFiles: site.libraryFiles }, { extraCommands: site.extraCommands });
      const texts = new Map([...site.libraryFiles, ...documents].map((file) => [file.path, file.text]));
      const ranges = new OffsetRanges((filePath) => texts.get(filePath)!);
      return occurrences
        .filter((occurrence) => context.includeDeclaration || occurrence.kind === 'citation')
        .map((occurrence) => new vscode.Location(vscode.Uri.file(occurrence.path), ranges.range(occurrence.path, occurrence.start, occurrence.end)));
    },
  });
}
