import { locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/** Class options that fight the style: other body sizes, two columns, A4 paper, landscape. */
const CONFLICTING_OPTIONS = new Set(['11pt', '12pt', '9pt', '8pt', 'twocolumn', 'a4paper', 'a5paper', 'landscape']);

/** S5: \documentclass options that change size, columns or paper. */
export const checkClassOptions: SourceRule = ({ style }) => {
  const conflicting = style.classOptions.filter((option) => CONFLICTING_OPTIONS.has(option));
  if (conflicting.length === 0 || !style.documentClass) return [];
  return [
    {
      ...locate(style.documentClass.file, style.documentClass.offset),
      message: `\\documentclass option${conflicting.length > 1 ? 's' : ''} [${conflicting.join(',')}] conflict with the style (10pt, one column, US Letter). Use \\documentclass{article} without them.`,
    },
  ];
};
