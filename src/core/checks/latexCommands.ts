import type { LatexDocument as LatexFile } from '../documents';

/** A command use such as `\usepackage[final]{neurips_2024}`, found in a file's masked text. */
export interface CommandUse {
  file: LatexFile;
  /** Offset of the backslash. */
  offset: number;
  /** Offset just after the last argument read. */
  end: number;
  /** The optional [..] argument, if given before the first braced one. */
  options?: string;
  /** The braced arguments read, without their braces. */
  args: string[];
}

/**
 * Index just past the group that opens at `open` ('{' or '['), honouring nesting and escapes; the text's
 * length when the group is not closed. A group that does not close within a few thousand characters is
 * looked up in the text's table of groups, built in one pass: 40,000 unclosed `\thanks{` each searched
 * the rest of the file.
 */
export function groupEnd(text: string, open: number): number {
  const opener = text.charCodeAt(open);
  const closer = opener === LBRACE ? RBRACE : RBRACKET;
  const limit = Math.min(text.length, open + SHORT_SCAN);
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === opener) depth++;
    else if (code === closer && --depth === 0) return i + 1;
  }
  if (limit === text.length) return text.length;
  if (groups?.text !== text) groups = new GroupTable(text);
  return groups.end(open) ?? scanGroup(text, open, opener, closer);
}

const BACKSLASH = 92, LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93;
const SHORT_SCAN = 4096;

/** The group table of the text last asked about: the rules ask about one file's masked text many times in a row. */
let groups: GroupTable | undefined;

/** Where every `{...}` and `[...]` group of a text ends (braces and brackets nest separately, as in `groupEnd`). */
class GroupTable {
  private readonly openers: number[] = [];
  private readonly ends: number[] = [];

  constructor(readonly text: string) {
    const braces: number[] = [];
    const brackets: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === BACKSLASH) {
        i++;
      } else if (code === LBRACE || code === LBRACKET) {
        (code === LBRACE ? braces : brackets).push(this.openers.length);
        this.openers.push(i);
        this.ends.push(text.length);
      } else if (code === RBRACE || code === RBRACKET) {
        const open = (code === RBRACE ? braces : brackets).pop();
        if (open !== undefined) this.ends[open] = i + 1;
      }
    }
  }

  /** The end of the group opening at `open`, or undefined when a read from the start sees no opener there (it is escaped). */
  end(open: number): number | undefined {
    let low = 0;
    let high = this.openers.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.openers[middle]!;
      if (at === open) return this.ends[middle];
      if (at < open) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}

function scanGroup(text: string, open: number, opener: number, closer: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === opener) depth++;
    else if (code === closer && --depth === 0) return i + 1;
  }
  return text.length;
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/**
 * Every use of `\name` in the file, with the optional argument before the first braced one and up to
 * `braced` braced arguments (fewer when the source has fewer). `name` is matched whole: `\include` does not match `\includegraphics`.
 */
export function findCommands(file: LatexFile, name: string, braced = 1): CommandUse[] {
  const uses: CommandUse[] = [];
  const pattern = new RegExp(`\\\\${name.replace(/[*]/g, '\\*')}(?![a-zA-Z@])`, 'g');
  for (const match of file.masked.matchAll(pattern)) {
    const use: CommandUse = { file, offset: match.index, end: match.index + match[0].length, args: [] };
    let i = skipSpaces(file.masked, use.end);
    if (file.masked[i] === '[') {
      const close = groupEnd(file.masked, i);
      use.options = file.masked.slice(i + 1, close - 1);
      use.end = close;
      i = skipSpaces(file.masked, close);
    }
    while (use.args.length < braced) {
      // Later optional arguments (\newcommand{\x}[1]{...}) are skipped to reach the next braced one.
      let next = i;
      while (use.args.length > 0 && file.masked[next] === '[') next = skipSpaces(file.masked, groupEnd(file.masked, next));
      if (file.masked[next] !== '{') break;
      const close = groupEnd(file.masked, next);
      use.args.push(file.masked.slice(next + 1, close - 1));
      use.end = close;
      i = skipSpaces(file.masked, close);
    }
    uses.push(use);
  }
  return uses;
}

export function findCommandsInFiles(files: readonly LatexFile[], name: string, braced = 1): CommandUse[] {
  return files.flatMap((file) => findCommands(file, name, braced));
}

/** Splits `a, b ,c` (package lists, option lists) into trimmed non-empty items. */
export function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** An environment body `\begin{name} ... \end{name}` in masked text, by offsets of its inside. */
export interface EnvironmentBody {
  file: LatexFile;
  /** Offset of `\begin`. */
  beginOffset: number;
  /** Offsets of the body, between `\begin{name}` and `\end{name}`. */
  start: number;
  end: number;
}

/**
 * The bodies of `\begin{name} ... \end{name}`, each to the first `\end{name}` after it. A `\begin{name}` inside
 * a body is not a body of its own: bodies never overlap, so 40,000 unclosed `\begin{abstract}` are one body, not
 * 40,000 bodies each running to the end of the file.
 */
export function findEnvironments(file: LatexFile, name: string): EnvironmentBody[] {
  const bodies: EnvironmentBody[] = [];
  const escaped = name.replace(/[*]/g, '\\*');
  const begin = new RegExp(`\\\\begin\\s*\\{${escaped}\\}`, 'g');
  const endTag = new RegExp(`\\\\end\\s*\\{${escaped}\\}`, 'g');
  for (let match = begin.exec(file.masked); match; match = begin.exec(file.masked)) {
    const start = match.index + match[0].length;
    endTag.lastIndex = start;
    const close = endTag.exec(file.masked);
    const end = close ? close.index : file.masked.length;
    bodies.push({ file, beginOffset: match.index, start, end });
    begin.lastIndex = end;
  }
  return bodies;
}

/** Draft-finding location fields for an offset in a file. */
export function locate(file: LatexFile, offset: number): { file: string; line: number; column: number } {
  return { file: file.path, ...file.position(offset) };
}

const DEFINING_COMMANDS = ['newcommand', 'renewcommand', 'providecommand', 'DeclareRobustCommand', 'newcommand*', 'renewcommand*'];

/** Offset ranges of macro definitions (\newcommand{\todo}[1]{...}, \def\x{...}): text there is never typeset as written. */
export function definitionRanges(file: LatexFile): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const name of DEFINING_COMMANDS) {
    for (const use of findCommands(file, name, 2)) ranges.push([use.offset, use.end]);
  }
  // The parameter text (`#1#2`) is short; an unbounded `[^{]*` searched to the next brace from every `\def`.
  for (const match of file.masked.matchAll(/\\[gex]?def\s*\\[a-zA-Z@]+[^{]{0,100}\{/g)) {
    ranges.push([match.index, groupEnd(file.masked, match.index + match[0].length - 1)]);
  }
  return ranges;
}

/**
 * Whether `offset` lies in one of `ranges`. Rules ask this for every match against the same list, so the list
 * is merged into sorted, disjoint ranges once (kept per list, which must not change after the first question)
 * and each question is a binary search: thousands of matches against thousands of ranges stay linear.
 */
export function insideAny(offset: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  let merged = mergedRanges.get(ranges);
  if (!merged) {
    merged = merge(ranges);
    mergedRanges.set(ranges, merged);
  }
  let low = 0;
  let high = merged.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const [start, end] = merged[middle]!;
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return true;
  }
  return false;
}

const mergedRanges = new WeakMap<ReadonlyArray<readonly [number, number]>, Array<[number, number]>>();

function merge(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = ranges.filter(([start, end]) => start < end).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
