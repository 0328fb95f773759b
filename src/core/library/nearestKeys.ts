import { lowerBound } from '../text/sortedStrings';

/**
 * Keys that look like `key`: the same key in another case first (`Pythia` for `pythia`, a slip
 * LaTeX accepts on some systems and biber does not), then a key that is the last part of a
 * prefixed one (`elk` for `author:elk`), then the closest by edit distance. Each key once.
 */
export function nearestKeys(key: string, candidates: Iterable<string>, limit = 3): string[] {
  return nearestAmong([new KeyNeighbours(candidates)], key, limit);
}

/** What separates a prefix from the rest of a key: `author:elk`, `zotero/elk`, `x_elk`, `x-elk`. */
function isSeparator(code: number): boolean {
  return code === 0x3a || code === 0x2f || code === 0x5f || code === 0x2d;
}
/** The shortest key part that counts as the key itself when it follows a prefix. */
const MIN_PART = 3;

/**
 * A library file's keys prepared for `nearestAmong`: lower-cased and sorted once, so that a lookup walks the sorted
 * keys with one edit-distance row per character and reuses the rows of the prefix a key shares with the
 * one before it, and skips every key under a prefix already too far from the typed one. Asked for each key
 * typed in a 90,000-entry library, this costs 0.1 ms for a name-like key and tens of milliseconds for a key
 * shaped like the library's own, where comparing with every key cost 30-150 ms.
 */
export class KeyNeighbours {
  /** Lower-cased keys, sorted, with the key each was made from at the same index (case variants are adjacent). */
  readonly lower: string[] = [];
  readonly keys: string[] = [];
  /** Every part of a key after a separator (`elk` of `author:elk`), lower-cased and sorted, with its key. */
  readonly parts: string[] = [];
  readonly partKeys: string[] = [];

  constructor(candidates: Iterable<string>) {
    const keys = [...candidates];
    const lowers = keys.map((key) => key.toLowerCase());
    // The arrays hold the library's own strings (and the parts' slices), nothing per key besides.
    for (const index of sortedOrder(lowers)) {
      this.lower.push(lowers[index]!);
      this.keys.push(keys[index]!);
    }
    const parts: string[] = [];
    const partKeys: string[] = [];
    lowers.forEach((lower, index) => {
      for (let at = 0; at < lower.length - MIN_PART; at++) {
        if (isSeparator(lower.charCodeAt(at))) {
          parts.push(lower.slice(at + 1));
          partKeys.push(keys[index]!);
        }
      }
    });
    for (const index of sortedOrder(parts)) {
      this.parts.push(parts[index]!);
      this.partKeys.push(partKeys[index]!);
    }
  }

  /** The first index after `index` whose key does not start with `prefix` (the key at `index` does); galloping, since most runs are short. */
  pastPrefix(index: number, prefix: string): number {
    const keys = this.lower;
    let low = index;
    let step = 1;
    while (low + step < keys.length && keys[low + step]!.startsWith(prefix)) {
      low += step;
      step *= 2;
    }
    let high = Math.min(low + step, keys.length);
    // keys[low] has the prefix; the first without it is in (low, high].
    while (low + 1 < high) {
      const middle = (low + high) >>> 1;
      if (keys[middle]!.startsWith(prefix)) low = middle;
      else high = middle;
    }
    return high;
  }
}

/**
 * `nearestKeys` over the keys of several groups (a library's files, each prepared once), each key counted
 * once even when two files define it.
 */
