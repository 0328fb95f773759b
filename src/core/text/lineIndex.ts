/** A 1-based line and column, as editors show them. Columns count UTF-16 code units. */
export interface LineColumn {
  line: number;
  column: number;
}

/**
 * Maps character offsets in one text to 1-based line/column. Built once per file so that
 * readers locating thousands of entries pay a binary search per lookup, not a rescan.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): LineColumn {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  /** The offset of a 1-based line and column, the inverse of `position`. */
  offset(position: LineColumn): number {
    const lineStart = this.lineStarts[Math.min(Math.max(position.line, 1), this.lineStarts.length) - 1]!;
    return lineStart + position.column - 1;
  }
}
