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
  const rebuild = 'Build the submission without [final]/[preprint] and with the venue style.';
  const drafts: FindingDraft[] = [];
  if (!text.includes(compact(anonymousAuthor))) {
    drafts.push({
      page: 1,
      message: `Page 1 does not show "${anonymousAuthor}", so the author block is not anonymized. ${rebuild}`,
    });
  }
  if (footer !== '' && !text.includes(compact(footer))) {
    drafts.push({
      page: 1,
      message: `Page 1 lacks the submission footer "${footer}"; the PDF was built with another style or option. ${rebuild}`,
    });
  }
  const lineNumbers = firstPage.items.filter((item) => isLineNumber(item, block)).length;
  if (lineNumbers < minLineNumbers) {
    drafts.push({
      page: 1,
      message: `Page 1 has ${lineNumbers} line numbers in the left margin; the submission version numbers every line. ${rebuild}`,
    });
  }
  return drafts;
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
