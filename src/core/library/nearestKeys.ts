/**
 * Keys that look like `key`: the same key in another case first (`Pythia` for `pythia`, a slip
 * LaTeX accepts on some systems and biber does not), then a key that is the last part of a
 * prefixed one (`elk` for `author:elk`), then the closest by edit distance.
 */
export function nearestKeys(key: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = key.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(key.length / 3));
  // Only the best `limit` are kept, and once there are that many a candidate must beat the worst of
  // them, which prunes most of a big library's keys before any distance is computed.
  const best: { key: string; distance: number }[] = [];
  const offer = (candidate: string, distance: number) => {
    let at = best.length;
    while (at > 0 && (best[at - 1]!.distance > distance || (best[at - 1]!.distance === distance && best[at - 1]!.key.localeCompare(candidate) > 0))) at--;
    if (at >= limit) return;
    best.splice(at, 0, { key: candidate, distance });
    if (best.length > limit) best.pop();
  };
  const bound = () => (best.length < limit ? maxDistance : best[best.length - 1]!.distance);
  for (const candidate of candidates) {
    if (candidate === key) continue;
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) {
      offer(candidate, -2);
      continue;
    }
    if (isPrefixedForm(lower, candidateLower) || isPrefixedForm(candidateLower, lower)) {
      offer(candidate, -1);
      continue;
    }
    const max = bound();
    if (max < 0 || Math.abs(candidate.length - key.length) > max) continue;
    const distance = boundedEditDistance(lower, candidateLower, max);
    if (distance <= max) offer(candidate, distance);
  }
  return best.map((entry) => entry.key);
}

/** `author:elk` is `elk` with a prefix: a Zotero/Better BibTeX habit that leaves citations unresolved. */
function isPrefixedForm(longer: string, shorter: string): boolean {
  return shorter.length >= 3 && longer.length > shorter.length && longer.endsWith(shorter) && /[:/_-]/.test(longer[longer.length - shorter.length - 1]!);
}

/** Two rows of the distance table, reused across calls: a 100k-key library means 100k calls per key. */
let previous = new Int32Array(64);
let current = new Int32Array(64);

/** Levenshtein distance, giving up (returning max + 1) once every path exceeds `max`. */
function boundedEditDistance(a: string, b: string, max: number): number {
  const width = b.length;
  if (previous.length <= width) {
    previous = new Int32Array(width + 1);
    current = new Int32Array(width + 1);
  }
  for (let j = 0; j <= width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const char = a.charCodeAt(i - 1);
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= width; j++) {
      let value = previous[j - 1]! + (char === b.charCodeAt(j - 1) ? 0 : 1);
      if (previous[j]! + 1 < value) value = previous[j]! + 1;
      if (current[j - 1]! + 1 < value) value = current[j - 1]! + 1;
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[width]!;
}
