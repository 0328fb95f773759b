import type { FindingDraft } from '../finding';
import type { RulesPack } from '../rulesPack';
import type { PdfModel } from './pdfDocument';

/** The LaTeX log the build left beside the PDF (`paper.log`), which names the fonts it embedded. */
export interface BuildLog {
  /** The log's file name, for messages. */
  name: string;
  text: string;
}

export interface PdfRuleContext {
  ruleId: string;
  pdf: PdfModel;
  pdfPath: string;
  pack: RulesPack;
  buildLog?: BuildLog;
}

/** A check over the compiled PDF; the runner adds the rule id and the pack's severity. */
export type PdfRule = (context: PdfRuleContext) => FindingDraft[];
