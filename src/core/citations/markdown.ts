import { markdownBlocks } from './markdownBlocks';
import { bracedKeyEnd, isPartialKeyChar, isQuartoCrossref, isWordChar, pandocKeyEnd } from './pandocKey';
import type { Citation, CitationContext, TextRange } from './types';

/** A key at an `@`, with the extent of its `@`/`-@`/braces. */
interface KeyAtSign {
  key: string;
  start: number;
  end: number;
  /** From `@` (or the `-` of `-@`) to the end of the key, closing brace included. */
  extent: TextRange;
}

/**
 * Reads the key after the `@` at `at`, or undefined when this `@` cannot start a citation: preceded by a
 * word character (an e-mail such as `glitt@mit.edu`) or a backslash (bookdown's `\@ref(fig:x)`).
 */
function keyAtSign(text: string, at: number): KeyAtSign | undefined {
  const before = text[at - 1];
  if (isWordChar(before) || before === '\\') return undefined;
  const suppressAuthor = before === '-' && !isWordChar(text[at - 2]);
  const extentStart = suppressAuthor ? at - 1 : at;
  if (text[at + 1] === '{') {
    const close = bracedKeyEnd(text, at + 1);
    if (close === -1 || close === at + 2) return undefined;
    return { key: text.slice(at + 2, close), start: at + 2, end: close, extent: { start: extentStart, end: close + 1 } };
  }
  const end = pandocKeyEnd(text, at + 1);
  if (end === at + 1) return undefined;
  return { key: text.slice(at + 1, end), start: at + 1, end, extent: { start: extentStart, end } };
}

function isParagraphBreakAt(text: string, newline: number): boolean {
  let next = newline + 1;
  while (text[next] === ' ' || text[next] === '\t' || text[next] === '\r') next++;
  return text[next] === '\n' || next >= text.length;
}

function backtickRunLength(text: string, from: number): number {
  let end = from;
  while (text[end] === '`') end++;
  return end - from;
}

/**
 * Where code spans end: a run of n backticks is closed by the next run of exactly n backticks in the same
 * paragraph. Searching forward from each opening run made runs of rising lengths (`` ` `` then ``` `` ``` ...)
 * cost the rest of the paragraph each; here every run and paragraph break is listed once, and queries, which
 * come in text order, advance a cursor per run length.
 */
class CodeSpans {
  /** Start offsets of the maximal backtick runs, by run length. */
  private readonly runs = new Map<number, { starts: number[]; next: number }>();
  /** Offsets of the line breaks that start a blank line (a paragraph break), ascending. */
  private readonly breaks: number[] = [];
  private nextBreak = 0;

  constructor(text: string) {
    for (let start = text.indexOf('`'); start !== -1; ) {
      const length = backtickRunLength(text, start);
      let list = this.runs.get(length);
      if (!list) this.runs.set(length, (list = { starts: [], next: 0 }));
      list.starts.push(start);
      start = text.indexOf('`', start + length);
    }
    for (const match of text.matchAll(/\n[ \t\r]*(?=\n)/g)) this.breaks.push(match.index);
  }

  /** End of the code span opened by `length` backticks at `from`, or -1 if none closes it in the paragraph. */
  end(from: number, length: number): number {
    const list = this.runs.get(length);
    if (!list) return -1;
    while (list.next < list.starts.length && list.starts[list.next]! < from + length) list.next++;
    const close = list.starts[list.next];
    if (close === undefined) return -1;
    while (this.nextBreak < this.breaks.length && this.breaks[this.nextBreak]! < from + length) this.nextBreak++;
    const paragraphBreak = this.breaks[this.nextBreak];
    return paragraphBreak !== undefined && paragraphBreak < close ? -1 : close + length;
  }
}

const AUTOLINK = /^<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>/;

/**
 * `@key [p. 3]`: a bracket right after a narrative citation is its locator when it holds no citation and
 * is not a link. Returns the offset after `]`, or undefined.
 */