export function nearestAmong(groups: readonly KeyNeighbours[], key: string, limit = 3): string[] {
  const lower = key.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(key.length / 3));
  // Only the best `limit` are kept, and once there are that many a candidate must beat the worst of them.
  const best: { key: string; distance: number }[] = [];
  // The largest distance that can still get in: maxDistance until `limit` keys are kept, then the worst kept.
  let bound = maxDistance;
  const seen = new Set<string>();
  const offer = (candidate: string, distance: number) => {
    if (candidate === key || seen.has(candidate)) return;
    seen.add(candidate);
    let at = best.length;
    while (at > 0 && (best[at - 1]!.distance > distance || (best[at - 1]!.distance === distance && best[at - 1]!.key.localeCompare(candidate) > 0))) at--;
    if (at >= limit) return;
    best.splice(at, 0, { key: candidate, distance });
    if (best.length > limit) best.pop();
    if (best.length >= limit) bound = best[best.length - 1]!.distance;
  };

  for (const group of groups) {
    // The same key in another case.
    for (let at = lowerBound(group.lower, lower); group.lower[at] === lower; at++) offer(group.keys[at]!, -2);
    // `author:elk` typed, `elk` defined.
    for (let at = 0; at < lower.length - MIN_PART; at++) {
      if (!isSeparator(lower.charCodeAt(at))) continue;
      const part = lower.slice(at + 1);
      for (let index = lowerBound(group.lower, part); group.lower[index] === part; index++) offer(group.keys[index]!, -1);
    }
    // `elk` typed, `author:elk` defined.
    if (lower.length >= MIN_PART) {
      for (let at = lowerBound(group.parts, lower); group.parts[at] === lower; at++) offer(group.partKeys[at]!, -1);
    }
  }
  if (bound < 0) return best.map((entry) => entry.key);

  const width = lower.length;
  const typed = new Int32Array(width);
  for (let j = 0; j < width; j++) typed[j] = lower.charCodeAt(j);
  for (const group of groups) {
    // Edit distance to every other key, walking the sorted keys: rows[i] is the distance row of the first i
    // characters of `path`, valid for its first `depth` characters.
    let path = '';
    let depth = 0;
    let index = 0;
    rowsFor(width, 1)[0]!.set(Array.from({ length: width + 1 }, (_, j) => j));
    while (index < group.lower.length) {
      const candidate = group.lower[index]!;
      let shared = 0;
      while (shared < depth && shared < candidate.length && candidate.charCodeAt(shared) === path.charCodeAt(shared)) shared++;
      path = candidate;
      depth = shared;
      const rows = rowsFor(width, candidate.length + 1);
      let pruned = false;
      while (depth < candidate.length) {
        const previous = rows[depth]!;
        const current = rows[depth + 1]!;
        const char = candidate.charCodeAt(depth);
        current[0] = depth + 1;
        let rowMinimum = current[0];
        for (let j = 1; j <= width; j++) {
          let value = previous[j - 1]! + (char === typed[j - 1] ? 0 : 1);
          if (previous[j]! + 1 < value) value = previous[j]! + 1;
          if (current[j - 1]! + 1 < value) value = current[j - 1]! + 1;
          current[j] = value;
          if (value < rowMinimum) rowMinimum = value;
        }
        depth++;
        if (rowMinimum > bound) {
          // Every key that starts with these characters is at least this far: skip them all.
          index = group.pastPrefix(index, candidate.slice(0, depth));
          pruned = true;
          break;
        }
      }
      if (pruned) continue;
      const distance = rows[candidate.length]![width]!;
      for (; index < group.lower.length && group.lower[index] === candidate; index++) {
        const original = group.keys[index]!;
        if (distance <= bound && Math.abs(original.length - key.length) <= bound) offer(original, distance);
      }
    }
  }
  return best.map((entry) => entry.key);
}

/** Distance rows reused across lookups (a 90k-key library means one lookup per key typed): `count` rows of `width + 1`. */
let rowBuffers: Int32Array[] = [];

function rowsFor(width: number, count: number): Int32Array[] {
  if ((rowBuffers[0]?.length ?? 0) <= width) rowBuffers = [];
  while (rowBuffers.length < count) rowBuffers.push(new Int32Array(Math.max(width + 1, rowBuffers[0]?.length ?? 0, 32)));
  return rowBuffers;
}

/**
 * The indices of `strings` in sorted order, equal strings in their order: `string NUL index` sorts with the
 * engine's own string order, faster than a comparator, and the index (padded, base 36) leads back.
 */
function sortedOrder(strings: readonly string[]): number[] {
  const width = Math.max(1, strings.length.toString(36).length);
  const tagged = strings.map((string, index) => `${string}\u0000${index.toString(36).padStart(width, '0')}`);
  return tagged.sort().map((pair) => parseInt(pair.slice(pair.lastIndexOf('\u0000') + 1), 36));
}

