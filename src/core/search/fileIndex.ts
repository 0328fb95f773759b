import type { SearchEntry } from './searchEntry';
import { wordsOf } from './words';

/**
 * The entries of one library file with a sorted word list, so that the entries having a word
 * with a given prefix, and the segments it is in, are found by binary search instead of a scan.
 * Kept per file so that re-reading one file rebuilds only its own index.
 */
export class FileIndex {
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

  constructor(readonly entries: readonly SearchEntry[]) {
    const postingsByWord = new Map<string, number[]>();
    entries.forEach((entry, entryIndex) => {
      for (const [word, segments] of wordsOf(entry)) {
        const list = postingsByWord.get(word);
        if (list) list.push(entryIndex, segments);
        else postingsByWord.set(word, [entryIndex, segments]);
      }
    });
    this.words = [...postingsByWord.keys()].sort();
    this.postingStarts = new Int32Array(this.words.length + 1);
    let total = 0;
    for (let index = 0; index < this.words.length; index++) {
      this.postingStarts[index] = total;
      total += postingsByWord.get(this.words[index]!)!.length / 2;
    }
    this.postingStarts[this.words.length] = total;
    this.postings = new Int32Array(total);
    this.postingSegments = new Uint16Array(total);
    this.citedStamps = new Int32Array(entries.length);
    for (let index = 0; index < this.words.length; index++) {
      const pairs = postingsByWord.get(this.words[index]!)!;
      let posting = this.postingStarts[index]!;
      for (let pair = 0; pair < pairs.length; pair += 2, posting++) {
        this.postings[posting] = pairs[pair]!;
        this.postingSegments[posting] = pairs[pair + 1]!;
      }
    }
  }

  /** The entries having a word that starts with `prefix`, and in which segments. */
  entriesWithPrefix(prefix: string): PrefixMatch {
    const segmentsByEntry = new Uint16Array(this.entries.length);
    const low = lowerBound(this.words, prefix);
    // Every word with the prefix sorts before the prefix followed by the highest code unit.
    const high = lowerBound(this.words, `${prefix}\uffff`);
    const first = this.postingStarts[low]!;
    const end = this.postingStarts[high]!;
    const entryIndices = new Int32Array(end - first);
    let count = 0;
    for (let posting = first; posting < end; posting++) {
      const entryIndex = this.postings[posting]!;
      if (segmentsByEntry[entryIndex] === 0) entryIndices[count++] = entryIndex;
      segmentsByEntry[entryIndex]! |= this.postingSegments[posting]!;
    }
    return { segmentsByEntry, entryIndices: inLibraryOrder(entryIndices.subarray(0, count), segmentsByEntry) };
  }
}

export interface PrefixMatch {
  /** Bit per Segment holding a word with the prefix (and KEY_START_BIT), indexed by entry. */
  segmentsByEntry: Uint16Array;
  /** Indices of the entries with such a word, in library order. */
  entryIndices: Int32Array;
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

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
