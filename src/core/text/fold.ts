// Letters that NFD does not decompose into base + combining mark, folded to what an English
// keyboard user types for them (`kiciman` must find Kıcıman, `lodz` Łódź).
const UNDECOMPOSABLE: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ħ: 'h',
  ŋ: 'n',
};
const UNDECOMPOSABLE_PATTERN = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'g');
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** Lower-cases and strips accents so that searches and generated keys ignore case and diacritics. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Most library text is plain ASCII; skipping normalisation for it keeps index builds fast.
  if (ASCII_PRINTABLE.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSABLE_PATTERN, (letter) => UNDECOMPOSABLE[letter]!);
}
