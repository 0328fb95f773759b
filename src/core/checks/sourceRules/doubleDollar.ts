import type { FindingDraft } from '../finding';
import { locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/**
 * Offsets of the `$$` that open display math, read as TeX reads dollars: outside math `$$` opens a
 * display and `$` inline math; inside inline math `$` closes it, so `$a$$b$` is two inline formulas.
 * A blank line ends any math, as TeX would complain there, so one stray `$` does not shift the rest.
 */
export function displayMathOpenings(clean: string): number[] {
  const openings: number[] = [];
  let state: 'text' | 'inline' | 'display' = 'text';
  for (let i = 0; i < clean.length; i++) {
    const char = clean[i];
    if (char === '\\') {
      i++;
    } else if (char === '\n' && /^[ \t\r]*\n/.test(clean.slice(i + 1, i + 80))) {
      state = 'text';
    } else if (char === '$') {
      const double = clean[i + 1] === '$';
      if (state === 'inline') state = 'text';
      else if (state === 'display') {
        state = 'text';
        if (double) i++;
      } else if (double) {
        openings.push(i);
        state = 'display';
        i++;
      } else state = 'inline';
    }
  }
  return openings;
}

/** S7: $$ ... $$ display math breaks the submission's line numbering. */
export const checkDoubleDollar: SourceRule = ({ document }) => {
  const drafts: FindingDraft[] = [];
  for (const file of document.files) {
    for (const offset of displayMathOpenings(file.masked)) {
      drafts.push({
        ...locate(file, offset),
        message: '$$ ... $$ is plain-TeX display math and breaks the line numbers of the submission. Use \\[ ... \\] or an equation environment.',
      });
    }
  }
  return drafts;
};
