/**
 * Caches `text.indexOf(char, from)`: between entries and inside values the next brace or `@` is usually
 * far ahead, so one native search answers many questions. Returns `text.length` when there is none.
 */
export class NextChar {
  private searchedFrom = 0;
  private found = -1;

  constructor(private readonly text: string, private readonly char: string) {}

  from(p: number): number {
    if (p > this.found || p < this.searchedFrom) {
      const i = this.text.indexOf(this.char, p);
      this.found = i < 0 ? this.text.length : i;
      this.searchedFrom = p;
    }
    return this.found;
  }
}
