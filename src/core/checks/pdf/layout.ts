import { numberParam, type RulesPack } from '../rulesPack';
import type { BBox } from '../finding';
import type { PdfPage, PdfTextItem } from './pdfDocument';

/** The style's text block in PDF points (left/right/bottom/top edges) and the slack allowed around it. */
export interface TextBlock {
  left: number;
  right: number;
  bottom: number;
  top: number;
  tolerance: number;
}

export function textBlockOf(pack: RulesPack): TextBlock {
  const param = (name: string, fallback: number) => numberParam(pack, 'calm/margins', name, fallback);
  return {
    left: param('left', 108),
    right: param('right', 504),
    bottom: param('bottom', 72),
    top: param('top', 720),
    tolerance: param('tolerance', 2),
  };
}

/** A lineno line number: a bare number set entirely in the left margin. */
export function isLineNumber(item: PdfTextItem, block: TextBlock): boolean {
  return /^\d{1,4}$/.test(item.text.trim()) && item.x + item.width <= block.left - block.tolerance;
}

/** One typeset line: the items sharing a baseline, left to right, line numbers left out. */
export interface TextLine {
  text: string;
  y: number;
  items: PdfTextItem[];
}

/** Items whose baselines differ by less than this belong to the same line (sub/superscripts aside). */
const SAME_LINE = 1.5;

export function textLines(page: PdfPage, block: TextBlock): TextLine[] {
  const items = page.items.filter((item) => !isLineNumber(item, block)).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: TextLine[] = [];
  for (const item of items) {
    const line = lines.find((candidate) => Math.abs(candidate.y - item.y) < SAME_LINE);
    if (line) line.items.push(item);
    else lines.push({ text: '', y: item.y, items: [item] });
  }
  for (const line of lines) {
    line.items.sort((a, b) => a.x - b.x);
    line.text = joinItems(line.items);
  }
  return lines;
}

/** Two items closer than this (in em) are one word: pdf.js splits words at font changes and kerns. */
const WORD_GAP_EM = 0.15;

/** The items of one line as text: a space where there is a gap between them, none where they touch. */
function joinItems(items: readonly PdfTextItem[]): string {
  let text = '';
  items.forEach((item, index) => {
    const previous = items[index - 1];
    if (previous && item.x - (previous.x + previous.width) > WORD_GAP_EM * item.fontSize) text += ' ';
    text += item.text;
  });
  return text.replace(/\s+/g, ' ').trim();
}

export function boundingBox(items: readonly PdfTextItem[]): BBox {
  const left = Math.min(...items.map((item) => item.x));
  const right = Math.max(...items.map((item) => item.x + item.width));
  const bottom = Math.min(...items.map((item) => item.y - item.fontSize * 0.25));
  const top = Math.max(...items.map((item) => item.y + item.fontSize * 0.75));
  const round = (value: number) => Math.round(value * 10) / 10;
  return { x: round(left), y: round(bottom), width: round(right - left), height: round(top - bottom) };
}

/** Pages as a list with runs shortened: "1", "1 and 3", "1-5", "1, 3-5 and 8". */
export function pageList(pages: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${pages[i]}-${pages[j]}` : j > i ? `${pages[i]}, ${pages[j]}` : String(pages[i]));
    i = j;
  }
  const parts = runs.join(', ').split(', ');
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
