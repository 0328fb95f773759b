import * as nodePath from 'node:path';
import { BUILTIN_PACKS, DEFAULT_PACK_ID, loadRulesPack, RulesPackError, type RulesPack } from './rulesPack';

/** The workspace file that sets a project's rules pack when no setting names one. */
export const WORKSPACE_RULES_FILE = nodePath.join('.calm-cite', 'rules.json');

/** Which pack a check uses and why, so the report can say where the rules came from. */
export type PackChoice =
  | { kind: 'builtin'; id: string; origin: 'setting' | 'default' }
  | { kind: 'file'; path: string; origin: 'setting' | 'workspace' };

export interface PackChoiceInput {
  /** The value a user set explicitly (a shipped pack id or a path); undefined when left at its default. */
  setting?: string;
  /** The workspace folder; relative paths in the setting and the workspace rules file live under it. */
  workspaceFolder?: string;
  /** Whether `<workspaceFolder>/.calm-cite/rules.json` exists. */
  hasWorkspaceRulesFile: boolean;
}

/**
 * Precedence: an explicit setting, then the workspace's `.calm-cite/rules.json`, then calm-2024.
 * The setting wins because it is the more deliberate choice: a user who names a pack means it, while
 * a rules file may have come with a template.
 */
export function choosePack(input: PackChoiceInput): PackChoice {
  const setting = input.setting?.trim();
  if (setting) {
    if (BUILTIN_PACKS[setting]) return { kind: 'builtin', id: setting, origin: 'setting' };
    const path = nodePath.isAbsolute(setting) || !input.workspaceFolder ? setting : nodePath.join(input.workspaceFolder, setting);
    return { kind: 'file', path, origin: 'setting' };
  }
  if (input.hasWorkspaceRulesFile && input.workspaceFolder) {
    return { kind: 'file', path: nodePath.join(input.workspaceFolder, WORKSPACE_RULES_FILE), origin: 'workspace' };
  }
  return { kind: 'builtin', id: DEFAULT_PACK_ID, origin: 'default' };
}

/** Loads the chosen pack. Throws RulesPackError naming the file and the first bad field. */
export async function loadChosenPack(choice: PackChoice, readFile: (path: string) => Promise<string | undefined>): Promise<RulesPack> {
  if (choice.kind === 'builtin') return loadRulesPack(choice.id);
  const text = await readFile(choice.path);
  if (text === undefined) {
    throw new RulesPackError(
      `Cannot read the rules pack ${choice.path}. Use one of: ${Object.keys(BUILTIN_PACKS).join(', ')}, or a path to a JSON pack.`,
    );
  }
  try {
    return loadRulesPack(text);
  } catch (error) {
    if (error instanceof RulesPackError) throw new RulesPackError(`${choice.path}: ${error.message}`);
    throw error;
  }
}
