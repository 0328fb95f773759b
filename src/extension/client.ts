import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { CITATION_LANGUAGE_BY_ID } from '../core/documents/language';
import { LIBRARY_FILE_EXTENSIONS } from '../core/library/libraryFormat';
import type { InitializationOptions } from '../server/protocol';
import { SHOW_IN_ZOTERO_COMMAND } from './showInZotero';
import { SHOW_REFERENCE_COMMAND } from './showReference';
import { untrustedRefusal } from './trust';

/** The server's command run after a completion that needs its entry added (see src/server/server.ts). */
const ADD_ENTRY_COMMAND = 'calmCite.addEntry';
export const CITE_WITH_ENTRY_COMMAND = 'calmCite.citeWithEntry';

/** The documents the server serves: papers in every citing language, and library files (references and rename start from entry keys too). */
export const DOCUMENT_SELECTOR = [
  ...Object.keys(CITATION_LANGUAGE_BY_ID).flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]),
  { scheme: 'file', pattern: `**/*{${LIBRARY_FILE_EXTENSIONS.join(',')}}` },
];

/**
 * Starts the CALM Cite language server (`dist/cli.js lsp`, in its own Node process, so parsing a big
 * library never blocks the extension host) and connects VS Code's language features to it. What edits
 * files (rename, quick fixes) is refused here in Restricted Mode.
 */
export function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = path.join(context.extensionPath, 'dist', 'cli.js');
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.ipc },
    debug: { module, args: ['lsp'], transport: TransportKind.ipc, options: { execArgv: ['--inspect=6019'] } },
  };
  // VS Code shows hints only in an open editor (its Problems panel does not list them): a 90,000-entry .bib's
  // unused-entry hints would cost the window and the client's converter for nothing while the file is closed.
  const initializationOptions: InitializationOptions = { showReferenceCommand: SHOW_REFERENCE_COMMAND, showInZoteroCommand: SHOW_IN_ZOTERO_COMMAND, hintsOnlyForOpenFiles: true };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    initializationOptions,
    synchronize: { configurationSection: 'calmCite' },
    middleware: trustMiddleware(),
  };
  return new LanguageClient('calmCite', 'CALM Cite', serverOptions, clientOptions);
}

/**
 * An item whose key only Zotero or the bundled CALM library defines carries the server's command that adds the
 * entry to the bibliography after the key is inserted. In VS Code both become ONE WorkspaceEdit instead,
 * so one Ctrl+Z undoes both: the item leaves the typed text as it is and its command makes both edits.
 * Restricted Mode changes no files: the key is inserted alone.
 */
function citeWithEntryInOneEdit(document: vscode.TextDocument, item: vscode.CompletionItem): void {
  if (item.command?.command !== ADD_ENTRY_COMMAND) return;
  const [, key] = item.command.arguments as [string, string];
  const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
  if (!range || untrustedRefusal('add entries')) {
    item.command = undefined;
    return;
  }
  const typed = document.getText(range);
  item.insertText = typed;
  // Plain data: resolving the item sends its command to the server and back, which a vscode.Range would not survive.
  const at = { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
  item.command = { title: 'Cite and add the entry', command: CITE_WITH_ENTRY_COMMAND, arguments: [document.uri.toString(), at, typed, key] };
}

/**
 * In Restricted Mode CALM Cite reads and previews, but changes no files: rename is refused with the reason,
 * and no quick fix is offered. Hover links run the one command the server's Markdown may name.
 */
function trustMiddleware(): Middleware {
  const refuseRename = () => {
    const refusal = untrustedRefusal('rename keys');
    if (refusal) throw new Error(refusal);
  };
  return {
    prepareRename: (document, position, token, next) => {
      refuseRename();
      return next(document, position, token);
    },
    provideRenameEdits: (document, position, newName, token, next) => {
      refuseRename();
      return next(document, position, newName, token);
    },
    provideCodeActions: (document, range, context, token, next) => (untrustedRefusal('apply quick fixes') ? [] : next(document, range, context, token)),
    provideCompletionItem: async (document, position, context, token, next) => {
      const list = await next(document, position, context, token);
      const items = Array.isArray(list) ? list : list?.items ?? [];
      for (const item of items) citeWithEntryInOneEdit(document, item);
      return list;
    },
    provideHover: async (document, position, token, next) => {
      const hover = await next(document, position, token);
      for (const content of hover?.contents ?? []) {
        if (content instanceof vscode.MarkdownString) content.isTrusted = { enabledCommands: [SHOW_REFERENCE_COMMAND, SHOW_IN_ZOTERO_COMMAND] };
      }
      return hover;
    },
  };
}
