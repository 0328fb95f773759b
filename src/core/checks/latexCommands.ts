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

/** Index just past the group that opens at `open` ('{' or '['), honouring nesting and escapes. */
export function groupEnd(text: string, open: number): number {
  const opener = text[open]!;
  const closer = opener === '{' ? '}' : ']';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === opener) depth++;
    else if (char === closer && --depth === 0) return i + 1;
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

export function findEnvironments(file: LatexFile, name: string): EnvironmentBody[] {
  const bodies: EnvironmentBody[] = [];
  const escaped = name.replace(/[*]/g, '\\*');
  const begin = new RegExp(`\\\\begin\\s*\\{${escaped}\\}`, 'g');
  for (const match of file.masked.matchAll(begin)) {
    const start = match.index + match[0].length;
    const endTag = new RegExp(`\\\\end\\s*\\{${escaped}\\}`, 'g');
    endTag.lastIndex = start;
    const close = endTag.exec(file.masked);
    bodies.push({ file, beginOffset: match.index, start, end: close ? close.index : file.masked.length });
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
  for (const match of file.masked.matchAll(/\\[gex]?def\s*\\[a-zA-Z@]+[^{]*\{/g)) {
    ranges.push([match.index, groupEnd(file.masked, match.index + match[0].length - 1)]);
  }
  return ranges;
}

export function insideAny(offset: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end);
}
