import type { TextRange } from '../../citations';
import { textStart } from '../../text/fileText';
import type { Reference } from '../reference';

/**
 * Where a BibTeX entry is written in its file, from its `@` to just after its closing brace (or
 * parenthesis), as the reader recorded it. Undefined when `fileText` no longer has that entry there (the
 * file changed since it was read), or when an error cut the entry short, so callers never copy or edit the
 * wrong text.
 */
export function entrySourceRange(fileText: string, reference: Reference): TextRange | undefined {
  const entry = reference.entrySpan;
  const key = reference.keySpan;
  if (!entry || !key) return undefined;
  const offset = textStart(fileText);
  const start = offset + entry.start;
  const end = offset + entry.end;
  const closer = fileText[end - 1];
  if (fileText[start] !== '@' || (closer !== '}' && closer !== ')') || !fileText.startsWith(reference.key, offset + key.start)) return undefined;
  return { start, end };
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
