import type { FindingDraft } from '../finding';
import { definitionRanges, findCommands, groupEnd, insideAny, locate } from '../latexCommands';
import type { LatexDocument as LatexFile } from '../../documents';
import type { SourceRule } from './sourceRule';

/** Note commands and unfinished-text markers; comments are already blanked, so only typeset ones match. */
const TODO_MARKER = /\\(todo|TODO|answerTODO|missingfigure|fixme|FIXME)(?![a-zA-Z@])|\b(TODO|FIXME|TBD|XXX)\b/g;
/** Placeholders in brackets: [INSERT REFERENCE], [CITATION NEEDED], [ADD FIGURE], [REF]. */
const PLACEHOLDER = /\[(?:INSERT|ADD|CITE|CITATION|REF|REFERENCE|FIGURE|TABLE|NUMBER|UPDATE|CHECK)\b[A-Z0-9 .,:?!-]{0,60}\]/g;
/** A coloured note to a co-author is written mostly in capitals: \textcolor{red}{CHECK THIS NUMBER}. */
const MIN_NOTE_LETTERS = 6;
const NOTE_CAPITALS_SHARE = 0.7;

interface Note {
  offset: number;
  marker: string;
  advice?: string;
}

function isShouting(text: string): boolean {
  const letters = text.replace(/\\[a-zA-Z@]+/g, '').replace(/[^A-Za-z]/g, '');
  if (letters.length < MIN_NOTE_LETTERS) return false;
  return letters.replace(/[^A-Z]/g, '').length / letters.length >= NOTE_CAPITALS_SHARE;
}

/** \textcolor{red}{...} and {\color{red} ...} whose text is in capitals. */
function colouredNotes(file: LatexFile): Note[] {
  const notes: Note[] = [];
  for (const use of findCommands(file, 'textcolor', 2)) {
    if (isShouting(use.args[1] ?? '')) notes.push({ offset: use.offset, marker: `\\textcolor{${use.args[0]}}{${(use.args[1] ?? '').trim().slice(0, 40)}}` });
  }
  for (const use of findCommands(file, 'color')) {
    if (file.masked[use.offset - 1] !== '{') continue;
    const body = file.masked.slice(use.end, groupEnd(file.masked, use.offset - 1) - 1);
    if (isShouting(body)) notes.push({ offset: use.offset, marker: `{\\color{${use.args[0]}} ${body.trim().slice(0, 40)}}` });
  }
  return notes;
}

function notesIn(file: LatexFile): Note[] {
  const notes: Note[] = [];
  for (const match of file.masked.matchAll(TODO_MARKER)) {
    notes.push({
      offset: match.index,
      marker: match[1] ? `\\${match[1]}` : match[2]!,
      ...(match[1] === 'answerTODO' ? { advice: 'Answer the checklist item with \\answerYes{}, \\answerNo{} or \\answerNA{}.' } : {}),
    });
  }
  for (const match of file.masked.matchAll(PLACEHOLDER)) notes.push({ offset: match.index, marker: match[0] });
  return [...notes, ...colouredNotes(file)];
}

/** S9: notes, placeholders and TODO markers that would be printed in the PDF. */
export const checkLeftoverTodo: SourceRule = ({ document }) => {
  const drafts: FindingDraft[] = [];
  for (const file of document.files) {
    const definitions = definitionRanges(file);
    for (const note of notesIn(file)) {
      if (insideAny(note.offset, definitions)) continue;
      drafts.push({
        ...locate(file, note.offset),
        message: `Leftover ${note.marker} will be printed in the PDF. ${note.advice ?? 'Finish or remove it before submitting.'}`,
      });
    }
  }
  return drafts.sort((a, b) => a.file!.localeCompare(b.file!) || a.line! - b.line! || a.column! - b.column!);
};
