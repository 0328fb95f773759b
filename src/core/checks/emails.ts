/** A found e-mail address: where it starts in the text and the address (a grouped one expanded). */
export interface FoundEmail {
  offset: number;
  /** As written: `ada@example.org`, or `{ada, charles}@example.org`. */
  text: string;
  /** The addresses it stands for: `ada@example.org`, `charles@example.org`. */
  addresses: string[];
}

const LOCAL = /[A-Za-z0-9._%+-]/;
const DOMAIN = /[A-Za-z0-9.-]/;
/** Names grouped before one domain, `{ada, charles.b}`, are short; past this the braces are not an address group. */
const MAX_GROUP = 300;

/**
 * Every e-mail address in `text`, including the grouped form papers use, `{ada, charles}@example.org`
 * (braces may be escaped, `\{...\}`, as in LaTeX source). Linear in the text: each `@` looks only
 * back to the previous `@` or group and forward along its domain, so a long run of letters costs one pass.
 */
export function findEmails(text: string): FoundEmail[] {
  const found: FoundEmail[] = [];
  let floor = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let end = at + 1;
    while (end < text.length && DOMAIN.test(text[end]!)) end++;
    while (end > at + 1 && text[end - 1] === '.') end--;
    const domain = text.slice(at + 1, end);
    if (!/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) {
      floor = at + 1;
      continue;
    }
    const group = groupBefore(text, at, floor);
    if (group) {
      found.push({ offset: group.start, text: text.slice(group.start, end), addresses: group.names.map((name) => `${name}@${domain}`) });
    } else {
      let start = at;
      while (start > floor && LOCAL.test(text[start - 1]!)) start--;
      while (start < at && text[start] === '.') start++;
      if (start < at) found.push({ offset: start, text: text.slice(start, end), addresses: [text.slice(start, end)] });
    }
    floor = end;
  }
  return found;
}

/** `{a, b}` (or `\{a, b\}`) ending just before `at`, with its names; none if the braces hold anything but names. */
function groupBefore(text: string, at: number, floor: number): { start: number; names: string[] } | undefined {
  let close = at - 1;
  while (close >= floor && /\s/.test(text[close]!)) close--;
  if (text[close] !== '}') return undefined;
  const from = Math.max(floor, close - MAX_GROUP);
  const inWindow = text.slice(from, close).lastIndexOf('{');
  if (inWindow === -1) return undefined;
  const open = from + inWindow;
  const inner = text.slice(open + 1, text[close - 1] === '\\' ? close - 1 : close);
  const names = inner.split(',').map((name) => name.trim());
  if (names.length < 2 || !names.every((name) => /^[A-Za-z0-9._%+-]+$/.test(name))) return undefined;
  return { start: text[open - 1] === '\\' ? open - 1 : open, names };
}
