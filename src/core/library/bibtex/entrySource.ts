import type { TextRange } from '../../citations';
import { LineIndex } from '../../text/lineIndex';
import type { Reference } from '../reference';

const ENTRY_HEAD = /@\s*([A-Za-z]+)\s*([{(])\s*([^\s,]*)/y;

/**
 * Where a BibTeX entry is written in its file: from its `@` to just after its closing brace (or
 * parenthesis). Undefined when the text at the reference's recorded line no longer starts that entry,
 * e.g. because the file changed since it was read, so callers never copy or edit the wrong entry.
 */
export function entrySourceRange(fileText: string, reference: Reference): TextRange | undefined {
  const start = new LineIndex(fileText).offset(reference.source);
  ENTRY_HEAD.lastIndex = start;
  const head = ENTRY_HEAD.exec(fileText);
  if (!head || head[3] !== reference.key) return undefined;
  const opener = head[2]!;
  const openIndex = fileText.indexOf(opener, start);
  // Braces nest inside field values (quoted ones too), so counting them finds the entry's end.
  let depth = opener === '{' ? 0 : 1;
  for (let index = openIndex; index < fileText.length; index++) {
    const char = fileText[index];
    if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === ')' && opener === '(' && depth === 1) return { start, end: index + 1 };
    if (opener === '{' && depth === 0) return { start, end: index + 1 };
    if (depth < 0) return undefined;
  }
  return undefined;
}

/** The entry's text exactly as written, from `@` to its closing brace: what "copy the entry" copies. */
export function entrySourceText(fileText: string, reference: Reference): string | undefined {
  const range = entrySourceRange(fileText, reference);
  return range && fileText.slice(range.start, range.end);
}

/**
 * Where and what to insert to add `field = {value}` as the entry's last field, keeping its layout:
 * after the last field (adding the comma it needs), before the closing brace. `value` is BibTeX text.
 */
export function fieldInsertion(fileText: string, reference: Reference, field: string, value: string): { offset: number; text: string } | undefined {
  const range = entrySourceRange(fileText, reference);
  if (!range) return undefined;
  let last = range.end - 2;
  while (last > range.start && /\s/.test(fileText[last]!)) last--;
  const separator = fileText[last] === ',' ? '' : ',';
  return { offset: last + 1, text: `${separator}\n  ${field} = {${value}}` };
}
