import { normalizedText } from '../text/fileText';
import { LineIndex } from '../text/lineIndex';
import { cslItemToReference, type LibraryKind } from './cslToReference';
import { ErrorCap } from './errorCap';
import type { LibraryError, LibraryReadResult, Reference, SourceSpan } from './reference';

/**
 * Reads a CSL-JSON file: an array of CSL items (a single item object is accepted too).
 *
 * A light scanner finds where each top-level element starts and ends, then each element is
 * JSON.parse'd on its own. That gives every entry its real line/column, and a broken element
 * costs only itself: its neighbours are still read and it gets a located error.
 */
export function readCslJson(input: string, path: string, options: { library?: LibraryKind } = {}): LibraryReadResult {
  const text = normalizedText(input);
  const library = options.library ?? 'user';
  const lines = new LineIndex(text);
  const references: Reference[] = [];
  const errors: LibraryError[] = [];
  const errorCap = new ErrorCap();
  const locate = (offset: number) => ({ path, ...lines.position(offset) });
  const fail = (offset: number, message: string) => {
    const at = locate(offset);
    if (errorCap.admit(at.line, at.column)) errors.push({ ...at, message });
  };

  const { elements, problems } = scanTopLevel(text);
  for (const problem of problems) fail(problem.offset, problem.message);

  for (const element of elements) {
    const parsed = parseElement(text, element);
    if (!parsed.ok) {
      fail(parsed.offset, parsed.message);
      continue;
    }
    const source = locate(element.start);
    const entrySpan = { start: element.start, end: element.end, line: source.line, column: source.column };
    const mapped = cslItemToReference(parsed.value, { source, entrySpan, keySpan: keySpan(text, element, lines), library });
    if (mapped.ok) references.push(withKeySpanIfWritten(mapped.reference, text));
    else fail(element.start, mapped.message);
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  const summary = errorCap.summary();
  if (summary) errors.push({ path, ...summary });
  return { references, errors };
}

interface Span {
  start: number;
  end: number;
}

interface Problem {
  offset: number;
  message: string;
}

/** A key span only where the text there is the key: `"a\u0062"` or `1e3` are not written as they read. */
function withKeySpanIfWritten(reference: Reference, text: string): Reference {
  const span = reference.keySpan;
  if (span && text.slice(span.start, span.end) !== reference.key) delete reference.keySpan;
  return reference;
}

/**
 * Where the item's top-level `"id"` value is written: inside its quotes for a string (without surrounding
 * blanks, which the key drops), the number itself for a number.
 */
function keySpan(text: string, element: Span, lines: LineIndex): SourceSpan | undefined {
  const value = topLevelIdValue(text, element);
  if (!value) return undefined;
  let { start, end } = value;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (start === end) return undefined;
  return { start, end, ...lines.position(start) };
}

/** The raw `"id"` value of the object `element`, found by one pass over its top level. */
function topLevelIdValue(text: string, element: Span): Span | undefined {
  let depth = 0;
  let expectingKey = false;
  for (let i = element.start; i < element.end; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const close = skipString(text, i + 1);
      if (depth === 1 && expectingKey && close - i === 4 && text.startsWith('"id"', i)) {
        let value = skipWhitespace(text, close);
        if (text.charCodeAt(value) !== COLON) return undefined;
        value = skipWhitespace(text, value + 1);
        if (text.charCodeAt(value) === QUOTE) return { start: value + 1, end: skipString(text, value + 1) - 1 };
        let valueEnd = value;
        while (valueEnd < element.end && NUMBER_CHARS.includes(text[valueEnd]!)) valueEnd++;
        return valueEnd > value ? { start: value, end: valueEnd } : undefined;
      }
      expectingKey = false;
      i = close - 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      expectingKey = depth === 1 && code === OPEN_BRACE;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    } else if (depth === 1 && code === COMMA) {
      expectingKey = true;
    }
  }
  return undefined;
}

const NUMBER_CHARS = '-+.0123456789eE';

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

type ParsedElement = { ok: true; value: unknown } | { ok: false; offset: number; message: string };

