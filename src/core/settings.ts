import { z } from 'zod';
import { DEFAULT_STAGE, StageSchema } from './checks/rulesPack';
import { CITATION_RULES, type CitationRuleId } from './citationChecks/rules';

/**
 * Every `calmCite.*` setting, validated. The extension reads VS Code's configuration through this
 * schema, so a wrong value in settings.json falls back to the default with a logged message
 * instead of breaking a feature.
 */
export const SettingsSchema = z.object({
  library: z
    .object({
      paths: z.array(z.string()).default([]),
      includeBundled: z.boolean().default(true),
      /** Citing a key only the bundled library defines also adds its entry to the document's bibliography. */
      addEntryOnInsert: z.boolean().default(true),
    })
    .default({ paths: [], includeBundled: true, addEntryOnInsert: true }),
  citationStyle: z.string().min(1).default('apa'),
  latex: z
    .object({
      extraCiteCommands: z.array(z.string().regex(/^[A-Za-z]+\*?$/)).default([]),
      /** The command "Insert Citation" writes in LaTeX, without backslash. */
      insertCommand: z.string().regex(/^[A-Za-z]+\*?$/).default('citep'),
    })
    .default({ extraCiteCommands: [], insertCommand: 'citep' }),
  diagnostics: z
    .object({
      enabled: z.boolean().default(true),
      /** Rule id -> level, in VS Code's words ("information", not "info"); rules not named keep their defaults. */
      severity: z
        .partialRecord(z.enum(Object.keys(CITATION_RULES) as [CitationRuleId, ...CitationRuleId[]]), z.enum(['error', 'warning', 'information', 'hint', 'off']))
        .default({}),
    })
    .default({ enabled: true, severity: {} }),
  check: z
    .object({
      /** Only a value the user set; left unset, `.calm-cite/rules.json` or calm-2024 applies (see checks/packChoice.ts). */
      rulesPack: z.string().min(1).optional(),
      /** Relative to the workspace folder; empty means the root .tex's name with .pdf, beside it. */
      pdfPath: z.string().default(''),
      onSave: z.boolean().default(false),
      /** The submission (anonymous) or the camera-ready: which of the pack's rules run. */
      stage: StageSchema.default(DEFAULT_STAGE),
    })
    .default({ pdfPath: '', onSave: false, stage: DEFAULT_STAGE }),
});
export type Settings = z.infer<typeof SettingsSchema>;

export interface SettingsProblem {
  setting: string;
  message: string;
}

/** Parses raw settings; each invalid value is replaced by its default and reported. */
export function parseSettings(raw: unknown): { settings: Settings; problems: SettingsProblem[] } {
  const result = SettingsSchema.safeParse(raw ?? {});
  if (result.success) return { settings: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => ({
    setting: `calmCite.${[...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys : [])].join('.')}`,
    message: issue.message,
  }));
  const cleaned = structuredClone((raw ?? {}) as Record<string, unknown>);
  for (const issue of result.error.issues) {
    // An unknown name (a misspelt rule id) costs only that name, not its valid siblings.
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) deletePath(cleaned, [...issue.path, key]);
    else deletePath(cleaned, issue.path);
  }
  const retry = SettingsSchema.safeParse(cleaned);
  return { settings: retry.success ? retry.data : SettingsSchema.parse({}), problems };
}

/** Removes the setting an issue points at; an issue inside an array removes the whole array. */
function deletePath(target: Record<string, unknown>, path: readonly PropertyKey[]): void {
  const firstIndex = path.findIndex((segment) => typeof segment === 'number');
  const keys = (firstIndex === -1 ? path : path.slice(0, firstIndex)).map(String);
  let node: unknown = target;
  for (const key of keys.slice(0, -1)) {
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (typeof node !== 'object' || node === null) return;
  }
  const last = keys.at(-1);
  if (last !== undefined) delete (node as Record<string, unknown>)[last];
}
