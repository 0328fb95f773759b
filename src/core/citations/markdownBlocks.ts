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

/**
 * The lines of a text by their start offsets, four bytes a line: an object and a string per line held
 * 50 bytes per character of a document of empty lines. A line's text is sliced when asked for.
 */
class Lines {
  readonly count: number;
  private readonly starts: Int32Array;

  constructor(private readonly source: string) {
    let count = 1;
    for (let newline = source.indexOf('\n'); newline !== -1; newline = source.indexOf('\n', newline + 1)) count++;
    this.count = count;
    this.starts = new Int32Array(count);
    let line = 1;
    for (let newline = source.indexOf('\n'); newline !== -1; newline = source.indexOf('\n', newline + 1)) this.starts[line++] = newline + 1;
  }

  start(index: number): number {
    return this.starts[index]!;
  }

  /** Offset of the line break (or end of text), exclusive of it. */
  end(index: number): number {
    return index + 1 < this.count ? this.starts[index + 1]! - 1 : this.source.length;
  }

  /** The line without its line break or a CR before it. */
  text(index: number): string {
    const end = this.end(index);
    return this.source.slice(this.start(index), end > this.start(index) && this.source.charCodeAt(end - 1) === 13 ? end - 1 : end);
  }

  isBlank(index: number): boolean {
    return index < 0 || index >= this.count || this.text(index).trim() === '';
  }
}
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d+[.)]|#\.)\s/;
const YAML_KEY_LINE = /^[A-Za-z0-9_-][^:]*:/;
const INDENTED = /^(?: {4}|\t)/;

function closingFence(lines: Lines, from: number, fence: string): number {
  for (let index = from; index < lines.count; index++) {
    const close = FENCE_CLOSE.exec(lines.text(index));
    if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) return index;
  }
  // An unclosed fence runs to the end of the document, as in Pandoc.
  return lines.count - 1;
}

/**
 * Pandoc takes `---` as opening a metadata block only at the very top, or after a blank line when
 * the next line is not blank; anything else is a horizontal rule. We also require the block to look like
 * a mapping and to be closed by `---` or `...`, so a rule between two paragraphs is not mistaken for one.
 */
function yamlBlockEnd(lines: Lines, index: number): number | undefined {
  if (lines.text(index).trimEnd() !== '---') return undefined;
  if (index > 0 && !lines.isBlank(index - 1)) return undefined;
  if (lines.isBlank(index + 1) || !YAML_KEY_LINE.test(lines.text(index + 1))) return undefined;
  for (let close = index + 1; close < lines.count; close++) {
    const trimmed = lines.text(close).trimEnd();
    if (trimmed === '---' || trimmed === '...') return close;
  }
  return undefined;
}

export function markdownBlocks(text: string): MarkdownBlocks {
  const lines = new Lines(text);
  const skipped: TextRange[] = [];
  const yamlBlocks: TextRange[] = [];
  const skipLines = (first: number, last: number): void => {
    skipped.push({ start: lines.start(first), end: lines.end(last) });
  };
  // Indented lines after a blank line continue a list item rather than start a code block.
  let inList = false;
  for (let index = 0; index < lines.count; index++) {
    const line = lines.text(index);
    const yamlEnd = yamlBlockEnd(lines, index);
    if (yamlEnd !== undefined) {
      yamlBlocks.push({ start: lines.start(index + 1), end: lines.start(yamlEnd) });
      skipLines(index, yamlEnd);
      index = yamlEnd;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
      const close = closingFence(lines, index + 1, fence[1]!);
      skipLines(index, close);
      index = close;
      continue;
    }
    if (INDENTED.test(line) && lines.isBlank(index - 1) && !inList) {
      let last = index;
      while (last + 1 < lines.count && (INDENTED.test(lines.text(last + 1)) || lines.isBlank(last + 1))) last++;
      skipLines(index, last);
      index = last;
      continue;
    }
    const commentStart = line.lastIndexOf('<!--');
    if (commentStart !== -1 && !line.includes('-->', commentStart)) {
      // A comment left open at the end of a line hides whole lines, fences included.
      const close = text.indexOf('-->', lines.start(index) + commentStart);
      const end = close === -1 ? text.length : close + 3;
      skipped.push({ start: lines.start(index) + commentStart, end });
      while (index + 1 < lines.count && lines.start(index + 1) < end) index++;
      continue;
    }
    if (line.trim() !== '' && !INDENTED.test(line)) inList = LIST_ITEM.test(line);
  }
  return { skipped, yamlBlocks };
}