function parseElement(text: string, element: Span): ParsedElement {
  try {
    return { ok: true, value: JSON.parse(text.slice(element.start, element.end)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 names the failing position for most syntax errors; point there rather than at the entry start.
    const position = /at position (\d+)/.exec(message);
    const offset = element.start + (position ? Number(position[1]) : 0);
    return { ok: false, offset, message: `Malformed CSL-JSON entry: ${message}` };
  }
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

function scanTopLevel(text: string): { elements: Span[]; problems: Problem[] } {
  const elements: Span[] = [];
  const problems: Problem[] = [];
  let i = skipWhitespace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (i >= text.length) return { elements, problems };

  if (text.charCodeAt(i) === OPEN_BRACE) {
    const { end } = scanValue(text, i, undefined);
    elements.push({ start: i, end });
    addTrailingProblem(text, end, problems);
    return { elements, problems };
  }
  if (text.charCodeAt(i) !== OPEN_BRACKET) {
    problems.push({ offset: i, message: 'Expected a CSL-JSON array of items.' });
    return { elements, problems };
  }

  i = skipWhitespace(text, i + 1);
  // Pretty-printed files start every item at the same indentation; seeing that again while an
  // item is still open means the item was never closed, so the scanner resumes at the next one.
  const itemIndent = indentationIfFirstOnLine(text, i);
  let expectingSeparator = false;
  while (true) {
    if (i >= text.length) {
      problems.push({ offset: text.length, message: 'The CSL-JSON array is not closed with ].' });
      break;
    }
    const code = text.charCodeAt(i);
    if (code === CLOSE_BRACKET) {
      addTrailingProblem(text, i + 1, problems);
      break;
    }
    if (code === COMMA) {
      if (!expectingSeparator) problems.push({ offset: i, message: 'Unexpected comma in the CSL-JSON array.' });
      expectingSeparator = false;
      i = skipWhitespace(text, i + 1);
      continue;
    }
    if (expectingSeparator) problems.push({ offset: i, message: 'Expected , or ] between CSL-JSON items.' });
    const { end, cutShort } = scanValue(text, i, itemIndent);
    elements.push({ start: i, end });
    // An item cut short already gets its own error; a missing comma after it would only repeat it.
    expectingSeparator = !cutShort;
    i = skipWhitespace(text, end);
  }
  return { elements, problems };
}

function addTrailingProblem(text: string, from: number, problems: Problem[]): void {
  const rest = skipWhitespace(text, from);
  if (rest < text.length) problems.push({ offset: rest, message: 'Unexpected content after the CSL-JSON data.' });
}

/**
 * Returns the offset just past the value starting at `start`. Only nesting and strings are
 * tracked; JSON.parse judges the rest. A string never spans a line in valid JSON, so an
 * unterminated one ends at its line instead of swallowing the file.
 */
function scanValue(text: string, start: number, itemIndent: string | undefined): { end: number; cutShort: boolean } {
  const first = text.charCodeAt(start);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return { end: scanScalar(text, start), cutShort: false };
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = skipString(text, i + 1);
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return { end: i + 1, cutShort: false };
    } else if (code === NEWLINE && itemIndent !== undefined && startsItemAt(text, i + 1, itemIndent)) {
      return { end: i, cutShort: true };
    }
    i++;
  }
  return { end: text.length, cutShort: false };
}

function scanScalar(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === CLOSE_BRACKET || code === NEWLINE) break;
    if (code === QUOTE) {
      i = skipString(text, i + 1);
      continue;
    }
    i++;
  }
  return i;
}

/** Offset just past the closing quote, or of the newline that cuts an unterminated string short. */
function skipString(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === QUOTE) return i + 1;
    else if (code === NEWLINE) return i;
  }
  return text.length;
}

function startsItemAt(text: string, lineStart: number, itemIndent: string): boolean {
  return text.startsWith(itemIndent, lineStart) && text.charCodeAt(lineStart + itemIndent.length) === OPEN_BRACE;
}

/** The whitespace before `offset` if nothing else precedes it on its line, else undefined. */
function indentationIfFirstOnLine(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(indent) ? indent : undefined;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
    i++;
  }
  return i;
}
