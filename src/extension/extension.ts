import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCompletion } from './completion';
import { registerDiagnostics } from './diagnostics';
import { registerDefinition } from './definition';
import { registerHover } from './hover';
import { registerInsertCitation } from './insertCitation';
import { WorkspaceLibraries } from './libraries';
import { createLog } from './log';
import { registerQuickFixes } from './quickFixes';
import { registerReferences } from './references';
import { registerReferencesView } from './referencesView';
import { registerRename } from './rename';
import { registerShowReference } from './showReference';
import { createStatusBar } from './statusBar';
import { registerSubmissionCheck } from './submissionCheck';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const libraries = new WorkspaceLibraries(log, path.join(context.extensionPath, 'dist', 'libraryWorker.js'));
  context.subscriptions.push(
    log,
    libraries,
    registerCompletion(libraries, log),
    registerHover(libraries, log),
    registerShowReference(libraries, log),
    registerDiagnostics(libraries, log),
    registerQuickFixes(libraries),
    registerDefinition(libraries, log),
    registerReferences(libraries, log),
    registerRename(libraries, log),
    registerInsertCitation(libraries, log),
    registerReferencesView(libraries),
    createStatusBar(libraries),
    registerSubmissionCheck(context, libraries, log),
    vscode.commands.registerCommand('calmCite.showLog', () => log.show()),
    vscode.commands.registerCommand('calmCite.reindex', () => libraries.invalidateAll()),
  );
  log.info(`CALM Cite ${context.extension.packageJSON.version} active.`);
}

export function deactivate(): void {}
