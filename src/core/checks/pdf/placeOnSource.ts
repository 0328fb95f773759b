import * as path from 'node:path';
import type { Finding } from '../finding';
import { PDF_READ_LIMITS } from '../../limits';
import type { PdfModel } from './pdfDocument';
import { sourceLines } from './synctex';

export type ReadBytes = (filePath: string) => Promise<Uint8Array | undefined>;

/** The SyncTeX file latexmk, LaTeX Workshop and `pdflatex -synctex=1` leave beside the PDF. */
async function readSynctex(pdfPath: string, readBytes: ReadBytes): Promise<Uint8Array | undefined> {
  const base = pdfPath.replace(/\.pdf$/i, '');
  if (base === pdfPath) return undefined;
  for (const candidate of [`${base}.synctex.gz`, `${base}.synctex`]) {
    try {
      const bytes = await readBytes(candidate);
      if (bytes !== undefined) return bytes;
    } catch {
      // An unreadable SyncTeX file is as good as none.
    }
  }
  return undefined;
}

/**
 * Moves PDF findings that have a box onto the .tex line that produced it, using the SyncTeX file beside
 * the PDF; the finding keeps its page and box and names the PDF in `pdf`. Without a SyncTeX file each
 * such finding says how to get one. Findings SyncTeX cannot place (text from a style, a figure, the
 * bibliography) stay on the PDF.
 */
export async function placeOnSource(
  findings: readonly Finding[],
  pdf: PdfModel,
  pdfPath: string,
  sourceRoot: string,
  readBytes: ReadBytes,
  maxSynctexBytes = PDF_READ_LIMITS.maxSynctexBytes,
): Promise<Finding[]> {
  const placeable = findings.filter((finding) => finding.file === pdfPath && finding.page !== undefined && finding.bbox !== undefined);
  if (placeable.length === 0) return [...findings];
  const synctex = await readSynctex(pdfPath, readBytes);
  if (!synctex) {
    const hint = ` (Build with SyncTeX, as latexmk and LaTeX Workshop do, or pdflatex -synctex=1, and CALM Cite shows the .tex line; no ${path.basename(pdfPath, path.extname(pdfPath))}.synctex.gz is beside the PDF.)`;
    return findings.map((finding) => (placeable.includes(finding) ? { ...finding, message: finding.message + hint } : finding));
  }
  const heights = new Map(pdf.pages.map((page) => [page.number, page.height]));
  const lines = await sourceLines(
    synctex,
    placeable.map((finding) => ({ page: finding.page!, pageHeight: heights.get(finding.page!) ?? 792, bbox: finding.bbox! })),
    { sourceRoot, maxInflatedBytes: maxSynctexBytes },
  );
  return findings.map((finding) => {
    const index = placeable.indexOf(finding);
    const line = index === -1 ? undefined : lines[index];
    return line ? { ...finding, file: line.file, line: line.line, pdf: pdfPath } : finding;
  });
}
