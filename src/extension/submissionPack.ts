import * as path from 'node:path';
import * as vscode from 'vscode';
import { choosePack, loadChosenPack, WORKSPACE_RULES_FILE } from '../core/checks/packChoice';
import type { RulesPack } from '../core/checks/rulesPack';
import { diskFiles, fileExists } from './diskFiles';
import { readSettings } from './settings';

/**
 * The rules pack for a check: calmCite.check.rulesPack when set, else the workspace's
 * .calm-cite/rules.json, else calm-2024. Throws RulesPackError for a pack that does not load.
 */
export async function submissionPack(folder: vscode.WorkspaceFolder | undefined, log: vscode.LogOutputChannel): Promise<RulesPack> {
  const settings = readSettings(folder?.uri, log);
  const choice = choosePack({
    setting: settings.check.rulesPack,
    workspaceFolder: folder?.uri.fsPath,
    hasWorkspaceRulesFile: folder !== undefined && (await fileExists(path.join(folder.uri.fsPath, WORKSPACE_RULES_FILE))),
  });
  const pack = await loadChosenPack(choice, diskFiles.readFile);
  log.info(`Submission rules: ${pack.id} (${choice.kind === 'file' ? choice.path : 'shipped'}, from the ${choice.origin}).`);
  return pack;
}
