import { locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/** S2: [final]/[preprint] de-anonymize the PDF and drop line numbers; LaTeX passes class options on to the style. */
export const checkSubmissionMode: SourceRule = ({ style }) => {
  if (style.isSubmission) return [];
  const options = style.nonAnonymousOptions.map((option) => `[${option}]`).join(' and ');
  const fromStyle = style.styleLoads.find((load) => load.options.some((option) => style.nonAnonymousOptions.includes(option)));
  const command = fromStyle?.use ?? style.documentClass!;
  const where = fromStyle ? `\\usepackage[...]{${fromStyle.packageName}}` : '\\documentclass[...] (global options reach the style too)';
  return [
    {
      ...locate(command.file, command.offset),
      message: `The ${options} option in ${where} builds a non-anonymous version without line numbers. Remove it for the submission; use [final] only for the camera-ready.`,
    },
  ];
};
