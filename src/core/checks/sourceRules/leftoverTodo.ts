import type { FindingDraft } from '../finding';
import { definitionRanges, insideAny, locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/** Note commands and unfinished-text markers; comments are already blanked, so only typeset ones match. */
const TODO_MARKER = /\\(todo|TODO|answerTODO|missingfigure|fixme|FIXME)(?![a-zA-Z@])|\b(TODO|FIXME)\b/g;

/** S9: notes and TODO markers that would be printed in the PDF. */
export const checkLeftoverTodo: SourceRule = ({ document }) => {
  const drafts: FindingDraft[] = [];
  for (const file of document.files) {
    const definitions = definitionRanges(file);
    for (const match of file.masked.matchAll(TODO_MARKER)) {
      if (insideAny(match.index, definitions)) continue;
      const marker = match[1] ? `\\${match[1]}` : match[2]!;
      const advice =
        match[1] === 'answerTODO'
          ? 'Answer the checklist item with \\answerYes{}, \\answerNo{} or \\answerNA{}.'
          : 'Finish or remove it before submitting.';
      drafts.push({ ...locate(file, match.index), message: `Leftover ${marker} will be printed in the PDF. ${advice}` });
    }
  }
  return drafts;
};
