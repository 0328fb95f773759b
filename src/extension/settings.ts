import * as vscode from 'vscode';
import { parseSettings, type Settings } from '../core/settings';

/** The `calmCite.*` settings for a document's folder, validated; invalid values fall back to defaults and are logged. */
export function readSettings(scope: vscode.Uri | undefined, log: vscode.LogOutputChannel): Settings {
  const config = vscode.workspace.getConfiguration('calmCite', scope);
  const { settings, problems } = parseSettings({
    library: { paths: config.get('library.paths'), includeBundled: config.get('library.includeBundled') },
    citationStyle: config.get('citationStyle'),
    latex: { extraCiteCommands: config.get('latex.extraCiteCommands'), insertCommand: config.get('latex.insertCommand') },
  });
  for (const problem of problems) log.warn(`Setting ${problem.setting} ignored: ${problem.message}. Using the default instead.`);
  return settings;
}
