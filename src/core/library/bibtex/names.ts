import type { Person } from '../reference';
import { decodeTex } from './texToUnicode';

/**
 * BibTeX name lists: names separated by ` and ` outside braces, each as "First von Last", "von Last, First"
 * or "von Last, Jr, First". A name wholly in braces (`{Ó hÉigeartaigh}`, `{World Health Organization}`) is
 * kept whole as a literal. "others" (BibTeX's "et al.") is skipped: it names nobody.
 */
export function parseNames(value: string): Person[] {
  const people: Person[] = [];
  const len = value.length;
  let start = skipWhite(value, 0);
  let depth = 0;
  let commas = 0;
  let comma = -1;
  // "Last, First" without braces, TeX or line breaks is most names in large files: no splitting or decoding.
  let plain = true;
  for (let i = start; i < len; i++) {
    const c = value.charCodeAt(i);
    if (c === LBRACE) {
      depth++;
      plain = false;
    } else if (c === RBRACE) {
      depth--;
    } else if (depth === 0) {
      if (c === COMMA) {
        if (commas++ === 0) comma = i;
      } else if (isWhite(c) && isAndAt(value, i)) {
        addName(people, value, start, i, commas === 0 ? NO_COMMA : commas === 1 ? comma : SEVERAL_COMMAS, plain);
        start = skipWhite(value, i + 4);
        i = start - 1;
        depth = 0;
        commas = 0;
        plain = true;
      } else if (c === BACKSLASH || c === TILDE || c === DOLLAR || (c < 32 && isWhite(c))) {
        plain = false;
      }
    }
  }
  addName(people, value, start, len, commas === 0 ? NO_COMMA : commas === 1 ? comma : SEVERAL_COMMAS, plain);
  return people;
}

/**
 * `comma` is the offset of the only top-level comma of a "von Last, First" name, which needs no word
 * splitting, or NO_COMMA / SEVERAL_COMMAS; `plain` says the name needs no TeX decoding either.
 */
function addName(people: Person[], value: string, start: number, end: number, comma: number, plain: boolean): void {
  if (comma >= 0) {
    const rawFamily = trimmedSlice(value, start, comma);
    const rawGiven = trimmedSlice(value, comma + 1, end);
    const family = plain ? rawFamily : decodeTex(rawFamily);
    const given = plain ? rawGiven : decodeTex(rawGiven);
    if (family !== '') {
      people.push(given === '' ? { family } : { family, given });
      return;
    }
  }
  const person = plain && comma === NO_COMMA ? fromPlainWords(value, start, end) : parseName(value.slice(start, end));
  if (person !== undefined) people.push(person);
}

/**
 * "First von Last" without braces or TeX, read in place: the family name starts at the first lower-case
 * word before the last (the von part), else at the last word.
 */
function fromPlainWords(value: string, start: number, end: number): Person | undefined {
  end = trimmedEnd(value, start, end);
  if (end === start) return undefined;
  let lastWordStart = start;
  let vonStart = -1;
  for (let i = start; i < end; i++) {
    if (value.charCodeAt(i) !== 32) continue;
    while (value.charCodeAt(i + 1) === 32) i++;
    if (vonStart < 0 && startsLowerCase(value, lastWordStart)) vonStart = lastWordStart;
    lastWordStart = i + 1;
  }
  if (lastWordStart === start) {
    const only = value.slice(start, end);
    return only.toLowerCase() === 'others' ? undefined : { family: only };
  }
  const familyStart = vonStart >= 0 ? vonStart : lastWordStart;
  return person(value.slice(familyStart, end), trimmedSlice(value, start, familyStart));
}

function startsLowerCase(value: string, at: number): boolean {
  const c = value.charCodeAt(at);
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  const ch = value[at]!;
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function trimmedEnd(value: string, start: number, end: number): number {
  while (end > start && isWhite(value.charCodeAt(end - 1))) end--;
  return end;
}

/** ` and ` (any case) with `value[i]` the whitespace before it. */
function isAndAt(value: string, i: number): boolean {
  return (value.charCodeAt(i + 1) | 32) === 97 /* a */ && (value.charCodeAt(i + 2) | 32) === 110 /* n */ &&
    (value.charCodeAt(i + 3) | 32) === 100 /* d */ && isWhite(value.charCodeAt(i + 4));
}

function skipWhite(value: string, p: number): number {
  while (p < value.length && isWhite(value.charCodeAt(p))) p++;
  return p;
}

function trimmedSlice(value: string, start: number, end: number): string {
  while (start < end && isWhite(value.charCodeAt(start))) start++;
  return value.slice(start, trimmedEnd(value, start, end));
}

const NO_COMMA = -1, SEVERAL_COMMAS = -2;
const LBRACE = 123, RBRACE = 125, COMMA = 44, BACKSLASH = 92, TILDE = 126, DOLLAR = 36;

function isWhite(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 126 /* ~ */;
}

function parseName(raw: string): Person | undefined {
  const name = raw.trim();
  if (name === '' || name.toLowerCase() === 'others') return undefined;
  if (isWhollyBraced(name)) {
    const literal = decodeTex(name);
    return { family: literal, literal };
  }
  const parts = splitTopLevel(name, 44 /* , */).map((part) => part.trim());
  if (parts.length === 1) return fromFirstVonLast(name);
  // "von Last, First" or "von Last, Jr, First": the particle stays with the family name; a Jr part is
  // appended to it, since Person has no suffix.
  const family = parts.length >= 3 && parts[1] !== '' ? `${parts[0]} ${parts[1]}` : parts[0]!;
  const given = parts.length >= 3 ? parts.slice(2).join(' ') : parts[1]!;
  return person(decodeTex(family), decodeTex(given));
}

/** "First von Last": the von part starts at the first lower-case word; without one, the last word is the family. */
function fromFirstVonLast(name: string): Person {
  const words = splitTopLevel(name, -1).filter((word) => word !== '');
  if (words.length === 1) return person(decodeTex(words[0]!), '');
  let vonStart = -1;
  for (let i = 0; i < words.length - 1; i++) {
    if (isLowerCaseWord(words[i]!)) {
      vonStart = i;
      break;
    }
  }
  const familyStart = vonStart >= 0 ? vonStart : words.length - 1;
  return person(decodeTex(words.slice(familyStart).join(' ')), decodeTex(words.slice(0, familyStart).join(' ')));
}

function person(family: string, given: string): Person {
  return given === '' ? { family } : { family, given };
}

/** A word is lower-case when its first letter outside braces is (BibTeX ignores braced letters' case). */
function isLowerCaseWord(word: string): boolean {
  let depth = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === LBRACE) depth++;
    else if (c === RBRACE) depth--;
    else if (depth === 0) {
      const ch = word[i]!;
      if (ch.toLowerCase() !== ch.toUpperCase()) return ch === ch.toLowerCase();
    }
  }
  return false;
}

function isWhollyBraced(name: string): boolean {
  if (name.charCodeAt(0) !== LBRACE || name.charCodeAt(name.length - 1) !== RBRACE) return false;
  let depth = 0;
  for (let i = 0; i < name.length - 1; i++) {
    const c = name.charCodeAt(i);
    if (c === LBRACE) depth++;
    else if (c === RBRACE && --depth === 0) return false;
  }
  return true;
}

/** Splits at `separator` outside braces; `-1` splits at whitespace and `~`. */
function splitTopLevel(text: string, separator: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LBRACE) depth++;
    else if (c === RBRACE) depth--;
    else if (depth === 0 && (separator === -1 ? isWhite(c) : c === separator)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
