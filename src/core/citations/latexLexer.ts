/**
 * A minimal LaTeX reader shared by citation and bibliography/include discovery: it walks the text once,
 * skipping comments, `\verb` and verbatim-like environments, and hands every control word to a visitor.
 * It does not expand macros or evaluate conditionals (`\if...\fi`): both branches are read, as editors do.
 */

const VERBATIM_ENVIRONMENTS = new Set([
  'verbatim', 'verbatim*', 'Verbatim', 'Verbatim*', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment',
]);

/**
 * Called for each control word; returns where scanning resumes (after any arguments it consumed). `args`
 * finds where the arguments that follow end.
 */
export type CommandVisitor = (name: string, start: number, afterName: number, args: DelimitedArguments) => number;

const BACKSLASH = 92;
const PERCENT = 37;
const NEWLINE = 10;
const LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93, LPAREN = 40, RPAREN = 41;

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
 * Where the delimited arguments of one text end: `[...]`, `(...)` and `{...}`, nested `{...}` respected so
 * that `[{see [1]}]` closes at the last bracket. An argument is unterminated when a paragraph break (`\par`)
 * or a `}` that closes an enclosing group comes first, as in TeX: an unclosed `[` being typed must not
 * swallow the rest of the document. Comments, `\verb` and verbatim environments are skipped as the lexer
 * skips them.
 *
 * Linear however many arguments are left open: most arguments close within a few characters and are found
 * by a short scan; when one does not, a single pass to the end of its paragraph settles every argument that
 * opens in it (a stack of groups, each with its open `[` and `(`), so 40,000 lines of an unclosed `\cite[x`
 * cost one pass instead of 40,000. Answers are right in any order; asked in text order, as the lexer asks,
 * each character is passed over a bounded number of times.
 */
export class DelimitedArguments {
  /** Openers the last pass met, in text order, and where each one's argument ends (-1: unterminated). */
  private openers: Int32Array<ArrayBuffer> = new Int32Array(64);
  private ends: Int32Array<ArrayBuffer> = new Int32Array(64);
  private count = 0;
  /** The last pass settled every opener in [passFrom, passTo). */
  private passFrom = -1;
  private passTo = -1;

  constructor(private readonly text: string) {}

  /** The offset just after the argument that opens at `from` (with `[`, `(` or `{`), or -1 when it is unterminated. */
  end(from: number): number {
    if (from >= this.passFrom && from < this.passTo) {
      const settled = this.settled(from);
      if (settled !== undefined) return settled;
    } else {
      const quick = this.shortScan(from);
      if (quick !== UNDECIDED) return quick;
    }
    // Past the last pass, or a position that pass did not see as an opener (it read it as part of a comment).
    this.pass(from);
    return this.settled(from) ?? -1;
  }

  /**
   * The argument's end if it shows within `SHORT_SCAN` characters without comments or verbatim text, else
   * UNDECIDED. A control word is skipped whole, a control symbol (`\]`) with its character.
   */
  private shortScan(from: number): number {
    const text = this.text;
    const close = closerOf(text.charCodeAt(from));
    const limit = Math.min(text.length, from + SHORT_SCAN);
    let depth = 0;
    for (let p = from + 1; p < limit; p++) {
      const code = text.charCodeAt(p);
      if (code === BACKSLASH) {
        let nameEnd = p + 1;
        while (nameEnd < limit && isLetter(text.charCodeAt(nameEnd))) nameEnd++;
        if (nameEnd === p + 1) {
          p++;
          continue;
        }
        const name = text.slice(p + 1, nameEnd);
        if (name === 'verb' || name === 'begin') return UNDECIDED;
        p = nameEnd - 1;
      } else if (code === PERCENT) {
        return UNDECIDED;
      } else if (code === NEWLINE) {
        let next = p + 1;
        while (next < limit && isBlank(text.charCodeAt(next))) next++;
        if (next >= limit) return limit === text.length ? -1 : UNDECIDED;
        if (text.charCodeAt(next) === NEWLINE) return -1;
      } else if (code === close && depth === 0) {
        return p + 1;
      } else if (code === LBRACE) {
        depth++;
      } else if (code === RBRACE) {
        if (depth === 0) return -1;
        depth--;
      }
    }
    return limit === text.length ? -1 : UNDECIDED;
  }

