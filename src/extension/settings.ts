import * as vscode from 'vscode';
import { parseSettings, type Settings } from '../core/settings';

/** The `calmCite.*` settings for a document's folder, validated; invalid values fall back to defaults and are logged. */
export function readSettings(scope: vscode.Uri | undefined, log: vscode.LogOutputChannel): Settings {
  const config = vscode.workspace.getConfiguration('calmCite', scope);
  const { settings, problems } = parseSettings({
    library: { paths: config.get('library.paths'), includeBundled: config.get('library.includeBundled') },
    citationStyle: config.get('citationStyle'),
    latex: { extraCiteCommands: config.get('latex.extraCiteCommands'), insertCommand: config.get('latex.insertCommand') },
    diagnostics: { enabled: config.get('diagnostics.enabled'), severity: config.get('diagnostics.severity') },
    check: {
      rulesPack: explicitValue(config, 'check.rulesPack'),
      pdfPath: config.get('check.pdfPath'),
      onSave: config.get('check.onSave'),
      stage: config.get('check.stage'),
    },
  });
  for (const problem of problems) log.warn(`Setting ${problem.setting} ignored: ${problem.message}. Using the default instead.`);
  return settings;
}

/**
 * A setting's value only when the user set it (folder, workspace or user settings): the rules pack
 * needs to know whether its default "calm-2024" was chosen or merely left in place.
 */
function explicitValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = config.inspect(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}
