import { KEY_START_BIT as KEY_START, Segment, SEGMENT_COUNT as SEGMENTS } from './searchEntry';
import { isWordStart as wordStartImport } from './words';

// Under CommonJS (tsx, the unit tests, the benchmark) every use of an imported binding is a getter
// call; the loops below run per candidate, so they use module-local copies.
const KEY = Segment.Key;
const YEAR = Segment.Year;
const KEY_START_BIT = KEY_START;
const SEGMENT_COUNT = SEGMENTS;
const isWordStart = wordStartImport;

/*
 * How well one query term matches one entry. The best matching segment sets the base score, so
 * the tiers stay in the order users expect (key prefix > word inside the key > author family
 * name > exact year > title word > venue or keyword > given name); every further matching segment
 * adds a little, and a match far into a segment loses a little, never enough to drop a tier.
 */
// Indexed by Segment: key (at its start), family, title, year (whole), venue, keywords, given.
const SEGMENT_SCORE = [100, 50, 30, 40, 15, 15, 10];
const KEY_INNER_WORD_SCORE = 60;
const YEAR_PREFIX_SCORE = 15;
const EXTRA_SEGMENT_SCORE = 3;
const MAX_POSITION_PENALTY = 5;
const POSITION_PENALTY_PER_CHAR = 0.05;

/**
 * The most a term can score on an entry, knowing only which segments have a word starting with the
 * term's leading word (a superset of where the term itself matches), and whether the key's first
 * word does (KEY_START_BIT). It needs no access to the entry itself, so it is cheap enough for every
 * candidate; for a term that is one word it is at most a position penalty above the real score.
 */
export function termScoreBound(segments: number): number {
  let best = 0;
  let count = 0;
  for (let segment = 0; segment < SEGMENT_COUNT; segment++) {
    if ((segments & (1 << segment)) === 0) continue;
    count++;
    const score = segment === KEY && (segments & KEY_START_BIT) === 0 ? KEY_INNER_WORD_SCORE : SEGMENT_SCORE[segment]!;
    if (score > best) best = score;
  }
  return count === 0 ? 0 : best + EXTRA_SEGMENT_SCORE * (count - 1);
}

export interface TermMatch {
  score: number;
  /** Bit per Segment that the term matched; 0 when it matched nowhere. */
  segments: number;
}

const NO_MATCH: TermMatch = { score: 0, segments: 0 };

/**
 * Scores one folded term against an entry's haystack, counting only occurrences at the start of a word;
 * the entry's segment ends are `segmentEnds[base .. base + SEGMENT_COUNT)`.
 */
export function matchTerm(haystack: string, segmentEnds: Int32Array, base: number, term: string): TermMatch {
  let segments = 0;
  let best = 0;
  let segment = 0;
  let position = haystack.indexOf(term);
  while (position !== -1) {
    while (segmentEnds[base + segment]! < position) segment++;
    const segmentStart = segment === 0 ? 0 : segmentEnds[base + segment - 1]! + 1;
    if (!isWordStart(haystack, position, segmentStart, segment === KEY)) {
      position = haystack.indexOf(term, position + 1);
      continue;
    }
    const offset = position - segmentStart;
    const penalty = Math.min(MAX_POSITION_PENALTY, offset * POSITION_PENALTY_PER_CHAR);
    best = Math.max(best, segmentScore(segment, offset, position + term.length === segmentEnds[base + segment]) - penalty);
    segments |= 1 << segment;
    // The first word-start match is the best this segment can give; go on to the next segment.
    position = haystack.indexOf(term, segmentEnds[base + segment]! + 1);
  }
  if (segments === 0) return NO_MATCH;
  return { score: best + EXTRA_SEGMENT_SCORE * (bitCount(segments) - 1), segments };
}

function segmentScore(segment: Segment, offset: number, reachesSegmentEnd: boolean): number {
  if (segment === KEY && offset > 0) return KEY_INNER_WORD_SCORE;
  // A year is one word: `2023` matches it exactly, `202` only as a prefix.
  if (segment === YEAR && !reachesSegmentEnd) return YEAR_PREFIX_SCORE;
  return SEGMENT_SCORE[segment]!;
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}
