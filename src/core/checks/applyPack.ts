import { milderSeverity, type Finding, type FindingDraft } from './finding';
import { ruleSeverity, type RulesPack } from './rulesPack';

/**
 * Runs each rule of `rules` that the pack switches on and stamps its id and severity on the drafts.
 * A rule that throws is a bug, not a property of the paper; it becomes one finding instead of
 * hiding every other rule's results.
 */
export async function runRules<Context>(
  pack: RulesPack,
  rules: Readonly<Record<string, (context: Context & { ruleId: string }) => FindingDraft[] | Promise<FindingDraft[]>>>,
  context: Context,
  fallbackFile: string,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const [ruleId, rule] of Object.entries(rules)) {
    const packSeverity = ruleSeverity(pack, ruleId);
    if (!packSeverity) continue;
    let drafts: FindingDraft[];
    try {
      drafts = await rule({ ...context, ruleId });
    } catch (error) {
      drafts = [{ file: fallbackFile, message: `This check failed unexpectedly (${(error as Error).message}); its result is unknown. Please report this.` }];
    }
    findings.push(...drafts.map((draft) => stamp(ruleId, packSeverity, draft, fallbackFile)));
  }
  return findings;
}

export function stamp(ruleId: string, packSeverity: Finding['severity'], draft: FindingDraft, fallbackFile: string): Finding {
  const { severity, file, ...rest } = draft;
  return { rule: ruleId, severity: severity ? milderSeverity(packSeverity, severity) : packSeverity, file: file ?? fallbackFile, ...rest };
}
