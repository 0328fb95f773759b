import type { Reference } from '../library/reference';
import { foldText } from '../text/fold';
import { FileIndex } from './fileIndex';
import { matchTerm as matchTermImport, termScoreBound as termScoreBoundImport } from './scoring';
import { Segment, SEGMENT_COUNT } from './searchEntry';
import { TopK } from './topK';
import { leadingWord } from './words';

export type SearchField = 'key' | 'author' | 'title' | 'year' | 'venue' | 'keywords';

export interface SearchHit {
  reference: Reference;
  score: number;
  matchedFields: SearchField[];
}

export interface SearchOptions {
  /** Most hits to return; 100 unless given. */
  limit?: number;
  /** Keys the current document already cites; they rank above otherwise equal matches. */
  citedKeys?: ReadonlySet<string>;
}

// Module-local copies of the functions called per candidate: under CommonJS (tsx, the unit tests,
// the benchmark) each call through an imported binding goes through a getter.
const matchTerm = matchTermImport;
const termScoreBound = termScoreBoundImport;

const DEFAULT_LIMIT = 100;
/** Worth about one strong field match: a cited key wins among similar matches, not over a clearly better one. */
const CITED_BOOST = 40;

const FIELD_OF_SEGMENT: readonly SearchField[] = ['key', 'author', 'title', 'year', 'venue', 'keywords', 'author'];

type Candidate = { reference: Reference; segments: number; score: number };

/**
 * Finds references by multi-term AND queries over key, authors, title, year, venue and keywords,
 * ignoring case and accents; each term matches the start of a word. Each term's leading word is
 * looked up by prefix in the per-file word indexes, which also tell in which fields it occurs; the
 * entries of the rarest term are the candidates, and a candidate is scored exactly (on its folded
 * text) only when that field information says it could still enter the bounded top-k. So short
 * prefixes that match most of a large library (`c`) stay fast, and nothing sorts every match.
 */
export class SearchIndex {
  private readonly files = new Map<string, FileIndex>();
  private readonly entriesByKey = new Map<string, { file: FileIndex; entryIndex: number }[]>();
  private queryStamp = 0;

  constructor(references: readonly Reference[] = []) {
    const byFile = new Map<string, Reference[]>();
    for (const reference of references) {
      const group = byFile.get(reference.source.path);
      if (group) group.push(reference);
      else byFile.set(reference.source.path, [reference]);
    }
    for (const [path, group] of byFile) this.replaceFile(path, group);
  }

  get size(): number {
    let count = 0;
    for (const file of this.files.values()) count += file.references.length;
    return count;
  }

  /** Replaces everything indexed from `path`; an empty list removes the file. A file keeps its place in the order. */
  replaceFile(path: string, references: readonly Reference[]): void {
    const previous = this.files.get(path);
    if (previous) this.forgetKeys(previous);
    if (references.length === 0) {
      this.files.delete(path);
      return;
    }
    const file = new FileIndex(references);
    file.references.forEach((reference, entryIndex) => {
      const sameKey = this.entriesByKey.get(reference.key);
      if (sameKey) sameKey.push({ file, entryIndex });
      else this.entriesByKey.set(reference.key, [{ file, entryIndex }]);
    });
    this.files.set(path, file);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (limit <= 0) return [];
    const stamp = this.markCited(options.citedKeys);
    const terms = queryTerms(query);
    return terms.length === 0 ? this.browse(limit, stamp) : this.rank(terms, limit, stamp);
  }