  /** Settles every argument that opens between `from` and the end of its paragraph, in one pass. */
  private pass(from: number): void {
    const text = this.text;
    this.count = 0;
    this.passFrom = from;
    // A stack of open `{` groups, as three parallel stacks (no object per group): the opener's index (-1 for
    // the text around the first group), and where the group's own `[` and `(` begin on their pending stacks.
    const groupOpeners = [-1];
    const groupBrackets = [0];
    const groupParens = [0];
    const brackets: number[] = [];
    const parens: number[] = [];
    const open = (p: number): void => {
      const index = this.register(p);
      const code = text.charCodeAt(p);
      if (code === LBRACE) {
        groupOpeners.push(index);
        groupBrackets.push(brackets.length);
        groupParens.push(parens.length);
      } else if (code === LBRACKET) {
        brackets.push(index);
      } else {
        parens.push(index);
      }
    };
    const settle = (pending: number[], downTo: number, end: number): void => {
      while (pending.length > downTo) this.ends[pending.pop()!] = end;
    };
    open(from);
    let p = from + 1;
    while (p < text.length) {
      const code = text.charCodeAt(p);
      if (code === BACKSLASH) {
        p = skipControlSequence(text, p);
      } else if (code === PERCENT) {
        p = endOfLine(text, p) + 1;
      } else if (code === NEWLINE && isParagraphBreak(text, p)) {
        break;
      } else {
        const top = groupOpeners.length - 1;
        if (code === LBRACE || code === LBRACKET || code === LPAREN) {
          open(p);
        } else if (code === RBRACKET) {
          settle(brackets, groupBrackets[top]!, p + 1);
        } else if (code === RPAREN) {
          settle(parens, groupParens[top]!, p + 1);
        } else if (code === RBRACE) {
          // The group's own `[` and `(` meet a `}` at their depth: unterminated.
          settle(brackets, groupBrackets[top]!, -1);
          settle(parens, groupParens[top]!, -1);
          if (top > 0) {
            this.ends[groupOpeners[top]!] = p + 1;
            groupOpeners.pop();
            groupBrackets.pop();
            groupParens.pop();
          }
        }
        p++;
      }
    }
    // A paragraph break or the end of the text: whatever is still open is unterminated.
    settle(brackets, 0, -1);
    settle(parens, 0, -1);
    for (let group = 1; group < groupOpeners.length; group++) this.ends[groupOpeners[group]!] = -1;
    this.passTo = Math.min(p, text.length);
  }

  private register(p: number): number {
    if (this.count === this.openers.length) {
      this.openers = grown(this.openers);
      this.ends = grown(this.ends);
    }
    this.openers[this.count] = p;
    this.ends[this.count] = -1;
    return this.count++;
  }

  /** The settled end for the opener at `p`, or undefined when the last pass did not see one there. */
  private settled(p: number): number | undefined {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const opener = this.openers[middle]!;
      if (opener === p) return this.ends[middle];
      if (opener < p) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}

/** Arguments that close this close to their start are found without a pass. */
const SHORT_SCAN = 1024;
const UNDECIDED = -2;

function closerOf(opener: number): number {
  return opener === LBRACKET ? RBRACKET : opener === LPAREN ? RPAREN : RBRACE;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/**
 * Where reading resumes after the control sequence at `p`: past a control symbol and its character, past a
 * control word, and past the argument of `\verb` or a verbatim environment, which are not read as TeX.
 */
function skipControlSequence(text: string, p: number): number {
  let nameEnd = p + 1;
  while (nameEnd < text.length && isLetter(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === p + 1) return p + 2;
  const name = text.slice(p + 1, nameEnd);
  if (name === 'verb') return skipVerb(text, nameEnd);
  if (name === 'begin') return skipVerbatimEnvironment(text, nameEnd) ?? nameEnd;
  return nameEnd;
}

/** The name of `\begin{name}` (at most 40 characters, so an unclosed `\begin{` is not searched to the end of the text). */
function readEnvironmentName(text: string, from: number): { name: string; end: number } | undefined {
  const position = skipArgumentSpace(text, from);
  if (text[position] !== '{') return undefined;
  const close = indexWithin(text, RBRACE, position + 1, position + 42);
  if (close === -1) return undefined;
  return { name: text.slice(position + 1, close).trim(), end: close + 1 };
}

/** Where reading resumes after a verbatim environment whose `\begin` name ends at `afterBegin`; undefined for other environments. */
function skipVerbatimEnvironment(text: string, afterBegin: number): number | undefined {
  const environment = readEnvironmentName(text, afterBegin);
  if (!environment || !VERBATIM_ENVIRONMENTS.has(environment.name)) return undefined;
  const endTag = `\\end{${environment.name}}`;
  const close = text.indexOf(endTag, environment.end);
  return close === -1 ? text.length : close + endTag.length;
}

/** Skips `\verb|...|` (and `\verb*`): the delimiter is whatever character follows, closed on the same line. */
function skipVerb(text: string, afterName: number): number {
  let position = afterName;
  if (text[position] === '*') position++;
  const delimiter = text[position];
  if (delimiter === undefined || delimiter === '\n') return position;
  const lineEnd = endOfLine(text, position + 1);
  // Searched within the line only: an unclosed `\verb|` on each of 40,000 lines must not search to the end each time.
  const close = indexWithin(text, delimiter.charCodeAt(0), position + 1, lineEnd);
  return close === -1 ? lineEnd : close + 1;
}

/** The first `code` in `text[from, to)`, or -1: a search that stops where it is told to. */
function indexWithin(text: string, code: number, from: number, to: number): number {
  const end = Math.min(to, text.length);
  for (let position = from; position < end; position++) if (text.charCodeAt(position) === code) return position;
  return -1;
}

export function scanLatexCommands(text: string, visit: CommandVisitor, stopAt = text.length): void {
  const args = new DelimitedArguments(text);
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
      position = skipVerbatimEnvironment(text, nameEnd) ?? nameEnd;
    } else {
      position = Math.max(nameEnd, visit(name, position, nameEnd, args));
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
