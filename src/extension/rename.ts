import * as vscode from 'vscode';
import { keyRenameRefusal, renameKeyEdits } from '../core/features/rename';
import { documentsCitingSite, keySiteAt } from './keySite';
import { DOCUMENT_SELECTOR, LIBRARY_SELECTOR } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { untrustedRefusal } from './trust';
import { OffsetRanges } from './workspaceTexts';

/**
 * Rename on a cited key or an entry key: one workspace edit over the defining entries and every
 * citation. Refusals are thrown as Errors, which VS Code shows as the rename's message; what can be
 * refused before a new key is typed (an untrusted workspace, a bundled key) is refused in prepareRename.
 */
export function registerRename(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.languages.registerRenameProvider([...DOCUMENT_SELECTOR, ...LIBRARY_SELECTOR], {
    async prepareRename(document, position) {
      refuseUntrusted();
      const site = await keySiteAt(document, position, libraries, log);
      if (!site) throw new Error('Place the cursor on a cited key or on an entry key to rename it.');
      const refusal = keyRenameRefusal(site.key, site.libraryFiles);
      if (refusal) throw new Error(refusal);
      return { range: site.range, placeholder: site.key };
    },
    // Also reached without prepareRename (vscode.executeDocumentRenameProvider), so it refuses on its own.
    async provideRenameEdits(document, position, newName) {
      refuseUntrusted();
      const site = await keySiteAt(document, position, libraries, log);
      if (!site) return undefined;
      const documents = await documentsCitingSite(site, libraries);
      const edits = renameKeyEdits(
        { oldKey: site.key, newKey: newName.trim(), documents, libraryFiles: site.libraryFiles, keyExists: site.keyExists },
        { extraCommands: site.extraCommands },
      );
      const texts = new Map([...site.libraryFiles, ...documents].map((file) => [file.path, file.text]));
      const ranges = new OffsetRanges((filePath) => texts.get(filePath)!);
      const workspaceEdit = new vscode.WorkspaceEdit();
      for (const edit of edits) workspaceEdit.replace(vscode.Uri.file(edit.path), ranges.range(edit.path, edit.start, edit.end), edit.newText);
      log.info(`Renaming ${site.key} to ${newName.trim()}: ${edits.length} places in ${new Set(edits.map((edit) => edit.path)).size} files.`);
      return workspaceEdit;
    },
  });
}

function refuseUntrusted(): void {
  const refusal = untrustedRefusal('rename keys');
  if (refusal) throw new Error(refusal);
}
