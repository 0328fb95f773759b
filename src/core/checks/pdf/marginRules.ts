import type { FindingDraft } from '../finding';
import { boundingBox, isLineNumber, textBlockOf, type TextBlock } from './layout';
import type { PdfPage, PdfTextItem } from './pdfDocument';
import type { PdfRule } from './pdfRule';

/** Below the text block the style prints only the page number and, on page 1, the venue footer. */
const FOOTER_BAND_BOTTOM = 30;

function isPageNumber(item: PdfTextItem, page: PdfPage, block: TextBlock): boolean {
  const center = item.x + item.width / 2;
  return /^[0-9ivxlc]{1,4}$/i.test(item.text.trim()) && item.y < block.bottom && Math.abs(center - page.width / 2) < 30;
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

function isOutside(item: PdfTextItem, block: TextBlock): boolean {
  const ascent = item.fontSize * 0.7;
  return (
    item.x < block.left - block.tolerance ||
    item.x + item.width > block.right + block.tolerance ||
    item.y < block.bottom - block.tolerance ||
    item.y + ascent > block.top + block.tolerance
  );
}

/**
 * P18: no text outside the 5.5in x 9in text block, except what the style itself puts there.
 * Only text is measured; images and vector drawings in the margin are not detected.
 */
export const checkMargins: PdfRule = ({ pack, pdf }) => {
  const block = textBlockOf(pack);
  const drafts: FindingDraft[] = [];
  for (const page of pdf.pages) {
    const outside = page.items.filter(
      (item) => isOutside(item, block) && !isLineNumber(item, block) && !isPageNumber(item, page, block) && !isFooter(item, page, block),
    );
    if (outside.length === 0) continue;
    const sample = outside[0]!.text.trim().slice(0, 40);
    drafts.push({
      page: page.number,
      bbox: boundingBox(outside),
      message: `${outside.length} piece${outside.length > 1 ? 's' : ''} of text on page ${page.number} ${outside.length > 1 ? 'lie' : 'lies'} outside the text block (${block.left}-${block.right} x ${block.bottom}-${block.top} bp), e.g. "${sample}". Fix overfull lines, wide figures/tables or manual positioning so everything stays inside the margins.`,
    });
  }
  return drafts;
};
