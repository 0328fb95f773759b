import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { CITATION_LANGUAGE_BY_ID } from '../core/documents/language';
import { LIBRARY_FILE_EXTENSIONS } from '../core/library/libraryFormat';
import type { InitializationOptions } from '../server/protocol';
import { SHOW_REFERENCE_COMMAND } from './showReference';
import { untrustedRefusal } from './trust';

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
  const initializationOptions: InitializationOptions = { showReferenceCommand: SHOW_REFERENCE_COMMAND };
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
    provideHover: async (document, position, token, next) => {
      const hover = await next(document, position, token);
      for (const content of hover?.contents ?? []) {
        if (content instanceof vscode.MarkdownString) content.isTrusted = { enabledCommands: [SHOW_REFERENCE_COMMAND] };
      }
      return hover;
    },
  };
}
