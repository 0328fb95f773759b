import { z } from 'zod';
import { CALM_2024_PACK } from './packs/calm-2024';
import { NEURIPS_2024_PACK } from './packs/neurips-2024';
import type { Severity } from './finding';

export const RuleSeveritySchema = z.enum(['error', 'warning', 'info', 'hint', 'off']);
export type RuleSeverity = z.infer<typeof RuleSeveritySchema>;

/**
 * Where a rule or pack is written down. Packs can come from a workspace, and their sources become links in
 * the editor, the report and SARIF: only `https:` links, never `javascript:`, `command:` or `file:`.
 */
const SourceUrlSchema = z.url({ protocol: /^https$/, error: 'must be an https: URL (javascript:, command:, file: and http: links are refused)' });

/** Which version of the paper a check is for: the anonymous submission or the camera-ready. */
export const StageSchema = z.enum(['submission', 'camera-ready']);
export type Stage = z.infer<typeof StageSchema>;
const STAGES = StageSchema.options;
export const DEFAULT_STAGE: Stage = 'submission';

const ParamsSchema = z.record(z.string(), z.unknown());

export const RuleSettingSchema = z.object({
  title: z.string().min(1),
  severity: RuleSeveritySchema,
  source: SourceUrlSchema,
  /** The stage the rule applies to; `both` when left out. */
  stage: z.enum(['submission', 'camera-ready', 'both']).optional(),
  params: ParamsSchema.optional(),
  /** Parameters that differ at one stage, e.g. `{ "camera-ready": { "maxPages": 10 } }`. */
  stageParams: z.partialRecord(StageSchema, ParamsSchema).optional(),
});
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

/** A venue's rule set as data: which rules run, how serious each is, and the venue-specific numbers. */
export const RulesPackSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  source: SourceUrlSchema,
  rules: z.record(z.string().min(1), RuleSettingSchema),
});
export type RulesPack = z.infer<typeof RulesPackSchema>;

export const BUILTIN_PACKS: Readonly<Record<string, RulesPack>> = {
  [CALM_2024_PACK.id]: CALM_2024_PACK,
  [NEURIPS_2024_PACK.id]: NEURIPS_2024_PACK,
};
export const DEFAULT_PACK_ID = CALM_2024_PACK.id;

/** The one error this module throws: callers turn it into exit code 2 or a message to the user. */
export class RulesPackError extends Error {
  override readonly name = 'RulesPackError';
}

/**
 * A shipped pack by id ('calm-2024', 'neurips-2024'), or a pack given as JSON text. A pack that
 * does not validate is reported with the path of the first bad field, e.g. `rules.calm/margins.severity`.
 */
export function loadRulesPack(nameOrJsonText: string): RulesPack {
  const builtin = BUILTIN_PACKS[nameOrJsonText.trim()];
  if (builtin) return builtin;
  let json: unknown;
  try {
    json = JSON.parse(nameOrJsonText);
  } catch (error) {
    if (!nameOrJsonText.trimStart().startsWith('{')) {
      throw new RulesPackError(
        `Unknown rules pack "${nameOrJsonText.trim()}". Use one of: ${Object.keys(BUILTIN_PACKS).join(', ')}, or give a pack as JSON.`,
      );
    }
    throw new RulesPackError(`The rules pack is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = RulesPackSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const fieldPath = issue.path.map(String).join('.') || '(root)';
    throw new RulesPackError(`Invalid rules pack: field "${fieldPath}": ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The pack as it applies at one stage: rules of the other stage are off, and stage parameters replace
 * the general ones, so rules read their parameters without knowing the stage.
 */
export function packForStage(pack: RulesPack, stage: Stage): RulesPack {
  const rules: RulesPack['rules'] = {};
  for (const [id, setting] of Object.entries(pack.rules)) {
    const applies = setting.stage === undefined || setting.stage === 'both' || setting.stage === stage;
    const params = setting.stageParams?.[stage] ? { ...setting.params, ...setting.stageParams[stage] } : setting.params;
    rules[id] = { ...setting, ...(applies ? {} : { severity: 'off' as const }), ...(params ? { params } : {}) };
  }
  return { ...pack, rules };
}

/** Parses `--stage` / `calmCite.check.stage`; throws RulesPackError naming the stages. */
export function parseStage(value: string | undefined): Stage {
  if (value === undefined || value === '') return DEFAULT_STAGE;
  const parsed = StageSchema.safeParse(value);
  if (!parsed.success) throw new RulesPackError(`Unknown stage "${value}". Use one of: ${STAGES.join(', ')}.`);
  return parsed.data;
}

/** The severity a pack gives a rule; rules a pack does not list do not run. */
export function ruleSeverity(pack: RulesPack, ruleId: string): Severity | undefined {
  const severity = pack.rules[ruleId]?.severity;
  return severity === undefined || severity === 'off' ? undefined : severity;
}

export function numberParam(pack: RulesPack, ruleId: string, name: string, fallback: number): number {
  const value = pack.rules[ruleId]?.params?.[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function stringParam(pack: RulesPack, ruleId: string, name: string, fallback: string): string {
  const value = pack.rules[ruleId]?.params?.[name];
  return typeof value === 'string' ? value : fallback;
}

export function stringListParam(pack: RulesPack, ruleId: string, name: string, fallback: string[]): string[] {
  const value = pack.rules[ruleId]?.params?.[name];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : fallback;
}
