import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCompletion } from './completion';
import { registerDefinition } from './definition';
import { registerHover } from './hover';
import { registerInsertCitation } from './insertCitation';
import { WorkspaceLibraries } from './libraries';
import { createLog } from './log';
import { registerReferences } from './references';
import { registerReferencesView } from './referencesView';
import { registerRename } from './rename';
import { createStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const libraries = new WorkspaceLibraries(log, path.join(context.extensionPath, 'dist', 'libraryWorker.js'));
  context.subscriptions.push(
    log,
    libraries,
    registerCompletion(libraries, log),
    registerHover(libraries, log),
    registerDefinition(libraries, log),
    registerReferences(libraries, log),
    registerRename(libraries, log),
    registerInsertCitation(libraries, log),
    registerReferencesView(libraries),
    createStatusBar(libraries),
    vscode.commands.registerCommand('calmCite.showLog', () => log.show()),
    vscode.commands.registerCommand('calmCite.reindex', () => libraries.invalidateAll()),
  );
  log.info(`CALM Cite ${context.extension.packageJSON.version} active.`);
}

export function deactivate(): void {}
