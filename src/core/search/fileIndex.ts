import type { Reference } from '../library/reference';
import { searchHaystack, SEGMENT_COUNT } from './searchEntry';
import { forEachWord } from './words';
import { lowerBound } from '../text/sortedStrings';

/**
 * The entries of one library file with a sorted word list, so that the entries having a word
 * with a given prefix, and the segments it is in, are found by binary search instead of a scan.
 * Kept per file so that re-reading one file rebuilds only its own index. Entry `i` is
 * `references[i]`, its folded text `haystacks[i]` and its segment ends
 * `segmentEnds[i * SEGMENT_COUNT ..]`: columns, not an object per entry.
 */
export class FileIndex {
  readonly haystacks: string[];
  readonly segmentEnds: Int32Array;
  /** Distinct words, sorted. */
  private readonly words: string[];
  /** Entries of words[i] are postings[postingStarts[i] .. postingStarts[i + 1]). */
  private readonly postingStarts: Int32Array;
  private readonly postings: Int32Array;
  /** Bit per Segment the word occurs in, for each posting. */
  private readonly postingSegments: Uint16Array;
  /**
   * Per entry, the stamp of the last query whose document cites its key. Kept here, in one typed
   * array, because reading a flag off each entry object costs a cache miss per candidate.
   */
  readonly citedStamps: Int32Array;
  private readonly buffers: PrefixBuffer[] = [];

  constructor(readonly references: readonly Reference[]) {
    this.segmentEnds = new Int32Array(references.length * SEGMENT_COUNT);
    this.haystacks = references.map((reference, entryIndex) => searchHaystack(reference, this.segmentEnds, entryIndex * SEGMENT_COUNT));
    // Postings are gathered in typed arrays and sorted into place by counting: building an array
    // per word made garbage collection most of the build time for large libraries.
    const wordIds = new Map<string, number>();
    let lastEntryOfWord = new Int32Array(1024);
    let lastPairOfWord = new Int32Array(1024);
    let pairWords = new Int32Array(4096);
    let pairEntries = new Int32Array(4096);
    let pairBits = new Uint16Array(4096);
    let pairCount = 0;
    this.haystacks.forEach((haystack, entryIndex) => {
      forEachWord(haystack, this.segmentEnds, entryIndex * SEGMENT_COUNT, (word, bits) => {
        let wordId = wordIds.get(word);
        if (wordId === undefined) {
          wordId = wordIds.size;
          wordIds.set(word, wordId);
          if (wordId === lastEntryOfWord.length) {
            lastEntryOfWord = grown(lastEntryOfWord);
            lastPairOfWord = grown(lastPairOfWord);
          }
          lastEntryOfWord[wordId] = -1;
        }
        if (lastEntryOfWord[wordId] === entryIndex) {
          pairBits[lastPairOfWord[wordId]!]! |= bits;
          return;
        }
        if (pairCount === pairWords.length) {
          pairWords = grown(pairWords);
          pairEntries = grown(pairEntries);
          pairBits = grown(pairBits);
        }
        pairWords[pairCount] = wordId;
        pairEntries[pairCount] = entryIndex;
        pairBits[pairCount] = bits;
        lastEntryOfWord[wordId] = entryIndex;
        lastPairOfWord[wordId] = pairCount++;
      });
    });

    this.words = [...wordIds.keys()].sort();
    const rankOfWord = new Int32Array(this.words.length);
    this.words.forEach((word, rank) => (rankOfWord[wordIds.get(word)!] = rank));
    this.postingStarts = new Int32Array(this.words.length + 1);
    for (let pair = 0; pair < pairCount; pair++) this.postingStarts[rankOfWord[pairWords[pair]!]! + 1]!++;
    for (let rank = 0; rank < this.words.length; rank++) this.postingStarts[rank + 1]! += this.postingStarts[rank]!;
    // Pairs are in entry order, so each word's postings come out in library order.
    const nextPosting = this.postingStarts.slice(0, this.words.length);
    this.postings = new Int32Array(pairCount);
    this.postingSegments = new Uint16Array(pairCount);
    for (let pair = 0; pair < pairCount; pair++) {
      const posting = nextPosting[rankOfWord[pairWords[pair]!]!]!++;
      this.postings[posting] = pairEntries[pair]!;
      this.postingSegments[posting] = pairBits[pair]!;
    }
    this.citedStamps = new Int32Array(references.length);
  }

  /**
   * The entries having a word that starts with `prefix`, and in which segments. The result lives in
   * a buffer owned by this index and reused by the next call with the same `slot` (one per query
   * term): allocating entry-sized arrays per query made garbage collection the slowest queries' cost.
   */
  entriesWithPrefix(prefix: string, slot: number): PrefixMatch {
    const buffer = this.bufferFor(slot);
    for (const entryIndex of buffer.entryIndices) buffer.segmentsByEntry[entryIndex] = 0;
    const segmentsByEntry = buffer.segmentsByEntry;
    const allIndices = buffer.indexStorage;
    const low = lowerBound(this.words, prefix);
    // Every word with the prefix sorts before the prefix followed by the highest code unit.
    const high = lowerBound(this.words, `${prefix}\uffff`);
    let count = 0;
    for (let posting = this.postingStarts[low]!; posting < this.postingStarts[high]!; posting++) {
      const entryIndex = this.postings[posting]!;
      if (segmentsByEntry[entryIndex] === 0) allIndices[count++] = entryIndex;
      segmentsByEntry[entryIndex]! |= this.postingSegments[posting]!;
    }
    buffer.entryIndices = inLibraryOrder(allIndices.subarray(0, count), segmentsByEntry);
    return buffer;
  }

  private bufferFor(slot: number): PrefixBuffer {
    while (this.buffers.length <= slot) {
      const size = this.references.length;
      this.buffers.push({ segmentsByEntry: new Uint16Array(size), indexStorage: new Int32Array(size), entryIndices: new Int32Array(0) });
    }
    return this.buffers[slot]!;
  }
}

export interface PrefixMatch {
  /** Bit per Segment holding a word with the prefix (and KEY_START_BIT), indexed by entry. */
  readonly segmentsByEntry: Uint16Array;
  /** Indices of the entries with such a word, in library order. */
  readonly entryIndices: Int32Array;
}

interface PrefixBuffer extends PrefixMatch {
  readonly indexStorage: Int32Array;
  entryIndices: Int32Array;
}

function grown<T extends Int32Array | Uint16Array>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}

/** Sorting costs more than a pass over the entries once many of them match (`c`), so then it re-reads them in order. */
function inLibraryOrder(entryIndices: Int32Array, segmentsByEntry: Uint16Array): Int32Array {
  if (entryIndices.length * 16 < segmentsByEntry.length) return entryIndices.sort();
  let count = 0;
  for (let entryIndex = 0; entryIndex < segmentsByEntry.length; entryIndex++) {
    if (segmentsByEntry[entryIndex] !== 0) entryIndices[count++] = entryIndex;
  }
  return entryIndices;
}

