/** Why a PDF could not be read and what the user can do about it: the two halves of `calm/pdf-unreadable`. */
export class PdfReadError extends Error {
  override readonly name = 'PdfReadError';

  constructor(
    /** What went wrong, e.g. "reading it took longer than 180 s". */
    message: string,
    /** The next step for the user. */
    readonly advice: string,
  ) {
    super(message);
  }
}

/** Advice for a file pdf.js cannot parse at all. */
export const REBUILD_ADVICE = 'Rebuild it (pdflatex) and check that the file is complete, not truncated or password-protected.';

/** Advice when the PDF is readable in principle but past one of CALM Cite's bounds. */
export const TOO_BIG_ADVICE =
  'A paper PDF never comes near this: rebuild it, and if a figure is this big, export it again (e.g. rasterize a dense plot).';
