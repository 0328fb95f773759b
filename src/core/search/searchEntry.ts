import { BibtexReference } from '../library/bibtex/bibtexReference';
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
 * A reference's searchable text, folded once at build time into one string (the haystack), so that a
 * query costs one indexOf per term for most entries. The offsets just past each segment are written into
 * `segmentEnds` at `base` (base + Segment): one typed array for a whole file instead of one per entry,
 * which cost about 200 bytes per entry.
 */
export function searchHaystack(reference: Reference, segmentEnds: Int32Array, base: number): string {
  // A BibTeX entry decodes its display fields on first read and keeps them; the index reads a few of every
  // entry once, and keeping them would hold ~0.6 KB per entry (50 MB at 90k) for the handful an editor shows.
  const shown = reference instanceof BibtexReference ? reference.displayFieldsOnce() : reference;
  const segments: string[] = new Array(SEGMENT_COUNT);
  const authors = shown.authors;
  segments[Segment.Key] = foldText(reference.key);
  segments[Segment.Family] = foldText(authors.map((person) => person.family).join(' '));
  segments[Segment.Title] = foldText(shown.title ?? '');
  segments[Segment.Year] = shown.year ?? '';
  segments[Segment.Venue] = foldText(shown.venue ?? '');
  segments[Segment.Keywords] = foldText(shown.keywords.join(', '));
  segments[Segment.Given] = foldText(authors.map((person) => person.given ?? '').join(' '));

  let offset = 0;
  for (let segment = 0; segment < SEGMENT_COUNT; segment++) {
    offset += segments[segment]!.length;
    segmentEnds[base + segment] = offset;
    offset += SEPARATOR.length;
  }
  return segments.join(SEPARATOR);
}
