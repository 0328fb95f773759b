/**
 * Keys that look like `key`: the same key in another case first (`Pythia` for `pythia`, a slip
 * LaTeX accepts on some systems and biber does not), then a key that is the last part of a
 * prefixed one (`elk` for `author:elk`), then the closest by edit distance.
 */
export function nearestKeys(key: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = key.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(key.length / 3));
  const scored: { key: string; distance: number }[] = [];
  for (const candidate of candidates) {
    if (candidate === key) continue;
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) {
      scored.push({ key: candidate, distance: -2 });
      continue;
    }
    if (isPrefixedForm(lower, candidateLower) || isPrefixedForm(candidateLower, lower)) {
      scored.push({ key: candidate, distance: -1 });
      continue;
    }
    if (Math.abs(candidate.length - key.length) > maxDistance) continue;
    const distance = boundedEditDistance(lower, candidate.toLowerCase(), maxDistance);
    if (distance <= maxDistance) scored.push({ key: candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key));
  return scored.slice(0, limit).map((entry) => entry.key);
}

/** `author:elk` is `elk` with a prefix: a Zotero/Better BibTeX habit that leaves citations unresolved. */
function isPrefixedForm(longer: string, shorter: string): boolean {
  return shorter.length >= 3 && longer.length > shorter.length && longer.endsWith(shorter) && /[:/_-]/.test(longer[longer.length - shorter.length - 1]!);
}

/** Levenshtein distance, giving up (returning max + 1) once every path exceeds `max`. */
function boundedEditDistance(a: string, b: string, max: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}
