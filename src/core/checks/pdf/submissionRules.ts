import type { FindingDraft } from '../finding';
import { numberParam, stringParam } from '../rulesPack';
import { boundingBox, isLineNumber, textBlockOf, textLines } from './layout';
import type { PdfPage } from './pdfDocument';
import type { PdfRule } from './pdfRule';

function compact(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

function pageText(page: PdfPage): string {
  return page.items.map((item) => item.text).join(' ');
}

/** P19: the submission PDF shows "Anonymous Author(s)", the venue's submission footer and line numbers on page 1. */
export const checkSubmissionMarkers: PdfRule = ({ ruleId, pack, pdf }) => {
  const firstPage = pdf.pages[0];
  if (!firstPage) return [];
  const anonymousAuthor = stringParam(pack, ruleId, 'anonymousAuthor', 'Anonymous Author(s)');
  const footer = stringParam(pack, ruleId, 'footer', '');
  const minLineNumbers = numberParam(pack, ruleId, 'minLineNumbers', 10);
  const block = textBlockOf(pack);
  const text = compact(pageText(firstPage));
  const missing: string[] = [];
  if (!text.includes(compact(anonymousAuthor))) missing.push(`"${anonymousAuthor}" as the author block`);
  if (footer !== '' && !text.includes(compact(footer))) missing.push(`the footer "${footer}"`);
  const lineNumbers = firstPage.items.filter((item) => isLineNumber(item, block)).length;
  if (lineNumbers < minLineNumbers) missing.push(`line numbers in the left margin (${lineNumbers} found)`);
  if (missing.length === 0) return [];
  return [
    {
      page: 1,
      message: `Page 1 is not the anonymous submission version of this venue: it lacks ${listOf(missing)}. Build the submission without [final]/[preprint] and with the venue style.`,
    },
  ];
};

function listOf(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The submission footer contains the camera-ready one after "Submitted to"; only a footer without it counts. */
function hasCameraReadyFooter(text: string, footer: string): boolean {
  for (let at = text.indexOf(footer); at !== -1; at = text.indexOf(footer, at + 1)) {
    if (!text.slice(0, at).endsWith('submittedto')) return true;
  }
  return false;
}

/** The camera-ready PDF: the workshop's camera-ready footer, no "Anonymous Author(s)", no line numbers. */
export const checkCameraReadyMarkers: PdfRule = ({ ruleId, pack, pdf }) => {
  const firstPage = pdf.pages[0];
  if (!firstPage) return [];
  const anonymousAuthor = stringParam(pack, ruleId, 'anonymousAuthor', 'Anonymous Author(s)');
  const footer = stringParam(pack, ruleId, 'footer', '');
  const maxLineNumbers = numberParam(pack, ruleId, 'maxLineNumbers', 2);
  const text = compact(pageText(firstPage));
  const problems: string[] = [];
  if (text.includes(compact(anonymousAuthor))) problems.push(`it shows "${anonymousAuthor}" instead of the authors`);
  if (footer !== '' && !hasCameraReadyFooter(text, compact(footer))) problems.push(`it lacks the footer "${footer}"`);
  const lineNumbers = firstPage.items.filter((item) => isLineNumber(item, textBlockOf(pack))).length;
  if (lineNumbers > maxLineNumbers) problems.push(`it has line numbers (${lineNumbers})`);
  if (problems.length === 0) return [];
  return [
    {
      page: 1,
      message: `Page 1 is not the camera-ready version of this venue: ${listOf(problems)}. Build it with the [final] option of the venue style.`,
    },
  ];
};

const ACK_HEADING = /^Acknowledg(?:e)?ments?(?:\s+and\s+Disclosure\s+of\s+Funding)?$/i;

/** P20: the ack environment hides acknowledgments in the submission; a visible heading means they leaked. */
export const checkNoAckInSubmission: PdfRule = ({ pack, pdf }) => {
  const block = textBlockOf(pack);
  const drafts: FindingDraft[] = [];
  for (const page of pdf.pages) {
    for (const line of textLines(page, block)) {
      if (!ACK_HEADING.test(line.text.replace(/^\d+(?:\.\d+)*\.?\s+/, ''))) continue;
      drafts.push({
        page: page.number,
        bbox: boundingBox(line.items),
        message: `"${line.text}" on page ${page.number}: acknowledgments must not appear in the anonymous submission. Put them in \\begin{ack} ... \\end{ack} (hidden until [final]) or remove them.`,
      });
    }
  }
  return drafts;
};
