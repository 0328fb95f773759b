import { foldText } from '../text/fold';

/**
 * The key of a reference whose library gives it none (most RIS records, Zotero items without a citation
 * key), by the bundled library's convention: the first creator's family name, the year and the first
 * word of the title that has four or more letters or digits, folded to ASCII and lower case
 * (`Kıcıman`, 2023, "Causal Reasoning and Large Language Models" gives `kiciman2023causal`). Missing
 * parts are left out; with none of them the key is `anon`.
 */
export function generatedKey(familyName: string | undefined, year: string | undefined, title: string | undefined): string {
  const name = foldText(familyName ?? 'anon').replace(/[^a-z0-9]/g, '');
  const yearDigits = /\d{4}/.exec(year ?? '')?.[0] ?? '';
  const titleWord = foldText(title ?? '').match(/[a-z0-9]{4,}/)?.[0] ?? '';
  return `${name}${yearDigits}${titleWord}` || 'anon';
}

/**
 * Hands out keys unique within one library: a wanted key that is taken gets `-2`, `-3` ... appended.
 * Each wanted key remembers the last suffix it gave, so n items wanting one key cost O(n), not O(n²).
 */
export class KeyAllocator {
  private readonly used = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  /** Marks a key the library states itself as taken; it is kept even when already taken. */
  reserve(key: string): string {
    this.used.add(key);
    return key;
  }

  /** `wanted` when free, else the first free `wanted-N` with N >= 2. */
  allocate(wanted: string): string {
    let key = wanted;
    if (this.used.has(key)) {
      let suffix = this.nextSuffix.get(wanted) ?? 2;
      while (this.used.has(`${wanted}-${suffix}`)) suffix++;
      this.nextSuffix.set(wanted, suffix + 1);
      key = `${wanted}-${suffix}`;
    }
    this.used.add(key);
    return key;
  }
}
