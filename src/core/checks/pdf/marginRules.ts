import type { FindingDraft } from '../finding';
import { numberParam, type RulesPack } from '../rulesPack';
import { boundingBox, isLineNumber, pageList, textBlockOf, textLines, type TextBlock, type TextLine } from './layout';
import type { PdfPage, PdfTextItem } from './pdfDocument';
import type { PdfRule } from './pdfRule';

/** Below the text block the style prints only the page number and, on page 1, the venue footer. */
const FOOTER_BAND_BOTTOM = 30;
/** The style's page number sits about 30 bp below the last baseline; a subscript on the last line is much closer. */
const PAGE_NUMBER_GAP = 10;
const PAGE_NUMBER = /^[0-9ivxlc]{1,4}$/i;

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
/** How many body lines must share an edge before it counts as the page's measured edge. */
const MIN_AGREEING_LINES = 3;
/** An edge this far from the style's is a different page geometry, not an overfull line. */
const GEOMETRY_SLACK = 4;

/** A centred number well below the page's lowest text (and below the block): the page number, wherever a geometry put it. */
function isPageNumber(item: PdfTextItem, page: PdfPage, floor: number): boolean {
  const center = item.x + item.width / 2;
  return PAGE_NUMBER.test(item.text.trim()) && item.y < floor - PAGE_NUMBER_GAP && Math.abs(center - page.width / 2) < 30;
}

/** The lowest baseline of the page's text other than lone numbers, or the block's bottom if text reaches no lower. */
function textFloor(page: PdfPage, block: TextBlock): number {
  return Math.min(block.bottom, ...page.items.filter((item) => !PAGE_NUMBER.test(item.text.trim())).map((item) => item.y));
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
  const floor = textFloor(page, block);
  const candidates = page.items.filter((item) => !isLineNumber(item, block) && !isPageNumber(item, page, floor) && !isFooter(item, page, block));
  const inside = candidates.filter((item) => isInside(item, block));
  return candidates.filter((item) => !isInside(item, block) && !isProtrusion(item, block) && !isScriptOfInsideLine(item, inside, block));
}

/**
 * The outermost edge that at least MIN_AGREEING_LINES lines share (within 1.5 bp): the smallest for the left
 * edge, the largest for the right. Not the most common: a page of indented list items still has its block's
 * left edge, just on fewer lines.
 */
function sharedEdge(values: readonly number[], outermost: 'min' | 'max'): number | undefined {
  const sorted = [...values].sort((a, b) => (outermost === 'min' ? a - b : b - a));
  for (const value of sorted) {
    if (values.filter((other) => Math.abs(other - value) <= 1.5).length >= MIN_AGREEING_LINES) return value;
  }
  return undefined;
}

/** Where a page's body text really sits: its side edges when enough full lines agree on both, its first and last body baselines. */
interface MeasuredBlock {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A line's text and height with digits blanked: the same key on several pages is a running header or footer. */
function lineKey(line: TextLine): string {
  return `${line.text.replace(/\d+/g, '#')}@${Math.round(line.y / 2)}`;
}

/** Lines that recur at the same height on two or more pages. */
function repeatedLineKeys(pages: readonly PdfPage[], block: TextBlock): Set<string> {
  const pagesByKey = new Map<string, number>();
  for (const page of pages) for (const key of new Set(textLines(page, block).map(lineKey))) pagesByKey.set(key, (pagesByKey.get(key) ?? 0) + 1);
  return new Set([...pagesByKey].filter(([, count]) => count >= 2).map(([key]) => key));
}

function measureBlock(page: PdfPage, block: TextBlock, repeated: ReadonlySet<string>): MeasuredBlock | undefined {
  const lines = textLines(page, block).filter((line) => line.text.length >= BODY_LINE_MIN_CHARS && !repeated.has(lineKey(line)));
  const left = sharedEdge(lines.map((line) => line.items[0]!.x), 'min');
  const right = sharedEdge(lines.map((line) => Math.max(...line.items.map((item) => item.x + item.width))), 'max');
  if (left === undefined || right === undefined) return undefined;
  const baselines = lines.map((line) => line.y);
  return { left, right, top: Math.max(...baselines), bottom: Math.min(...baselines) };
}

/** The sides moved, or full lines of text run above or below the block (a taller text block). */
function movedEdges(measured: MeasuredBlock, block: TextBlock): boolean {
  return (
    Math.abs(measured.left - block.left) > GEOMETRY_SLACK ||
    Math.abs(measured.right - block.right) > GEOMETRY_SLACK ||
    measured.top > block.top + GEOMETRY_SLACK ||
    measured.bottom < block.bottom - GEOMETRY_SLACK
  );
}

/**
 * A changed page geometry moves the body on most pages (on every page, or every other one); a wide table
 * or an indented abstract moves it on one. The pages whose measured block moved count as one geometry
 * cause when they are at least two and at least half of the pages that could be measured.
 */
function isGeometryChange(moved: number, measured: number): boolean {
  return moved >= 2 && moved * 2 >= measured;
}

/**
 * The block a changed geometry really gives, widened to what every moved page measured (odd and even
 * pages may differ), with the measuring slack on top of the tolerance: its edges are estimates.
 */
function realBlockOf(blocks: readonly MeasuredBlock[], block: TextBlock): TextBlock {
  return {
    left: Math.min(...blocks.map((measured) => measured.left)),
    right: Math.max(...blocks.map((measured) => measured.right)),
    top: Math.max(block.top, ...blocks.map((measured) => measured.top)),
    bottom: Math.min(block.bottom, ...blocks.map((measured) => measured.bottom)),
    tolerance: block.tolerance + GEOMETRY_SLACK,
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
  const repeatedLines = repeatedLineKeys(pages, block);
  const measured = new Map(pages.map((page) => [page, measureBlock(page, block, repeatedLines)] as const));
  const moved = pages.filter((page) => {
    const edges = measured.get(page);
    return edges !== undefined && movedEdges(edges, block);
  });
  const geometryChanged = isGeometryChange(moved.length, [...measured.values()].filter(Boolean).length);
  // Under a changed geometry only text outside the block the pages really have is a cause of its own.
  const residualBlock = geometryChanged ? realBlockOf(moved.map((page) => measured.get(page)!), block) : block;
  const outsideByPage = new Map<PdfPage, PdfTextItem[]>();
  for (const page of pages) {
    const outside = outsideItems(page, residualBlock);
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

  const which = geometryChanged
    ? `even the block of the changed geometry (${[residualBlock.left, residualBlock.right].map((edge) => edge.toFixed(0)).join('-')} x ${[residualBlock.bottom, residualBlock.top].map((edge) => edge.toFixed(0)).join('-')} bp)`
    : `the text block (${bounds})`;
  for (const [page, items] of outsideByPage) {
    const rest = items.filter((item) => !explained.has(item));
    if (rest.length === 0) continue;
    drafts.push({
      page: page.number,
      bbox: boundingBox(rest),
      message: `${rest.length} piece${rest.length > 1 ? 's' : ''} of text on page ${page.number} ${rest.length > 1 ? 'lie' : 'lies'} outside ${which}, e.g. "${sample(rest)}". Fix overfull lines, wide figures/tables or manual positioning so everything stays inside the margins.`,
    });
  }
  return drafts;
};
