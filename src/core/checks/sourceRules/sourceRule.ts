import type { LatexDocument } from '../../documents';
import type { FindingDraft } from '../finding';
import type { RulesPack } from '../rulesPack';
import type { StyleSetup } from './styleSetup';

/** The files of the checked paper as TeX reads them: the root first, then each included file in reading order. */
export interface CheckedSources {
  files: readonly LatexDocument[];
}

/** Reads a file of the project as saved (the style file beside the root); undefined when it cannot be read. */
export type ReadProjectText = (path: string) => Promise<string | undefined>;

export interface SourceRuleContext {
  ruleId: string;
  rootPath: string;
  document: CheckedSources;
  pack: RulesPack;
  readText: ReadProjectText;
  /** The NeurIPS style the document loads and whether it builds the anonymous submission. */
  style: StyleSetup;
}

/** A check over the .tex sources; the runner adds the rule id and the pack's severity. */
export type SourceRule = (context: SourceRuleContext) => FindingDraft[] | Promise<FindingDraft[]>;
