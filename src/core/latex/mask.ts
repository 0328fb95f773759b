/**
 * What of a LaTeX file TeX never reads as text or commands: comments, `\verb` arguments, verbatim-like
 * environments, `\iffalse ... \fi` blocks and everything after `\end{document}`. Every reader of LaTeX in
 * CALM Cite (citations, discovery of includes and bibliographies, the submission rules) works on the
 * masked text, where those parts are blanked, so they all agree on what the document says.
 */

/** Environments whose body LaTeX does not read as commands (or, for `comment`, not at all). */
const VERBATIM_ENVIRONMENTS = new Set(['verbatim', 'verbatim*', 'Verbatim', 'Verbatim*', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment']);

const BACKSLASH = 92;
const PERCENT = 37;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 64; // letters and @
}

/**
 * `text` with every masked character replaced by a space, line breaks kept: the same length and the same
 * line and column for every character that remains. Linear in the text; builds the result from slices.
 */
export function maskLatex(text: string): string {
  const ranges = maskedRanges(text);
  if (ranges.length === 0) return text;
  // Joined a few thousand pieces at a time: a file with a masked part on every line would otherwise hold
  // two small strings per line until the end, which is most of the collector's work on such a file.
  const chunks: string[] = [];
  let parts: string[] = [];
  let kept = 0;
  for (let index = 0; index < ranges.length; index += 2) {
    const start = ranges[index]!;
    const end = ranges[index + 1]!;
    parts.push(text.slice(kept, start), blanked(text, start, end));
    kept = end;
    if (parts.length >= PIECES_PER_CHUNK) {
      chunks.push(parts.join(''));
      parts = [];
    }
  }
  parts.push(text.slice(kept));
  chunks.push(parts.join(''));
  return chunks.join('');
}

const PIECES_PER_CHUNK = 4096;

/** Spaces for `text[start, end)`, keeping its line breaks. */
function blanked(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  return slice.includes('\n') || slice.includes('\r') ? slice.replace(/[^\r\n]/g, ' ') : ' '.repeat(end - start);
}

/** The masked parts as start/end offset pairs, in order, not overlapping. */
export function maskedRanges(text: string): number[] {
  const ranges: number[] = [];
  const mask = (start: number, end: number) => {
    if (end > start) ranges.push(start, end);
  };
  let position = 0;
  while (position < text.length) {
    const next = nextCommentOrControlWord(text, position);
    if (next === -1) break;
    if (text.charCodeAt(next) === PERCENT) {
      const end = endOfLine(text, next);
      mask(next, end);
      position = end;
      continue;
    }
    const nameEnd = controlWordEnd(text, next);
    const name = text.slice(next + 1, nameEnd);
    if (name === 'verb') {
      const end = verbEnd(text, nameEnd);
      mask(next, end);
      position = end;
    } else if (name === 'iffalse') {
      const end = conditionalEnd(text, nameEnd);
      mask(next, end);
      position = end;
    } else if (name === 'begin' || name === 'end') {
      const environment = environmentName(text, nameEnd);
      if (name === 'end' && environment?.name === 'document') {
        mask(environment.end, text.length);
        break;
      }
      if (name === 'begin' && environment && VERBATIM_ENVIRONMENTS.has(environment.name)) {
        const endTag = `\\end{${environment.name}}`;
        const close = text.indexOf(endTag, environment.end);
        const end = close === -1 ? text.length : close + endTag.length;
        mask(next, end);
        position = end;
      } else {
        position = environment?.end ?? nameEnd;
      }
    } else {
      position = nameEnd;
    }
  }
  return ranges;
}

/**
 * The next `%` or the backslash of the next control word (`\name`) from `from`, else -1. A control symbol
 * (`\%`, `\\`, `\{`) is passed over: the character after its backslash is text.
 */
function nextCommentOrControlWord(text: string, from: number): number {
  for (let position = from; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === PERCENT) return position;
    if (code === BACKSLASH) {
      if (isLetter(text.charCodeAt(position + 1))) return position;
      position++;
    }
  }
  return -1;
}

/** Just after the name of the control word whose backslash is at `backslash`. */
function controlWordEnd(text: string, backslash: number): number {
  let end = backslash + 1;
  while (end < text.length && isLetter(text.charCodeAt(end))) end++;
  return end;
}

function endOfLine(text: string, from: number): number {
  for (let position = from; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === NEWLINE || code === CARRIAGE_RETURN) return position;
  }
  return text.length;
}

/** `\verb|...|` (and `\verb*`): the delimiter is whatever character follows, closed on the same line. */
function verbEnd(text: string, afterName: number): number {
  let position = afterName;
  if (text[position] === '*') position++;
  const delimiter = text.charCodeAt(position);
  if (Number.isNaN(delimiter) || delimiter === NEWLINE || delimiter === CARRIAGE_RETURN) return position;
  const lineEnd = endOfLine(text, position + 1);
  // Searched within the line only: an unclosed `\verb|` on each of 40,000 lines must not search to the end each time.
  for (let close = position + 1; close < lineEnd; close++) if (text.charCodeAt(close) === delimiter) return close + 1;
  return lineEnd;
}

/** `{name}` after `\begin`/`\end` (spaces allowed before it); undefined when it is not there or absurdly long. */
function environmentName(text: string, from: number): { name: string; end: number } | undefined {
  let position = from;
  while (text[position] === ' ' || text[position] === '\t') position++;
  if (text[position] !== '{') return undefined;
  // Searched within 40 characters: an unclosed `\begin{` must not search to the end of the text each time.
  const limit = Math.min(text.length, position + 41);
  for (let close = position + 1; close < limit; close++) {
    if (text[close] === '}') return { name: text.slice(position + 1, close).trim(), end: close + 1 };
  }
  return undefined;
}

/**
 * Just after the `\fi` that closes an `\iffalse` whose name ends at `from`, counting nested `\if...`
 * (not `\ifthenelse`, a macro with arguments) and skipping comments, as TeX does while it skips the
 * false branch. An unclosed `\iffalse` runs to the end of the file, as it does in TeX.
 */
function conditionalEnd(text: string, from: number): number {
  let depth = 1;
  let position = from;
  while (position < text.length) {
    const next = nextCommentOrControlWord(text, position);
    if (next === -1) return text.length;
    if (text.charCodeAt(next) === PERCENT) {
      position = endOfLine(text, next);
      continue;
    }
    const nameEnd = controlWordEnd(text, next);
    const name = text.slice(next + 1, nameEnd);
    if (name === 'fi') {
      depth--;
      if (depth === 0) return nameEnd;
    } else if (name.startsWith('if') && name !== 'ifthenelse') {
      depth++;
    }
    position = nameEnd;
  }
  return text.length;
}
