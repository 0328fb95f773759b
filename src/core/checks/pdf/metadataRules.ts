import type { FindingDraft } from '../finding';
import { numberParam } from '../rulesPack';
import { findEmails } from '../emails';
import { boundingBox, textBlockOf, textLines } from './layout';
import type { PdfRule } from './pdfRule';

/** P21: names in the PDF's /Author and e-mail addresses on page 1 identify the authors. */
export const checkPdfMetadata: PdfRule = ({ pack, pdf }) => {
  const drafts: FindingDraft[] = [];
  const author = pdf.author.trim();
  if (author !== '' && !/^anonymous\b/i.test(author)) {
    drafts.push({
      message: `The PDF metadata names the author ("${author}"). Clear it for the anonymous submission (hyperref: \\hypersetup{pdfauthor={}}; or your PDF tool's document properties).`,
    });
  }
  const firstPage = pdf.pages[0];
  if (!firstPage) return drafts;
  // pdf.js splits "{ada, charles}@example.org" into several items: search the page's lines, not the items.
  const found = textLines(firstPage, textBlockOf(pack)).flatMap((line) => findEmails(line.text).map((email) => ({ email, line })));
  if (found.length === 0) return drafts;
  const addresses = [...new Set(found.flatMap(({ email }) => email.addresses))];
  drafts.push({
    page: 1,
    bbox: boundingBox(found[0]!.line.items),
    message: `Page 1 shows the e-mail address${addresses.length > 1 ? 'es' : ''} ${addresses.join(', ')}, which identif${addresses.length > 1 ? 'y' : 'ies'} the authors. Remove ${addresses.length > 1 ? 'them' : 'it'} from the submission.`,
  });
  return drafts;
};

const BYTES_PER_MEGABYTE = 1024 * 1024;

/** P22: OpenReview's default upload cap; CaLM did not state its own, so this stays a warning. */
export const checkFileSize: PdfRule = ({ ruleId, pack, pdf }) => {
  const maxMegabytes = numberParam(pack, ruleId, 'maxMegabytes', 50);
  const megabytes = pdf.byteLength / BYTES_PER_MEGABYTE;
  if (megabytes <= maxMegabytes) return [];
  return [
    {
      message: `The PDF is ${megabytes.toFixed(1)} MB; OpenReview rejects uploads over ${maxMegabytes} MB by default (the workshop's own limit is unconfirmed). Compress large figures (e.g. rasterize dense plots) to get under it.`,
    },
  ];
};
