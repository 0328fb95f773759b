import { MAX_ERRORS_PER_FILE, tooManyErrorsMessage } from '../limits';

/**
 * Counts the located errors of one file and says which to keep: the first `MAX_ERRORS_PER_FILE`. The rest
 * are only counted, and `summary()` is the one error, at the first left out, that says how many there were.
 * Readers ask before they build an error, so a file of millions of broken lines holds a thousand errors.
 */
export class ErrorCap {
  private kept = 0;
  private dropped = 0;
  private firstDropped: { line: number; column: number } | undefined;

  constructor(private readonly max: number = MAX_ERRORS_PER_FILE) {}

  /** Whether the error at `line`:`column` is kept; if it is not, it is counted. */
  admit(line: number, column: number): boolean {
    if (this.kept < this.max) {
      this.kept++;
      return true;
    }
    if (this.dropped++ === 0) this.firstDropped = { line, column };
    return false;
  }

  summary(): { line: number; column: number; message: string } | undefined {
    return this.firstDropped && { ...this.firstDropped, message: tooManyErrorsMessage(this.max, this.dropped) };
  }
}
