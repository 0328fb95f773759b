import type { FindingDraft } from '../finding';
import { numberParam } from '../rulesPack';
import { boundingBox } from './layout';
import type { PdfRule } from './pdfRule';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/** P21: names in the PDF's /Author and e-mail addresses on page 1 identify the authors. */
export const checkPdfMetadata: PdfRule = ({ pdf }) => {
  const drafts: FindingDraft[] = [];
  if (pdf.author.trim() !== '') {
    drafts.push({
      message: `The PDF metadata names the author ("${pdf.author.trim()}"). Clear it for the anonymous submission (hyperref: \\hypersetup{pdfauthor={}}; or your PDF tool's document properties).`,
    });
  }
  for (const item of pdf.pages[0]?.items ?? []) {
    const email = EMAIL.exec(item.text);
    if (!email) continue;
    drafts.push({
      page: 1,
      bbox: boundingBox([item]),
      message: `Page 1 shows the e-mail address ${email[0]}, which identifies an author. Remove it from the submission.`,
    });
  }
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
