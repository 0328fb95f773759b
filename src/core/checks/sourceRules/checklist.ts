import type { SourceRule } from './sourceRule';

const CHECKLIST_HEADING = /\\section\*?\s*\{\s*NeurIPS Paper Checklist\s*\}/i;

/** NeurIPS main track: papers without the "NeurIPS Paper Checklist" section are desk-rejected. */
export const checkChecklist: SourceRule = ({ document, rootPath }) => {
  if (document.files.some((file) => CHECKLIST_HEADING.test(file.masked))) return [];
  return [
    {
      file: rootPath,
      message:
        'No "NeurIPS Paper Checklist" section found. Add \\section*{NeurIPS Paper Checklist} with the answered checklist from the official template after the references or appendix.',
    },
  ];
};
