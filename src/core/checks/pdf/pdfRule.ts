import type { FindingDraft } from '../finding';
import type { RulesPack } from '../rulesPack';
import type { PdfModel } from './pdfDocument';

export interface PdfRuleContext {
  ruleId: string;
  pdf: PdfModel;
  pdfPath: string;
  pack: RulesPack;
}

/** A check over the compiled PDF; the runner adds the rule id and the pack's severity. */
export type PdfRule = (context: PdfRuleContext) => FindingDraft[];
