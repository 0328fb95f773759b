import type { FindingDraft } from '../finding';
import { locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/** `$$` not preceded by a backslash (`\$\$` is two dollar signs of text). */
const DOUBLE_DOLLAR = /(?<!\\)\$\$/g;

/** S7: $$ ... $$ display math breaks the submission's line numbering. */
export const checkDoubleDollar: SourceRule = ({ document }) => {
  const drafts: FindingDraft[] = [];
  for (const file of document.files) {
    let opening = true;
    for (const match of file.masked.matchAll(DOUBLE_DOLLAR)) {
      // Report each display once, at its opening $$.
      if (opening) {
        drafts.push({
          ...locate(file, match.index),
          message: '$$ ... $$ is plain-TeX display math and breaks the line numbers of the submission. Use \\[ ... \\] or an equation environment.',
        });
      }
      opening = !opening;
    }
  }
  return drafts;
};
