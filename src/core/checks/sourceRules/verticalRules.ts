import type { FindingDraft } from '../finding';
import { groupEnd, locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/** Table environments and whether a width argument comes before the column spec. */
const TABLE_BEGIN = /\\begin\s*\{(tabular\*|tabularx|tabulary|tabular|array|longtable)\}\s*(?:\[[^\]]{0,100}\]\s*)?/g;
const WIDTH_FIRST = new Set(['tabular*', 'tabularx', 'tabulary']);

/** S10: the style asks for tables without vertical rules (booktabs); a | in the column spec draws one. */
export const checkVerticalRules: SourceRule = ({ document }) => {
  const drafts: FindingDraft[] = [];
  for (const file of document.files) {
    for (const match of file.masked.matchAll(TABLE_BEGIN)) {
      let open = match.index + match[0].length;
      if (WIDTH_FIRST.has(match[1]!) && file.masked[open] === '{') {
        open = groupEnd(file.masked, open);
        while (/\s/.test(file.masked[open] ?? '')) open++;
      }
      if (file.masked[open] !== '{') continue;
      const spec = file.masked.slice(open + 1, groupEnd(file.masked, open) - 1);
      if (!spec.includes('|')) continue;
      drafts.push({
        ...locate(file, match.index),
        message: `The ${match[1]} column spec {${spec.trim()}} draws vertical rules. Publication-quality tables have none: drop the | and use booktabs' \\toprule, \\midrule, \\bottomrule.`,
      });
    }
  }
  return drafts;
};
