import { KEY_START_BIT, Segment, SEGMENT_COUNT } from './searchEntry';

/*
 * Terms match at the start of a word. Words are runs of letters and digits (any non-ASCII
 * character counts as a letter); in keys a switch between letters and digits also starts a word,
 * so `causal` and `2023` both find `kiciman2023causal`.
 */

function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code > 0x7f;
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isWordStart(haystack: string, position: number, segmentStart: number, inKey: boolean): boolean {
  if (position === segmentStart) return true;
  const previous = haystack.charCodeAt(position - 1);
  if (!isWordCode(previous)) return true;
  return inKey && isDigitCode(previous) !== isDigitCode(haystack.charCodeAt(position));
}

/**
 * The part of a term that a word index can look up: its first word, cut at a letter/digit switch
 * as in keys (a prefix of the word in any segment). Empty when the term starts with punctuation.
 */
export function leadingWord(term: string): string {
  let end = 0;
  while (end < term.length && isWordCode(term.charCodeAt(end))) {
    if (end > 0 && isDigitCode(term.charCodeAt(end)) !== isDigitCode(term.charCodeAt(end - 1))) break;
    end++;
  }
  return term.slice(0, end);
}

/**
 * Calls `visit` for every word an entry can be found by, with its Segment bit, plus KEY_START_BIT
 * for the key's first word. A word that occurs twice is visited twice. The entry's segment ends are
 * `segmentEnds[base .. base + SEGMENT_COUNT)`.
 */
export function forEachWord(haystack: string, segmentEnds: Int32Array, base: number, visit: (word: string, bits: number) => void): void {
  let segmentStart = 0;
  for (let segment = 0; segment < SEGMENT_COUNT; segment++) {
    const end = segmentEnds[base + segment]!;
    const splitsAtDigits = segment === Segment.Key;
    let position = segmentStart;
    while (position < end) {
      while (position < end && !isWordCode(haystack.charCodeAt(position))) position++;
      if (position === end) break;
      const wordStart = position++;
      while (position < end) {
        const code = haystack.charCodeAt(position);
        if (!isWordCode(code)) break;
        if (splitsAtDigits && isDigitCode(code) !== isDigitCode(haystack.charCodeAt(position - 1))) break;
        position++;
      }
      visit(haystack.slice(wordStart, position), (1 << segment) | (wordStart === 0 ? KEY_START_BIT : 0));
    }
    segmentStart = end + 1;
  }
}
