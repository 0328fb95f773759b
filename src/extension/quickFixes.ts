import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { CitationFix } from '../core/citationChecks/checkCitations';
import { bibliographyTarget } from '../core/features/bibliographyEntry';
import { fieldInsertion } from '../core/library/bibtex/entrySource';
import { publishedVersionNote } from '../core/library/publishedVersion';
import type { LibraryFileSource } from '../core/library/catalog';
import type { Reference } from '../core/library/reference';
import { LineIndex } from '../core/text/lineIndex';
import { findingOf } from './diagnostics';
import { addEntryTo } from './bibliographyEntry';
import { citationLanguageOf, DOCUMENT_SELECTOR } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { registerWhenTrusted } from './trust';

/** An action whose edit is built only when the user picks it: building it reads files. */
class CitationFixAction extends vscode.CodeAction {
  constructor(
    title: string,
    diagnostic: vscode.Diagnostic,
    readonly buildEdit: () => Promise<vscode.WorkspaceEdit | undefined>,
  ) {
    super(title, vscode.CodeActionKind.QuickFix);
    this.diagnostics = [diagnostic];
  }
}

/**
 * Quick fixes for citation diagnostics, each one undoable WorkspaceEdit applied only when chosen:
 * replace a mistyped key, copy an entry the bundled CALM library has into the document's own .bib,
 * or record a preprint's published version in the user's entry as a `note`. Every fix edits files, so
 * none is offered until the workspace is trusted.
 */
export function registerQuickFixes(libraries: WorkspaceLibraries): vscode.Disposable {
  return registerWhenTrusted(() => registerCitationFixes(libraries));
}

function registerCitationFixes(libraries: WorkspaceLibraries): vscode.Disposable {
  const files = libraries.fileSource();
  const provider: vscode.CodeActionProvider<CitationFixAction> = {
    provideCodeActions(document, _range, context) {
      return context.diagnostics.flatMap((diagnostic) => {
        const found = findingOf(diagnostic);
        return found?.finding.fix ? actionsFor(found.finding.fix, diagnostic, document, found.ownLibraryFiles, files) : [];
      });
    },
    async resolveCodeAction(action) {
      action.edit = await action.buildEdit();
      return action;
    },
  };
  return vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
}

function actionsFor(
  fix: CitationFix,
  diagnostic: vscode.Diagnostic,
  document: vscode.TextDocument,
  ownLibraryFiles: readonly string[],
  files: LibraryFileSource,
): CitationFixAction[] {
  switch (fix.kind) {
    case 'replace-key':
      return fix.suggestions.map((key, index) => {
        const action = new CitationFixAction(`Replace with '${key}'`, diagnostic, async () => {
          const edit = new vscode.WorkspaceEdit();
          edit.replace(document.uri, diagnostic.range, key);
          return edit;
        });
        action.isPreferred = index === 0;
        return action;
      });
    case 'copy-entry': {
      // Into the file completion would add it to, in that file's format (see bibliographyEntry.ts).
      const target = bibliographyTarget(ownLibraryFiles, citationLanguageOf(document) ?? 'latex', fix.key);
      if (!target.ok) return [];
      const from = fix.from.library === 'bundled' ? 'the CALM 2024 library' : nodePath.basename(fix.from.source.path);
      return [
        new CitationFixAction(`Copy '${fix.key}' from ${from} into ${nodePath.basename(target.path)}`, diagnostic, async () => {
          const edit = new vscode.WorkspaceEdit();
          return (await addEntryTo(edit, target, fix.from)) === undefined ? edit : undefined;
        }),
      ];
    }
    case 'update-to-published': {
      // The published version's metadata is not known, so the entry cannot become it. Recording where it
      // was published in `note` (printed by every style) is the one safe edit; an existing note is never touched.
      const reference = fix.reference;
      if (reference.library !== 'user' || !/\.bib$/i.test(reference.source.path) || reference.fields.note !== undefined) return [];
      return [
        new CitationFixAction(`Add the published version to '${reference.key}' as a note`, diagnostic, () =>
          insertFieldEdit(reference, 'note', publishedVersionNote(fix.publishedVersion), files),
        ),
      ];
    }
  }
}

async function insertFieldEdit(reference: Reference, field: string, value: string, files: LibraryFileSource): Promise<vscode.WorkspaceEdit | undefined> {
  const uri = vscode.Uri.file(reference.source.path);
  const text = await files.readFile(reference.source.path);
  const insertion = text === undefined ? undefined : fieldInsertion(text, reference, field, value);
  if (text === undefined || !insertion) return undefined;
  const at = new LineIndex(text).position(insertion.offset);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(at.line - 1, at.column - 1), insertion.text);
  return edit;
}