function narrativeLocatorEnd(text: string, keyEnd: number): number | undefined {
  const open = text[keyEnd] === ' ' ? keyEnd + 1 : keyEnd;
  if (text[open] !== '[') return undefined;
  // Only this line is searched: an unclosed `[` after each of 40,000 narrative citations must not search the
  // rest of the document each time.
  let close = open + 1;
  while (close < text.length && text.charCodeAt(close) !== CLOSE_BRACKET && text.charCodeAt(close) !== NEWLINE) close++;
  if (text.charCodeAt(close) !== CLOSE_BRACKET) return undefined;
  if (text.slice(open, close).includes('@') || text[close + 1] === '(' || text[close + 1] === '[') return undefined;
  return close + 1;
}

const CLOSE_BRACKET = 93;
const NEWLINE = 10;

interface OpenBracket {
  start: number;
  citations: Citation[];
}

export interface MarkdownScan {
  citations: Citation[];
  /** Sorted ranges where `@` is never a citation: YAML, code, HTML comments, autolinks. */
  skipped: TextRange[];
}

/**
 * One pass over the inline text between skipped blocks. Bracketed groups are tracked with a stack so a
 * citation's group is known when its `]` arrives; brackets left open at a paragraph end were not citations,
 * so their keys become narrative citations.
 */
export function scanMarkdown(text: string): MarkdownScan {
  const blocks = markdownBlocks(text);
  const skipped: TextRange[] = [];
  const citations: Citation[] = [];
  let brackets: OpenBracket[] = [];
  const closeParagraph = (): void => {
    for (const bracket of brackets) for (const citation of bracket.citations) citations.push(citation);
    brackets = [];
  };

  let codeSpans: CodeSpans | undefined;
  let blockIndex = 0;
  let position = 0;
  while (position < text.length) {
    const block = blocks.skipped[blockIndex];
    if (block && position >= block.start) {
      closeParagraph();
      skipped.push(block);
      position = Math.max(position, block.end);
      blockIndex++;
      continue;
    }
    const char = text[position];
    if (char === '\\') {
      position += 2;
    } else if (char === '`') {
      const run = backtickRunLength(text, position);
      const end = (codeSpans ??= new CodeSpans(text)).end(position, run);
      if (end !== -1) skipped.push({ start: position, end });
      position = end === -1 ? position + run : end;
    } else if (char === '<') {
      position = skipAngleBracket(text, position, skipped);
    } else if (char === '[') {
      brackets.push({ start: position, citations: [] });
      position++;
    } else if (char === ']') {
      const bracket = brackets.pop();
      if (bracket) {
        const group = { start: bracket.start, end: position + 1 };
        for (const citation of bracket.citations) citations.push({ ...citation, group });
      }
      position++;
    } else if (char === '\n') {
      if (isParagraphBreakAt(text, position)) closeParagraph();
      position++;
    } else if (char === '@') {
      position = readCitation(text, position, brackets, citations);
    } else {
      position++;
    }
  }
  closeParagraph();
  citations.sort((a, b) => a.start - b.start);
  return { citations, skipped };
}

function skipAngleBracket(text: string, position: number, skipped: TextRange[]): number {
  if (text.startsWith('<!--', position)) {
    const close = text.indexOf('-->', position + 4);
    const end = close === -1 ? text.length : close + 3;
    skipped.push({ start: position, end });
    return end;
  }
  const autolink = AUTOLINK.exec(text.slice(position, position + 2048));
  if (autolink) {
    skipped.push({ start: position, end: position + autolink[0].length });
    return position + autolink[0].length;
  }
  return position + 1;
}

