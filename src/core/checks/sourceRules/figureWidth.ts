import type { FindingDraft } from '../finding';
import { findCommands, locate } from '../latexCommands';
import { numberParam } from '../rulesPack';
import type { SourceRule } from './sourceRule';

/** TeX points per unit. */
const POINTS_PER_UNIT: Record<string, number> = { pt: 1, bp: 72.27 / 72, in: 72.27, cm: 72.27 / 2.54, mm: 72.27 / 25.4 };
const WIDTH_OPTION = /(?:^|,)\s*width\s*=\s*([0-9]*\.?[0-9]*)\s*(\\linewidth|\\textwidth|\\columnwidth|\\hsize|pt|bp|in|cm|mm)\b/;

/** S11: an \includegraphics wider than the line runs into the margin. */
export const checkFigureWidth: SourceRule = ({ ruleId, pack, document }) => {
  const lineWidthPt = numberParam(pack, ruleId, 'lineWidthPt', 397.48);
  const drafts: FindingDraft[] = [];
  for (const file of document.files) {
    for (const use of findCommands(file, 'includegraphics')) {
      const width = WIDTH_OPTION.exec(use.options ?? '');
      if (!width) continue;
      const factor = width[1] === '' ? 1 : Number(width[1]);
      const unit = width[2]!;
      const widthPt = unit.startsWith('\\') ? factor * lineWidthPt : factor * POINTS_PER_UNIT[unit]!;
      if (!(widthPt > lineWidthPt + 0.5)) continue;
      drafts.push({
        ...locate(file, use.offset),
        message: `\\includegraphics[width=${width[1]}${unit}] is wider than the line (${widthPt.toFixed(0)}pt > ${lineWidthPt}pt) and runs into the margin. Use width=\\linewidth or a fraction of it.`,
      });
    }
  }
  return drafts;
};
