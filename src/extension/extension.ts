import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications } from '../server/protocol';
import { registerCiteWithEntry } from './citeEdits';
import { createClient } from './client';
import { registerInsertCitation } from './insertCitation';
import { createLog } from './log';
import { registerReferencesView } from './referencesView';
import { registerShowReference } from './showReference';
import { createStatusBar } from './statusBar';
import { registerSubmissionCheck } from './submissionCheck';

let client: LanguageClient | undefined;

/**
 * The extension is the language server's first client: completion, hover, definition, references,
 * rename, diagnostics and quick fixes come from the server; what only VS Code has (the References view,
 * Insert Citation, the submission report, the status bar) stays here and asks the server for its data.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLog();
  client = createClient(context, log);
  context.subscriptions.push(
    log,
    registerShowReference(client),
    registerInsertCitation(client),
    registerCiteWithEntry(client),
    registerReferencesView(client),
    createStatusBar(client),
    registerSubmissionCheck(context, client, log),
    vscode.commands.registerCommand('calmCite.showLog', () => log.show()),
    vscode.commands.registerCommand('calmCite.reindex', () => client?.sendNotification(Notifications.reload)),
  );
  await client.start();
  log.info(`CALM Cite ${context.extension.packageJSON.version} active.`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