  private rank(terms: string[], limit: number, stamp: number): SearchHit[] {
    const best = new TopK<Candidate>(limit);
    const leadingWords = terms.map(leadingWord);
    let firstOrdinal = 0;
    for (const file of this.files.values()) {
      const matches = leadingWords.map((word, slot) => file.entriesWithPrefix(word, slot));
      // Every hit has a word for every term, so the rarest term's entries are the only candidates.
      const candidates = matches.reduce((rarest, match) => (match.entryIndices.length < rarest.entryIndices.length ? match : rarest));
      candidates: for (const entryIndex of candidates.entryIndices) {
        // Only typed arrays are read until the bound says the entry may enter the top-k.
        const boost = file.citedStamps[entryIndex] === stamp ? CITED_BOOST : 0;
        let bound = boost;
        for (const match of matches) {
          const segments = match.segmentsByEntry[entryIndex]!;
          if (segments === 0) continue candidates;
          bound += termScoreBound(segments);
        }
        // Candidates come in library order, so one that can at best tie the worst kept hit loses to it.
        if (best.isFull && bound <= best.threshold) continue;
        const scored = scoreEntry(file, entryIndex, terms, boost);
        if (scored) best.offer({ score: scored.score, ordinal: firstOrdinal + entryIndex, item: scored });
      }
      firstOrdinal += file.references.length;
    }
    return best.sorted().map(({ score, item }) => ({
      reference: item.reference,
      score,
      matchedFields: fieldsOf(item.segments),
    }));
  }

  /** No query: cited references first, then the rest, both in library order. */
  private browse(limit: number, stamp: number): SearchHit[] {
    const cited: SearchHit[] = [];
    const others: SearchHit[] = [];
    for (const file of this.files.values()) {
      for (const [entryIndex, reference] of file.references.entries()) {
        if (file.citedStamps[entryIndex] === stamp) cited.push({ reference, score: CITED_BOOST, matchedFields: [] });
        else if (others.length < limit) others.push({ reference, score: 0, matchedFields: [] });
      }
    }
    return [...cited, ...others].slice(0, limit);
  }

  /** Stamps the cited entries for this query, so the scan tests a number instead of looking keys up. */
  private markCited(citedKeys: ReadonlySet<string> | undefined): number {
    const stamp = ++this.queryStamp;
    for (const key of citedKeys ?? []) {
      for (const { file, entryIndex } of this.entriesByKey.get(key) ?? []) file.citedStamps[entryIndex] = stamp;
    }
    return stamp;
  }

  private forgetKeys(file: FileIndex): void {
    for (const { key } of file.references) {
      const remaining = this.entriesByKey.get(key)?.filter((location) => location.file !== file) ?? [];
      if (remaining.length > 0) this.entriesByKey.set(key, remaining);
      else this.entriesByKey.delete(key);
    }
  }
}

const LEADING_PUNCTUATION = /^[^a-z0-9\u0080-\uffff]+/;

/** Folded, de-duplicated terms, longest first: the longest term usually rejects an entry soonest. */
function queryTerms(query: string): string[] {
  const terms = new Set(
    foldText(query)
      .split(/\s+/)
      // `(2023` or `@zecevic` as typed in a document still mean the word.
      .map((term) => term.replace(LEADING_PUNCTUATION, ''))
      .filter((term) => term.length > 0),
  );
  return [...terms].sort((a, b) => b.length - a.length);
}

/** The exact score, or undefined if some term does not match at a word start after all. */
function scoreEntry(file: FileIndex, entryIndex: number, terms: readonly string[], boost: number): Candidate | undefined {
  const haystack = file.haystacks[entryIndex]!;
  const base = entryIndex * SEGMENT_COUNT;
  let score = boost;
  let segments = 0;
  for (const term of terms) {
    const match = matchTerm(haystack, file.segmentEnds, base, term);
    if (match.segments === 0) return undefined;
    score += match.score;
    segments |= match.segments;
  }
  return { reference: file.references[entryIndex]!, segments, score };
}

function fieldsOf(segments: number): SearchField[] {
  const fields: SearchField[] = [];
  for (let segment = Segment.Key; segment <= Segment.Given; segment++) {
    const field = FIELD_OF_SEGMENT[segment]!;
    if (segments & (1 << segment) && !fields.includes(field)) fields.push(field);
  }
  return fields;
}
