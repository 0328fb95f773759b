import type { Reference } from '../library/reference';
import { foldText } from '../text/fold';

/** The parts of a reference a query can match, in the order they are laid out in the haystack. */
export enum Segment {
  Key,
  Family,
  Title,
  Year,
  Venue,
  Keywords,
  Given,
}
export const SEGMENT_COUNT = 7;
/** Marks, next to the Segment bits of a word, that the word begins the key: the key starts with its prefixes. */
export const KEY_START_BIT = 1 << SEGMENT_COUNT;

/** Separates segments; folding never produces it, so a query term can never match across two. */
const SEPARATOR = '\u0001';

/**
 * A reference prepared for searching: all searchable text folded once, at build time, into one
 * string, so that a query costs one indexOf per term for most entries.
 */
export interface SearchEntry {
  readonly reference: Reference;
  readonly haystack: string;
  /** Offset just past each segment, indexed by Segment. */
  readonly segmentEnds: Int32Array;
}

export function buildSearchEntry(reference: Reference): SearchEntry {
  const segments: string[] = new Array(SEGMENT_COUNT);
  segments[Segment.Key] = foldText(reference.key);
  segments[Segment.Family] = foldText(reference.authors.map((person) => person.family).join(' '));
  segments[Segment.Title] = foldText(reference.title ?? '');
  segments[Segment.Year] = reference.year ?? '';
  segments[Segment.Venue] = foldText(reference.venue ?? '');
  segments[Segment.Keywords] = foldText(reference.keywords.join(', '));
  segments[Segment.Given] = foldText(reference.authors.map((person) => person.given ?? '').join(' '));

  const segmentEnds = new Int32Array(SEGMENT_COUNT);
  let offset = 0;
  for (let segment = 0; segment < SEGMENT_COUNT; segment++) {
    offset += segments[segment]!.length;
    segmentEnds[segment] = offset;
    offset += SEPARATOR.length;
  }
  return { reference, haystack: segments.join(SEPARATOR), segmentEnds };
}
