/**
 * Turns string offsets into 1-based line/column pairs. The scanner asks for offsets in (almost) increasing
 * order, so the counter walks from the last answer instead of building a table of every line start:
 * that keeps the whole file at one extra native `indexOf` pass and no per-line allocation.
 */
export class LineCounter {
  private offset = 0;
  private line: number;
  private lineStart = 0;

  /** `firstLine`: the line number of the text's first line, when the text is a piece of a file. */
  constructor(private readonly text: string, firstLine = 1) {
    this.line = firstLine;
  }

  locate(target: number): { line: number; column: number } {
    const text = this.text;
    if (target >= this.offset) {
      let nl = text.indexOf('\n', this.offset);
      while (nl >= 0 && nl < target) {
        this.line++;
        this.lineStart = nl + 1;
        nl = text.indexOf('\n', nl + 1);
      }
    } else {
      // Errors are sometimes located at an opening brace seen before the point where the scanner noticed them.
      while (this.lineStart > target) {
        this.line--;
        this.lineStart = this.lineStart === 1 ? 0 : text.lastIndexOf('\n', this.lineStart - 2) + 1;
      }
    }
    this.offset = target;
    return { line: this.line, column: target - this.lineStart + 1 };
  }
}
