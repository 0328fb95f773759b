/**
 * A minimal LaTeX reader shared by citation and bibliography/include discovery: it walks the text once,
 * skipping comments, `\verb` and verbatim-like environments, and hands every control word to a visitor.
 * It does not expand macros or evaluate conditionals (`\if...\fi`): both branches are read, as editors do.
 */

const VERBATIM_ENVIRONMENTS = new Set([
  'verbatim', 'verbatim*', 'Verbatim', 'Verbatim*', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment',
]);

/** Called for each control word; returns where scanning resumes (after any arguments it consumed). */
export type CommandVisitor = (name: string, start: number, afterName: number) => number;

const BACKSLASH = 92;
const PERCENT = 37;
const NEWLINE = 10;

export function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Offset of the next line break (or the end of text) from `from`. */
export function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

/**
 * Skips the spaces and comments TeX skips between a command and its arguments. A blank line is a
 * paragraph break (`\par`), which ends the argument list, so scanning stops before it.
 */
export function skipArgumentSpace(text: string, from: number): number {
  let position = from;
  let newlines = 0;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    if (code === NEWLINE) {
      newlines++;
      if (newlines > 1) return position;
      position++;
    } else if (isSpace(code)) {
      position++;
    } else if (code === PERCENT) {
      // The comment swallows its line break, so it does not count towards a paragraph break.
      position = endOfLine(text, position) + 1;
    } else {
      return position;
    }
  }
  return Math.min(position, text.length);
}

/** True when the line break at `position` is followed by a blank line: a paragraph break. */
export function isParagraphBreak(text: string, position: number): boolean {
  let next = position + 1;
  while (next < text.length && (text[next] === ' ' || text[next] === '\t' || text[next] === '\r')) next++;
  return text[next] === '\n';
}

/**
 * End (just after `close`) of a delimited argument whose opening delimiter is at `from`, with nested
 * `{...}` respected so `[{see [1]}]` closes at the last bracket; -1 when unterminated or cut by a
 * paragraph break (an unclosed `[` while typing must not swallow the rest of the document).
 */
export function delimitedArgumentEnd(text: string, from: number, close: string): number {
  let depth = 0;
  for (let position = from + 1; position < text.length; position++) {
    const char = text[position];
    if (char === '\\') {
      position++;
    } else if (char === '%') {
      position = endOfLine(text, position);
    } else if (char === '\n') {
      if (isParagraphBreak(text, position)) return -1;
    } else if (char === close && depth === 0) {
      return position + 1;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      if (depth === 0) return -1;
      depth--;
    }
  }
  return -1;
}

function readEnvironmentName(text: string, from: number): { name: string; end: number } | undefined {
  const position = skipArgumentSpace(text, from);
  if (text[position] !== '{') return undefined;
  const close = text.indexOf('}', position + 1);
  if (close === -1 || close - position > 40) return undefined;
  return { name: text.slice(position + 1, close).trim(), end: close + 1 };
}

/** Skips `\verb|...|` (and `\verb*`): the delimiter is whatever character follows, closed on the same line. */
function skipVerb(text: string, afterName: number): number {
  let position = afterName;
  if (text[position] === '*') position++;
  const delimiter = text[position];
  if (delimiter === undefined || delimiter === '\n') return position;
  const close = text.indexOf(delimiter, position + 1);
  const lineEnd = endOfLine(text, position + 1);
  return close === -1 || close > lineEnd ? lineEnd : close + 1;
}

export function scanLatexCommands(text: string, visit: CommandVisitor, stopAt = text.length): void {
  let position = 0;
  const limit = Math.min(stopAt, text.length);
  while (position < limit) {
    const next = nextSpecial(text, position);
    if (next === -1 || next >= limit) return;
    position = next;
    if (text.charCodeAt(position) === PERCENT) {
      position = endOfLine(text, position) + 1;
      continue;
    }
    // A backslash: a control word (letters) or a control symbol (`\%`, `\\`), which is skipped whole.
    let nameEnd = position + 1;
    while (nameEnd < text.length && isLetter(text.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd === position + 1) {
      position += 2;
      continue;
    }
    const name = text.slice(position + 1, nameEnd);
    if (name === 'verb') {
      position = skipVerb(text, nameEnd);
    } else if (name === 'begin') {
      const environment = readEnvironmentName(text, nameEnd);
      if (environment && VERBATIM_ENVIRONMENTS.has(environment.name)) {
        const endTag = text.indexOf(`\\end{${environment.name}}`, environment.end);
        position = endTag === -1 ? text.length : endTag;
        if (endTag !== -1) position += `\\end{${environment.name}}`.length;
      } else {
        position = nameEnd;
      }
    } else {
      position = Math.max(nameEnd, visit(name, position, nameEnd));
    }
  }
}

/** Finds the next `\` or `%` from `from`, the only characters that change the lexer's state. */
function nextSpecial(text: string, from: number): number {
  for (let position = from; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === BACKSLASH || code === PERCENT) return position;
  }
  return -1;
}
