import type { FindingDraft } from '../finding';
import { numberParam } from '../rulesPack';
import { boundingBox, pageList, textBlockOf, textLines, type TextBlock } from './layout';
import type { PdfModel } from './pdfDocument';
import type { PdfRule } from './pdfRule';

/** P13: every page must be US Letter; A4 is the usual mistake. */
export const checkPageSize: PdfRule = ({ ruleId, pack, pdf }) => {
  const width = numberParam(pack, ruleId, 'width', 612);
  const height = numberParam(pack, ruleId, 'height', 792);
  const tolerance = numberParam(pack, ruleId, 'tolerance', 1);
  const wrong = pdf.pages.filter((page) => Math.abs(page.width - width) > tolerance || Math.abs(page.height - height) > tolerance);
  if (wrong.length === 0) return [];
  const first = wrong[0]!;
  const size = `${first.width.toFixed(0)}x${first.height.toFixed(0)} bp${isA4(first.width, first.height) ? ' (A4)' : ''}`;
  const sameSize = wrong.every((page) => Math.abs(page.width - first.width) <= tolerance && Math.abs(page.height - first.height) <= tolerance);
  const subject =
    wrong.length === pdf.pages.length && pdf.pages.length > 1
      ? 'Every page is'
      : wrong.length === 1
        ? `Page ${first.number} is`
        : `Pages ${pageList(wrong.map((page) => page.number))} are`;
  return [
    {
      page: first.number,
      message: `${subject} ${sameSize ? '' : 'not all the same size, e.g. '}${size}, not US Letter (${width}x${height} bp). Remove a4paper, geometry paper sizes and \\pdfpagewidth/\\pdfpageheight changes, scale included PDF pages to US Letter, and rebuild.`,
    },
  ];
};

function isA4(width: number, height: number): boolean {
  return Math.abs(width - 595.3) < 2 && Math.abs(height - 841.9) < 2;
}

/** A heading that ends the main text: References, Bibliography or Acknowledgments, possibly numbered. */
const END_OF_MAIN_TEXT = /^(?:\d+(?:\.\d+)*\.?\s+)?(?:References|Bibliography|Acknowledg(?:e)?ments?\b)/i;
/** Headings are short; a long line starting with "References" is running text. */
const MAX_HEADING_LENGTH = 60;

/**
 * The first numbered section's heading ("1 Introduction", "Chapter 1"): front matter before it (abstract,
 * acknowledgements, contents, a dedication) does not end the main text. A contents line ends in a page
 * number ("1 Introduction 8"), a heading does not.
 */
const FIRST_SECTION = /^(?:1\.?\s+\p{Lu}\S*(?:\s+\S+){0,8}|Chapter\s+1)$/u;

export interface MainTextEnd {
  /** The page with the first References/Acknowledgments heading after the first numbered section, if any. */
  markerPage?: number;
  /** Pages that count towards the limit. */
  mainPages: number;
}

/**
 * Where the main text ends, as aclpubcheck measures it: at the first line that starts with
 * References/Acknowledg... after the first numbered section; markers before it are front matter. When no
 * marker follows that heading (it was a formula's "1 W" in an appendix), the first marker counts. The
 * marker's page counts unless the marker is its first line.
 */
export function findMainTextEnd(pdf: PdfModel, block: TextBlock): MainTextEnd {
  const isHeading = (text: string) => text.length <= MAX_HEADING_LENGTH;
  const isFirstSection = (text: string) => isHeading(text) && FIRST_SECTION.test(text) && (text.startsWith('Chapter') || !/\d$/.test(text));
  const markers: Array<{ page: number; index: number; after: boolean }> = [];
  let sectionSeen = false;
  for (const page of pdf.pages) {
    const lines = textLines(page, block).filter((line) => line.y >= block.bottom - block.tolerance);
    lines.forEach((line, index) => {
      if (!sectionSeen && isFirstSection(line.text)) sectionSeen = true;
      else if (isHeading(line.text) && END_OF_MAIN_TEXT.test(line.text)) markers.push({ page: page.number, index, after: sectionSeen });
    });
  }
  const marker = markers.find((candidate) => candidate.after) ?? markers[0];
  if (!marker) return { mainPages: pdf.pages.length };
  return { markerPage: marker.page, mainPages: marker.index === 0 ? marker.page - 1 : marker.page };
}

/** P14: main text at most `maxPages` pages (warning below `minPages`). */
export const checkPageLimit: PdfRule = ({ ruleId, pack, pdf }) => {
  const maxPages = numberParam(pack, ruleId, 'maxPages', 6);
  const minPages = numberParam(pack, ruleId, 'minPages', 0);
  const block = textBlockOf(pack);
  const end = findMainTextEnd(pdf, block);
  const drafts: FindingDraft[] = [];
  const measuredBy =
    end.markerPage === undefined
      ? 'no References or Acknowledgments heading was found, so every page counts'
      : `the references/acknowledgments start on page ${end.markerPage}`;
  if (end.mainPages > maxPages) {
    const overflowPage = pdf.pages[maxPages];
    drafts.push({
      page: maxPages + 1,
      ...(overflowPage && overflowPage.items.length > 0 ? { bbox: boundingBox(overflowPage.items) } : {}),
      message: `The main text runs to ${end.mainPages} pages (${measuredBy}); the limit is ${maxPages}. Shorten it or move material to the appendix after the references.`,
    });
  } else if (end.mainPages < minPages) {
    drafts.push({
      page: Math.max(1, end.mainPages),
      severity: 'warning',
      message: `The main text is ${end.mainPages} page${end.mainPages === 1 ? '' : 's'} (${measuredBy}); the call asks for ${minPages} to ${maxPages} pages. Check that the paper is complete.`,
    });
  }
  return drafts;
};
