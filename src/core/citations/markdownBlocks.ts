import type { TextRange } from './types';

/**
 * Block-level structure of a Pandoc Markdown document that matters for citations: the parts where `@`
 * is never a citation (YAML metadata blocks, fenced and indented code, multi-line HTML comments) and
 * the YAML blocks themselves (their `nocite:` keys do count).
 */
export interface MarkdownBlocks {
  /** Sorted, non-overlapping ranges to skip when looking for citations. */
  skipped: TextRange[];
  /** Content of each YAML metadata block, between its `---` delimiter lines. */
  yamlBlocks: TextRange[];
}

interface Line {
  start: number;
  /** Offset of the line break (or end of text), exclusive of it. */
  end: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    lines.push({ start, end, text: text.slice(start, end).replace(/\r$/, '') });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

const isBlank = (line: Line | undefined): boolean => line === undefined || line.text.trim() === '';
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d+[.)]|#\.)\s/;
const YAML_KEY_LINE = /^[A-Za-z0-9_-][^:]*:/;
const INDENTED = /^(?: {4}|\t)/;

function closingFence(lines: Line[], from: number, fence: string): number {
  for (let index = from; index < lines.length; index++) {
    const close = FENCE_CLOSE.exec(lines[index]!.text);
    if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) return index;
  }
  // An unclosed fence runs to the end of the document, as in Pandoc.
  return lines.length - 1;
}

/**
 * Pandoc takes `---` as opening a metadata block only at the very top, or after a blank line when
 * the next line is not blank; anything else is a horizontal rule. We also require the block to look like
 * a mapping and to be closed by `---` or `...`, so a rule between two paragraphs is not mistaken for one.
 */
function yamlBlockEnd(lines: Line[], index: number): number | undefined {
  if (lines[index]!.text.trimEnd() !== '---') return undefined;
  if (index > 0 && !isBlank(lines[index - 1])) return undefined;
  const first = lines[index + 1];
  if (isBlank(first) || !YAML_KEY_LINE.test(first!.text)) return undefined;
  for (let close = index + 1; close < lines.length; close++) {
    const trimmed = lines[close]!.text.trimEnd();
    if (trimmed === '---' || trimmed === '...') return close;
  }
  return undefined;
}

export function markdownBlocks(text: string): MarkdownBlocks {
  const lines = splitLines(text);
  const skipped: TextRange[] = [];
  const yamlBlocks: TextRange[] = [];
  const skipLines = (first: number, last: number): void => {
    skipped.push({ start: lines[first]!.start, end: lines[last]!.end });
  };
  // Indented lines after a blank line continue a list item rather than start a code block.
  let inList = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const yamlEnd = yamlBlockEnd(lines, index);
    if (yamlEnd !== undefined) {
      yamlBlocks.push({ start: lines[index + 1]!.start, end: lines[yamlEnd]!.start });
      skipLines(index, yamlEnd);
      index = yamlEnd;
      continue;
    }
    const fence = FENCE_OPEN.exec(line.text);
    if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
      const close = closingFence(lines, index + 1, fence[1]!);
      skipLines(index, close);
      index = close;
      continue;
    }
    if (INDENTED.test(line.text) && isBlank(lines[index - 1]) && !inList) {
      let last = index;
      while (last + 1 < lines.length && (INDENTED.test(lines[last + 1]!.text) || isBlank(lines[last + 1]))) last++;
      skipLines(index, last);
      index = last;
      continue;
    }
    const commentStart = line.text.lastIndexOf('<!--');
    if (commentStart !== -1 && !line.text.includes('-->', commentStart)) {
      // A comment left open at the end of a line hides whole lines, fences included.
      const close = text.indexOf('-->', line.start + commentStart);
      const end = close === -1 ? text.length : close + 3;
      skipped.push({ start: line.start + commentStart, end });
      while (index + 1 < lines.length && lines[index + 1]!.start < end) index++;
      continue;
    }
    if (!isBlank(line) && !INDENTED.test(line.text)) inList = LIST_ITEM.test(line.text);
  }
  return { skipped, yamlBlocks };
}
