/** Pandoc's citation-key grammar and Quarto's cross-reference prefixes. */

/**
 * Quarto's documented cross-reference kinds (figures, tables, listings, callouts, theorem-like blocks,
 * equations, sections), plus `suppfig`/`supptbl`, the custom kinds Quarto's docs use as examples.
 * `@fig-1` is a cross-reference, never a citation.
 */
export const QUARTO_CROSSREF_PREFIXES: readonly string[] = [
  'fig', 'tbl', 'lst', 'tip', 'nte', 'wrn', 'imp', 'cau', 'thm', 'lem', 'cor', 'prp', 'cnj', 'def',
  'exm', 'exr', 'sol', 'rem', 'alg', 'eq', 'sec', 'suppfig', 'supptbl',
];

const CROSSREF = new RegExp(`^(?:${QUARTO_CROSSREF_PREFIXES.join('|')})-`);

export function isQuartoCrossref(key: string): boolean {
  return CROSSREF.test(key);
}

/** Punctuation Pandoc allows inside a key when a letter, digit or `_` follows it. */
const INTERNAL_PUNCTUATION = ':.#$%&-+?<>~/';

const WORD = /[\p{L}\p{N}_]/u;

/** A letter, digit (any script) or `_`: what keys start with, and what marks an e-mail before `@`. */
export function isWordChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  }
  return WORD.test(char);
}

/** Characters that can appear in a key being typed, trailing punctuation included (`@doe.` mid-typing). */
export function isPartialKeyChar(char: string | undefined): boolean {
  return char !== undefined && (isWordChar(char) || INTERNAL_PUNCTUATION.includes(char));
}

/**
 * End of the key starting at `from` (exclusive); `from` itself when no key starts there. Trailing
 * punctuation is left out, so `@fig-1.` ends before the period; a `:` or `/` before `/` is kept (URL-like `a://b`), as in Pandoc.
 */
export function pandocKeyEnd(text: string, from: number): number {
  if (!isWordChar(text[from])) return from;
  let position = from + 1;
  for (;;) {
    const char = text[position];
    if (isWordChar(char)) {
      position++;
    } else if (char !== undefined && INTERNAL_PUNCTUATION.includes(char) && isWordChar(text[position + 1])) {
      position += 2;
    } else if ((char === ':' || char === '/') && text[position + 1] === '/') {
      position++;
    } else {
      return position;
    }
  }
}

/**
 * End of a braced key `@{...}` whose `{` is at `open` (exclusive of the brace), or -1 if it is not closed on
 * its line. The braces let keys hold characters the plain grammar refuses.
 */
export function bracedKeyEnd(text: string, open: number): number {
  for (let position = open + 1; position < text.length; position++) {
    const char = text[position];
    if (char === '}') return position;
    if (char === '\n' || char === '{') return -1;
  }
  return -1;
}
