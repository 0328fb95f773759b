import { LineCounter } from './lineCounter';
import type { ScanError } from './scanner';

/** A stray U+FFFD is data (Zotero exports carry them in file paths); this many mean the file is not UTF-8. */
const REPLACEMENTS_MEANING_NOT_UTF8 = 8;

/**
 * Binary or mis-encoded files otherwise yield baffling syntax errors; this finds what is really wrong, to
 * say it first. Takes a file's text whole or piece by piece, in order, so files read as bytes need not
 * ever hold their whole text.
 */
export class EncodingCheck {
  private nul: ScanError | undefined;
  private firstReplacement: ScanError | undefined;
  private replacements = 0;

  /** Adds the next piece of the file's text, whose first line is the file's line `firstLine`. */
  add(text: string, firstLine: number): void {
    const lines = new LineCounter(text, firstLine);
    const nul = this.nul ? -1 : text.indexOf('\u0000');
    if (nul >= 0) this.nul = { ...lines.locate(nul), message: 'the file contains NUL bytes: it is probably UTF-16 without a byte-order mark (save it as UTF-8) or not a text file' };
    const first = text.indexOf('\uFFFD');
    if (first >= 0 && !this.firstReplacement) {
      this.firstReplacement = {
        ...lines.locate(first),
        message: 'the file contains many bytes that are not valid UTF-8 (shown as \uFFFD): save it as UTF-8',
      };
    }
    for (let p = first; p >= 0 && this.replacements < REPLACEMENTS_MEANING_NOT_UTF8; p = text.indexOf('\uFFFD', p + 1)) this.replacements++;
  }

  problems(): ScanError[] {
    const problems: ScanError[] = [];
    if (this.nul) problems.push(this.nul);
    if (this.firstReplacement && this.replacements >= REPLACEMENTS_MEANING_NOT_UTF8) problems.push(this.firstReplacement);
    return problems;
  }
}