function readCitation(text: string, at: number, brackets: OpenBracket[], citations: Citation[]): number {
  const found = keyAtSign(text, at);
  if (!found) return at + 1;
  if (isQuartoCrossref(found.key)) return found.extent.end;
  const innermost = brackets[brackets.length - 1];
  if (innermost) {
    innermost.citations.push({ key: found.key, start: found.start, end: found.end, group: found.extent });
    return found.extent.end;
  }
  const locatorEnd = narrativeLocatorEnd(text, found.extent.end);
  const group = { start: found.extent.start, end: locatorEnd ?? found.extent.end };
  citations.push({ key: found.key, start: found.start, end: found.end, group });
  return group.end;
}

export function findMarkdownCitations(text: string): Citation[] {
  return scanMarkdown(text).citations;
}

/** Keys listed under `nocite:` in the document's YAML metadata blocks; `@*` (cite everything) is left out. */
export function yamlNocite(text: string): { key: string; start: number; end: number }[] {
  const keys: { key: string; start: number; end: number }[] = [];
  for (const block of markdownBlocks(text).yamlBlocks) {
    const yaml = text.slice(block.start, block.end);
    const field = /^nocite[ \t]*:/m.exec(yaml);
    if (!field) continue;
    // The value runs until the next top-level field: a line that starts with a non-space character.
    const valueStart = field.index + field[0].length;
    const nextField = /\n(?=[^\s#])/.exec(yaml.slice(valueStart));
    const valueEnd = nextField ? valueStart + nextField.index : yaml.length;
    for (let at = yaml.indexOf('@', valueStart); at !== -1 && at < valueEnd; at = yaml.indexOf('@', at + 1)) {
      const found = keyAtSign(yaml, at);
      if (found) keys.push({ key: found.key, start: block.start + found.start, end: block.start + found.end });
    }
  }
  return keys;
}

function isInside(ranges: readonly TextRange[], offset: number): boolean {
  return ranges.some((range) => range.start <= offset && offset < range.end);
}

/** The `[` of the bracket still open at `from` in the same paragraph, if any. */
function openBracketBefore(text: string, from: number): number | undefined {
  let depth = 0;
  for (let position = from - 1; position >= 0; position--) {
    const char = text[position];
    if (char === ']') depth++;
    else if (char === '[') {
      if (depth === 0) return position;
      depth--;
    } else if (char === '\n' && isParagraphBreakAt(text, position)) {
      return undefined;
    }
  }
  return undefined;
}

/** Keys cited between the `[` at `open` and its `]` (or the paragraph end while the group is being typed). */
function keysInBracket(text: string, open: number, except: number): string[] {
  const keys: string[] = [];
  for (let position = open + 1; position < text.length; position++) {
    const char = text[position];
    if (char === ']' || (char === '\n' && isParagraphBreakAt(text, position))) break;
    if (char !== '@' || position === except) continue;
    const found = keyAtSign(text, position);
    if (found) keys.push(found.key);
  }
  return keys;
}

export function markdownCitationContextAt(text: string, offset: number): CitationContext | undefined {
  let keyStart = offset;
  while (keyStart > 0 && isPartialKeyChar(text[keyStart - 1])) keyStart--;
  const braced = text[keyStart - 1] === '{' && text[keyStart - 2] === '@';
  const at = braced ? keyStart - 2 : keyStart - 1;
  if (text[at] !== '@') return undefined;
  const before = text[at - 1];
  if (isWordChar(before) || before === '\\') return undefined;
  if (isInside(scanMarkdown(text).skipped, at)) return undefined;
  let replaceEnd = offset;
  while (replaceEnd < text.length && isPartialKeyChar(text[replaceEnd])) replaceEnd++;
  // `@fig` may still become a key; `@fig-` can only be a cross-reference.
  if (!braced && isQuartoCrossref(text.slice(keyStart, replaceEnd))) return undefined;
  const bracket = openBracketBefore(text, at);
  return {
    prefix: text.slice(keyStart, offset),
    replaceStart: keyStart,
    replaceEnd,
    keysInGroup: bracket === undefined ? [] : keysInBracket(text, bracket, at),
    syntax: bracket === undefined ? 'pandoc-narrative' : 'pandoc-bracket',
  };
}
