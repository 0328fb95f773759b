import type { FindingDraft } from '../finding';
import { findEnvironments, locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/**
 * Offsets inside [start, end) where a new paragraph begins: a \par, or a blank line between text.
 * A line that only held a comment is not blank in the original, and LaTeX does not break there.
 */
function paragraphBreaks(text: string, clean: string, start: number, end: number): number[] {
  const breaks: number[] = [];
  for (const match of clean.slice(start, end).matchAll(/\\par(?![a-zA-Z@])/g)) breaks.push(start + match.index);
  const lines: Array<{ offset: number; blank: boolean }> = [];
  let offset = start;
  for (const line of clean.slice(start, end).split('\n')) {
    const original = text.slice(offset, offset + line.length);
    lines.push({ offset, blank: line.trim() === '' && original.trim() === '' });
    offset += line.length + 1;
  }
  const firstText = lines.findIndex((line) => !line.blank);
  let lastText = lines.length - 1;
  while (lastText >= 0 && lines[lastText]!.blank) lastText--;
  for (let i = firstText + 1; i < lastText; i++) {
    if (lines[i]!.blank && !lines[i - 1]!.blank) breaks.push(lines[i]!.offset);
  }
  return breaks.sort((a, b) => a - b);
}

/** S12: the abstract must be a single paragraph. */
export const checkAbstractParagraphs: SourceRule = ({ document }) => {
  const drafts: FindingDraft[] = [];
  for (const file of document.files) {
    for (const body of findEnvironments(file, 'abstract')) {
      const breaks = paragraphBreaks(file.text, file.masked, body.start, body.end);
      if (breaks.length === 0) continue;
      drafts.push({
        ...locate(file, breaks[0]!),
        message: `The abstract has ${breaks.length + 1} paragraphs; the style asks for one. Remove the blank line${breaks.length > 1 ? 's' : ''} (or \\par) inside the abstract.`,
      });
    }
  }
  return drafts;
};
