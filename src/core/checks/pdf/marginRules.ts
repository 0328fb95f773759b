import type { FindingDraft } from '../finding';
import { numberParam, type RulesPack } from '../rulesPack';
import { boundingBox, isLineNumber, pageList, textBlockOf, textLines, type TextBlock } from './layout';
import type { PdfPage, PdfTextItem } from './pdfDocument';
import type { PdfRule } from './pdfRule';

/** Below the text block the style prints only the page number and, on page 1, the venue footer. */
const FOOTER_BAND_BOTTOM = 30;
/** The style's page number sits about 30 bp below the last baseline; a subscript on the last line is much closer. */
const PAGE_NUMBER_BELOW_BLOCK = 15;

/**
 * microtype lets punctuation at a line end hang into the margin (and opening quotes or brackets at a line
 * start), by up to about half its font size: the 2.6-3.7 bp a final "." or ":" of a URL protrudes is not
 * text outside the block.
 */
const PROTRUDING_END = /[.,:;!?'’"”)\]\-–—]$/;
const PROTRUDING_START = /^['‘"“([]/;
const PROTRUSION_EM = 0.5;

/** How far below (or above) a line's baseline its sub- and superscripts may sit, in bp. */
const SCRIPT_OFFSET = 10;

/** A page's body lines define its text block; shorter lines (headings, captions, line ends) do not. */
const BODY_LINE_MIN_CHARS = 40;
/** How many body lines must agree on an edge before it counts as the page's measured edge. */
const MIN_AGREEING_LINES = 5;
/** An edge this far from the style's is a different page geometry, not an overfull line. */
const GEOMETRY_SLACK = 4;

function isPageNumber(item: PdfTextItem, page: PdfPage, block: TextBlock): boolean {
  const center = item.x + item.width / 2;
  return /^[0-9ivxlc]{1,4}$/i.test(item.text.trim()) && item.y < block.bottom - PAGE_NUMBER_BELOW_BLOCK && Math.abs(center - page.width / 2) < 30;
}

/** The venue notice the style sets at the foot of page 1, within the text block's width. */
function isFooter(item: PdfTextItem, page: PdfPage, block: TextBlock): boolean {
  return (
    page.number === 1 &&
    item.y < block.bottom &&
    item.y > FOOTER_BAND_BOTTOM &&
    item.x >= block.left - block.tolerance &&
    item.x + item.width <= block.right + block.tolerance
  );
}

/**
 * How far the item reaches past each edge of the block (0 where it stays inside), after the tolerance.
 * Vertically the baseline counts, as for the last line: a glyph's ascent is not known, and estimating it
 * made figure labels at the top of a page look 2-4 bp too high.
 */
function overhang(item: PdfTextItem, block: TextBlock) {
  return {
    left: Math.max(0, block.left - block.tolerance - item.x),
    right: Math.max(0, item.x + item.width - block.right - block.tolerance),
    bottom: Math.max(0, block.bottom - block.tolerance - item.y),
    top: Math.max(0, item.y - block.top - block.tolerance),
  };
}

function isInside(item: PdfTextItem, block: TextBlock): boolean {
  const { left, right, bottom, top } = overhang(item, block);
  return left === 0 && right === 0 && bottom === 0 && top === 0;
}

/** Punctuation hanging into the side margin by microtype's protrusion. */
function isProtrusion(item: PdfTextItem, block: TextBlock): boolean {
  const { left, right, bottom, top } = overhang(item, block);
  if (bottom > 0 || top > 0) return false;
  const allowance = item.fontSize * PROTRUSION_EM;
  const text = item.text.trim();
  if (right > 0 && (right > allowance || !PROTRUDING_END.test(text))) return false;
  if (left > 0 && (left > allowance || !PROTRUDING_START.test(text))) return false;
  return true;
}

/** A sub- or superscript (or a limit under a \sum) of a line inside the block, reaching just past its top or bottom. */
function isScriptOfInsideLine(item: PdfTextItem, inside: readonly PdfTextItem[], block: TextBlock): boolean {
  const { left, right } = overhang(item, block);
  if (left > 0 || right > 0) return false;
  return inside.some(
    (other) =>
      Math.abs(other.y - item.y) <= SCRIPT_OFFSET &&
      other.x <= item.x + item.width + SCRIPT_OFFSET &&
      other.x + other.width >= item.x - SCRIPT_OFFSET,
  );
}

/** Text past the block that the style put there or that only looks like it is. */
function outsideItems(page: PdfPage, block: TextBlock): PdfTextItem[] {
  const candidates = page.items.filter((item) => !isLineNumber(item, block) && !isPageNumber(item, page, block) && !isFooter(item, page, block));
  const inside = candidates.filter((item) => isInside(item, block));
  return candidates.filter((item) => !isInside(item, block) && !isProtrusion(item, block) && !isScriptOfInsideLine(item, inside, block));
}

/** The most common value of `values` rounded to whole bp, if at least MIN_AGREEING_LINES are within 1.5 bp of it. */
function commonEdge(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(Math.round(value), (counts.get(Math.round(value)) ?? 0) + 1);
  let best: number | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  if (best === undefined) return undefined;
  const agreeing = values.filter((value) => Math.abs(value - best) <= 1.5).length;
  return agreeing >= MIN_AGREEING_LINES ? best : undefined;
}

/** Where a page's body text really sits, when enough full lines agree on both edges. */
interface MeasuredBlock {
  left: number;
  right: number;
}

function measureBlock(page: PdfPage, block: TextBlock): MeasuredBlock | undefined {
  const lines = textLines(page, block).filter((line) => line.text.length >= BODY_LINE_MIN_CHARS);
  const left = commonEdge(lines.map((line) => line.items[0]!.x));
  const right = commonEdge(lines.map((line) => Math.max(...line.items.map((item) => item.x + item.width))));
  return left === undefined || right === undefined ? undefined : { left, right };
}

function movedEdges(measured: MeasuredBlock, block: TextBlock): boolean {
  return Math.abs(measured.left - block.left) > GEOMETRY_SLACK || Math.abs(measured.right - block.right) > GEOMETRY_SLACK;
}

/**
 * A changed page geometry moves the body on most pages (on every page, or every other one); a wide table
 * or an indented abstract moves it on one. The pages whose measured block moved count as one geometry
 * cause when they are at least two and at least half of the pages that could be measured.
 */
function isGeometryChange(moved: number, measured: number): boolean {
  return moved >= 2 && moved * 2 >= measured;
}

/** The block a changed geometry really gives, widened to what every moved page measured. */
function spanOf(blocks: readonly MeasuredBlock[], tolerance: number): TextBlock {
  return {
    left: Math.min(...blocks.map((measured) => measured.left)),
    right: Math.max(...blocks.map((measured) => measured.right)),
    bottom: -Infinity,
    top: Infinity,
    tolerance,
  };
}

/** Text that recurs at the same place on several pages (a running header, a footer): one element, one finding. */
function repeatedKey(item: PdfTextItem): string {
  return `${item.text.trim().replace(/\d+/g, '#')}@${Math.round(item.x / 10)},${Math.round(item.y / 2)}`;
}

function sample(items: readonly PdfTextItem[]): string {
  return items[0]!.text.trim().slice(0, 40);
}

function pagesPhrase(pages: readonly number[]): string {
  return `page${pages.length > 1 ? 's' : ''} ${pageList(pages)}`;
}

function pageSizeMatches(page: PdfPage, pack: RulesPack): boolean {
  const param = (name: string, fallback: number) => numberParam(pack, 'calm/page-size', name, fallback);
  const tolerance = param('tolerance', 1);
  return Math.abs(page.width - param('width', 612)) <= tolerance && Math.abs(page.height - param('height', 792)) <= tolerance;
}

/**
 * P18: no text outside the 5.5in x 9in text block, except what the style itself puts there. One cause
 * is one finding: a changed page geometry (the body's edges measured elsewhere) lists its pages, so does
 * a running header or footer repeated on several pages; what is left is reported page by page. Pages of
 * the wrong size are left to calm/page-size, which reports them. Only text is measured; images and
 * vector drawings in the margin are not detected.
 */
export const checkMargins: PdfRule = ({ pack, pdf }) => {
  const block = textBlockOf(pack);
  const bounds = `${block.left}-${block.right} x ${block.bottom}-${block.top} bp`;
  const drafts: FindingDraft[] = [];
  const pages = pdf.pages.filter((page) => pageSizeMatches(page, pack));
  const measured = new Map(pages.map((page) => [page, measureBlock(page, block)] as const));
  const moved = pages.filter((page) => {
    const edges = measured.get(page);
    return edges !== undefined && movedEdges(edges, block);
  });
  const geometryChanged = isGeometryChange(moved.length, [...measured.values()].filter(Boolean).length);
  const realBlock = geometryChanged ? spanOf(moved.map((page) => measured.get(page)!), block.tolerance) : undefined;
  const outsideByPage = new Map<PdfPage, PdfTextItem[]>();
  for (const page of pages) {
    // Under a changed geometry only text outside the block the pages really have is a cause of its own.
    const outside = outsideItems(page, block).filter((item) => !realBlock || !isInside(item, realBlock));
    if (outside.length > 0) outsideByPage.set(page, outside);
  }

  if (geometryChanged) {
    const first = moved[0]!;
    const edges = measured.get(first)!;
    drafts.push({
      page: first.number,
      bbox: boundingBox(outsideItems(first, block).length > 0 ? outsideItems(first, block) : first.items),
      message: `The body text on ${pagesPhrase(moved.map((page) => page.number))} sits at ${edges.left.toFixed(0)}-${edges.right.toFixed(0)} bp across the page (on page ${first.number}), not in the style's text block (${bounds}): the page geometry was changed. Remove geometry/\\newgeometry, \\textwidth or margin settings (and any edits to the style file), and keep the style's layout.`,
    });
  }

  const repeated = new Map<string, Array<{ page: PdfPage; item: PdfTextItem }>>();
  for (const [page, items] of outsideByPage) {
    for (const item of items) {
      const key = repeatedKey(item);
      const list = repeated.get(key) ?? [];
      if (list.at(-1)?.page !== page) list.push({ page, item });
      repeated.set(key, list);
    }
  }
  const explained = new Set<PdfTextItem>();
  const elements = [...repeated.values()].filter((uses) => uses.length >= 2);
  // A header of several items (text and page number) is one element: group by the pages it spans.
  const byPages = new Map<string, Array<Array<{ page: PdfPage; item: PdfTextItem }>>>();
  for (const uses of elements) {
    const key = uses.map(({ page }) => page.number).join(',');
    byPages.set(key, [...(byPages.get(key) ?? []), uses]);
  }
  for (const group of byPages.values()) {
    const uses = group[0]!;
    const pages = uses.map(({ page }) => page.number);
    const firstItems = group.map((element) => element[0]!.item);
    for (const element of group) for (const { item } of element) explained.add(item);
    drafts.push({
      page: pages[0],
      bbox: boundingBox(firstItems),
      message: `"${sample(firstItems)}" is printed outside the text block (${bounds}) on ${pagesPhrase(pages)}, as a running header or footer would be. Remove it (fancyhdr, \\pagestyle or edits to the style): the style sets the headers and footers.`,
    });
  }

  for (const [page, items] of outsideByPage) {
    const rest = items.filter((item) => !explained.has(item));
    if (rest.length === 0) continue;
    drafts.push({
      page: page.number,
      bbox: boundingBox(rest),
      message: `${rest.length} piece${rest.length > 1 ? 's' : ''} of text on page ${page.number} ${rest.length > 1 ? 'lie' : 'lies'} outside the text block (${bounds}), e.g. "${sample(rest)}". Fix overfull lines, wide figures/tables or manual positioning so everything stays inside the margins.`,
    });
  }
  return drafts;
};
