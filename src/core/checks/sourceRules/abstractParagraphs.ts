import type { FindingDraft } from '../finding';
import { findEnvironments, locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/**
 * Offsets inside [start, end) where a new paragraph begins: a \par, or a blank line after text. A line
 * that only holds a comment is neither text nor blank (TeX skips it whole), so "text, blank, comment,
 * blank, text" is one break, and a comment between two text lines is none.
 */
function paragraphBreaks(text: string, clean: string, start: number, end: number): number[] {
  const breaks: number[] = [];
  for (const match of clean.slice(start, end).matchAll(/\\par(?![a-zA-Z@])/g)) breaks.push(start + match.index);
  let offset = start;
  let seenText = false;
  let pendingBreak: number | undefined;
  for (const line of clean.slice(start, end).split('\n')) {
    const original = text.slice(offset, offset + line.length);
    const commentOnly = line.trim() === '' && original.trim() !== '';
    if (line.trim() !== '') {
      if (pendingBreak !== undefined) breaks.push(pendingBreak);
      pendingBreak = undefined;
      seenText = true;
    } else if (!commentOnly && seenText && pendingBreak === undefined) {
      pendingBreak = offset;
    }
    offset += line.length + 1;
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
