import type { FindingDraft } from '../finding';
import type { LatexDocument, ReadTextFile } from '../latexSource';
import type { RulesPack } from '../rulesPack';
import type { StyleSetup } from './styleSetup';

export interface SourceRuleContext {
  ruleId: string;
  rootPath: string;
  document: LatexDocument;
  pack: RulesPack;
  readFile: ReadTextFile;
  /** The NeurIPS style the document loads and whether it builds the anonymous submission. */
  style: StyleSetup;
}

/** A check over the .tex sources; the runner adds the rule id and the pack's severity. */
export type SourceRule = (context: SourceRuleContext) => FindingDraft[] | Promise<FindingDraft[]>;
