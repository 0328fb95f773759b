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
    line.text = line.items
      .map((item) => item.text)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  return lines;
}

export function boundingBox(items: readonly PdfTextItem[]): BBox {
  const left = Math.min(...items.map((item) => item.x));
  const right = Math.max(...items.map((item) => item.x + item.width));
  const bottom = Math.min(...items.map((item) => item.y - item.fontSize * 0.25));
  const top = Math.max(...items.map((item) => item.y + item.fontSize * 0.75));
  const round = (value: number) => Math.round(value * 10) / 10;
  return { x: round(left), y: round(bottom), width: round(right - left), height: round(top - bottom) };
}
