import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import { MAX_YAML_PARSE_CHARS, megabytes } from '../limits';
import { normalizedText } from '../text/fileText';
import { LineIndex } from '../text/lineIndex';
import { cslItemToReference, type LibraryKind } from './cslToReference';
import { ErrorCap } from './errorCap';
import type { LibraryError, LibraryReadResult, Reference, SourceSpan } from './reference';

/**
 * Reads a CSL-YAML file: a list of CSL items at top level, or Pandoc's `references:` key.
 *
 * The `yaml` parser needs about 170 bytes of memory per byte of text and recurses on nesting, so a file is
 * not given to it whole: a light scan of the lines finds the items of the block list (each `- ` at the
 * list's indentation starts one), and each item is parsed on its own. Memory then follows the largest item,
 * not the file, and an item nested thousands deep costs only itself. An item that contains a syntax error
 * is left out (its content cannot be trusted); the error is reported where the parser found it and the other
 * items are still read. A file that is not a block list (flow style, several documents, aliases between
 * items) is parsed whole, up to `MAX_YAML_PARSE_CHARS`.
 */
export function readCslYaml(input: string, path: string, options: { library?: LibraryKind } = {}): LibraryReadResult {
  const text = normalizedText(input);
  const reader = new YamlReader(text, path, options.library ?? 'user');
  const list = blockListItems(text);
  if (!list || !reader.readItems(list)) {
    const whole = new YamlReader(text, path, options.library ?? 'user');
    whole.readWholeFile();
    return whole.result();
  }
  return reader.result();
}

interface Span {
  start: number;
  end: number;
}

interface BlockList {
  items: Span[];
  /** Where text that cannot follow the list starts, if any. */
  strayContent?: number;
}

class YamlReader {
  private readonly lines: LineIndex;
  private readonly references: Reference[] = [];
  private readonly errors: LibraryError[] = [];
  private readonly errorCap = new ErrorCap();

  constructor(
    private readonly text: string,
    private readonly path: string,
    private readonly library: LibraryKind,
  ) {
    this.lines = new LineIndex(text);
  }

  result(): LibraryReadResult {
    this.errors.sort((a, b) => a.line - b.line || a.column - b.column);
    const summary = this.errorCap.summary();
    if (summary) this.errors.push({ path: this.path, ...summary });
    return { references: this.references, errors: this.errors };
  }

  /** Reads each item on its own; false when an item refers to an anchor of another (the file must be parsed whole). */
  readItems(list: BlockList): boolean {
    for (const item of list.items) {
      if (item.end - item.start > MAX_YAML_PARSE_CHARS) {
        this.error(item.start, `This CSL-YAML item is ${megabytes(item.end - item.start)}; CALM Cite reads items up to ${megabytes(MAX_YAML_PARSE_CHARS)}, so it was left out.`);
        continue;
      }
      let document: Document.Parsed;
      try {
        document = parseDocument(this.text.slice(item.start, item.end));
      } catch (error) {
        this.error(item.start, `Unreadable CSL-YAML entry: ${messageOf(error)}`);
        continue;
      }
      const node = isSeq(document.contents) ? (document.contents.items[0] as Node | undefined) : undefined;
      const wholeFileReadable = this.text.length <= MAX_YAML_PARSE_CHARS;
      if (!this.readDocumentItems(document, node ? [node] : [], item.start, wholeFileReadable)) return false;
    }
    if (list.strayContent !== undefined) this.error(list.strayContent, 'Malformed CSL-YAML: only the list of items may stand at this indentation; the rest of the file was not read.');
    return true;
  }

  /** The whole file through the `yaml` parser: what a file that is not a block list of items needs. */
  readWholeFile(): void {
    if (this.text.length > MAX_YAML_PARSE_CHARS) {
      this.error(0, `This CSL-YAML file is ${megabytes(this.text.length)} and not a block list of items (\`- id: ...\` lines); CALM Cite reads other forms up to ${megabytes(MAX_YAML_PARSE_CHARS)}.`);
      return;
    }
    let documents: Document.Parsed[];
    try {
      documents = parseAllDocuments(this.text) as Document.Parsed[];
    } catch (error) {
      this.error(0, `Unreadable CSL-YAML: ${messageOf(error)}`);
      return;
    }
    if (!Array.isArray(documents)) return;
    for (const document of documents) {
      const items = itemList(document);
      if (!items && document.contents !== null && document.errors.length === 0) {
        this.error(document.contents.range?.[0] ?? 0, 'Expected a list of CSL items or a `references:` list.');
      }
      this.readDocumentItems(document, items ?? [], 0, false);
    }
  }

  /**
   * The items of a parsed document whose text starts at file offset `offset`; an item holding a syntax error is
   * left out. With `stopAtOuterAlias`, an item that needs an anchor it does not define (one set in an earlier
   * item) stops the reading: false, and the file is to be parsed whole.
   */
  private readDocumentItems(document: Document.Parsed, items: readonly Node[], offset: number, stopAtOuterAlias: boolean): boolean {
    const errorOffsets = document.errors.map((error) => error.pos[0]).sort((a, b) => a - b);
    for (const error of document.errors) this.error(offset + error.pos[0], `Malformed CSL-YAML: ${firstLine(error.message)}`);
    for (const item of items) {
      const [start, valueEnd] = item.range ?? [0, 0, 0];
      if (anyWithin(errorOffsets, start, valueEnd)) continue;
      const value = itemValue(item, document);
      if (!value.ok && stopAtOuterAlias && value.unresolvedAlias) return false;
      if (!value.ok) {
        this.error(offset + start, value.message);
        continue;
      }
      const source = { path: this.path, ...this.lines.position(offset + start) };
      const entrySpan = { start: offset + start, end: trimmedEnd(this.text, offset + start, offset + valueEnd), line: source.line, column: source.column };
      const mapped = cslItemToReference(value.item, { source, entrySpan, keySpan: this.keySpan(item, offset), library: this.library });
      if (mapped.ok) this.references.push(withKeySpanIfWritten(mapped.reference, this.text));
      else this.error(offset + start, mapped.message);
    }
    return true;
  }

  /** Where the item's `id` value is written, inside its quotes if it has them. */
  private keySpan(item: Node, offset: number): SourceSpan | undefined {
    const id = isMap(item) ? item.get('id', true) : undefined;
    if (!isScalar(id) || !id.range) return undefined;
    let start = offset + id.range[0];
    let end = offset + id.range[1];
    if (id.type === 'QUOTE_DOUBLE' || id.type === 'QUOTE_SINGLE') {
      start++;
      end--;
    }
    return end > start ? { start, end, ...this.lines.position(start) } : undefined;
  }

  private error(offset: number, message: string): void {
    const at = this.lines.position(offset);
    if (this.errorCap.admit(at.line, at.column)) this.errors.push({ path: this.path, ...at, message });
  }
}

/**
 * The items of a block list, found line by line: a file whose first content is `- ` at column 0, or a top-level
 * `references:` key followed by such a list (at any indentation). An item runs from its `- ` line to the next
 * line at the list's indentation; blank and comment lines belong to the item before them. Undefined for
 * anything else, which the `yaml` parser reads whole.
 */
function blockListItems(text: string): BlockList | undefined {
  const lines = new LineCursor(text);
  let sawDocumentStart = false;
  // Directives, comments and a `---` before the content.
  while (lines.next()) {
    if (lines.isBlankOrComment() || (lines.indent === 0 && lines.startsWith('%'))) continue;
    if (lines.isDocumentMarker('---') && lines.lineEnd === lines.lineStart + 3 && !sawDocumentStart) {
      sawDocumentStart = true;
      continue;
    }
    break;
  }
  if (lines.atEnd) return undefined;
  if (lines.indent === 0 && lines.isItemStart()) return listFrom(lines, 0, true);
  // A top-level mapping: find `references:`; the lines of other keys' values are skipped.
  for (; !lines.atEnd; lines.next()) {
    if (lines.indent > 0 || lines.isBlankOrComment() || lines.isItemStart()) continue;
    if (lines.isDocumentMarker('---') || lines.isDocumentMarker('...')) return undefined;
    if (!REFERENCES_KEY.test(lines.text())) continue;
    do lines.next();
    while (!lines.atEnd && lines.isBlankOrComment());
    if (lines.atEnd || !lines.isItemStart()) return undefined;
    return listFrom(lines, lines.indent, false);
  }
  return undefined;
}

const REFERENCES_KEY = /^references[ \t]*:[ \t]*(?:#.*)?$/;

/** The items of the list whose first item starts at the cursor, at indentation `indent`. */
function listFrom(lines: LineCursor, indent: number, wholeFile: boolean): BlockList | undefined {
  const items: Span[] = [];
  let start = lines.lineStart;
  let contentEnd = lines.lineEnd;
  let strayContent: number | undefined;
  while (lines.next()) {
    if (lines.isBlankOrComment()) continue;
    if (lines.isDocumentMarker('---') || lines.isDocumentMarker('...')) {
      // Another document after this one: the file is parsed whole.
      if (lines.hasContentAfter()) return undefined;
      break;
    }
    if (lines.indent > indent) {
      contentEnd = lines.lineEnd;
    } else if (lines.indent === indent && lines.isItemStart()) {
      items.push({ start, end: contentEnd });
      start = lines.lineStart;
      contentEnd = lines.lineEnd;
    } else {
      // The list ends. In a `references:` mapping the next key may follow; anything else is out of place.
      if (wholeFile || lines.indent > 0) strayContent = lines.lineStart + lines.indent;
      break;
    }
  }
  items.push({ start, end: contentEnd });
  return { items, strayContent };
}

/** Walks the lines of a text in place; `next()` moves to the following line. */
class LineCursor {
  lineStart = 0;
  /** The end of the line's text, before its CR or LF. */
  lineEnd = 0;
  /** Spaces before the line's first other character. */
  indent = 0;
  atEnd = false;
  /** The offset of the LF that ends the line, or the text's length. */
  private lineBreak = -1;

  constructor(private readonly source: string) {}

  next(): boolean {
    if (this.lineBreak >= this.source.length) {
      this.atEnd = true;
      return false;
    }
    this.lineStart = this.lineBreak + 1;
    const newline = this.source.indexOf('\n', this.lineStart);
    this.lineBreak = newline < 0 ? this.source.length : newline;
    this.lineEnd = this.lineBreak > this.lineStart && this.source.charCodeAt(this.lineBreak - 1) === 13 ? this.lineBreak - 1 : this.lineBreak;
    let p = this.lineStart;
    while (p < this.lineEnd && this.source.charCodeAt(p) === 32) p++;
    this.indent = p - this.lineStart;
    return true;
  }

  text(): string {
    return this.source.slice(this.lineStart, this.lineEnd);
  }

  startsWith(prefix: string): boolean {
    return this.source.startsWith(prefix, this.lineStart);
  }

  isBlankOrComment(): boolean {
    let p = this.lineStart + this.indent;
    while (p < this.lineEnd && this.source.charCodeAt(p) === 9) p++;
    return p >= this.lineEnd || this.source.charCodeAt(p) === 35; /* # */
  }

  /** `- ` (or a lone `-`) at the line's indentation. */
  isItemStart(): boolean {
    const first = this.lineStart + this.indent;
    return this.source.charCodeAt(first) === 45 /* - */ && this.endsWord(first + 1);
  }

  isDocumentMarker(marker: '---' | '...'): boolean {
    return this.indent === 0 && this.startsWith(marker) && this.endsWord(this.lineStart + 3);
  }

  /** Whether a line other than blanks, comments and bare document markers follows this one. */
  hasContentAfter(): boolean {
    const rest = new LineCursor(this.source);
    rest.lineBreak = this.lineBreak;
    while (rest.next()) {
      const bareMarker = (rest.isDocumentMarker('---') || rest.isDocumentMarker('...')) && rest.lineEnd === rest.lineStart + 3;
      if (!rest.isBlankOrComment() && !bareMarker) return true;
    }
    return false;
  }

  private endsWord(p: number): boolean {
    return p >= this.lineEnd || this.source.charCodeAt(p) === 32 || this.source.charCodeAt(p) === 9;
  }
}

function itemList(document: Document.Parsed): Node[] | undefined {
  const contents = document.contents;
  if (isSeq(contents)) return contents.items as Node[];
  if (isMap(contents)) {
    const references = contents.get('references', true);
    if (isSeq(references)) return references.items as Node[];
  }
  return undefined;
}

/** Whether a sorted list holds a value in [low, high]. */
function anyWithin(sorted: readonly number[], low: number, high: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const middle = (lo + hi) >>> 1;
    if (sorted[middle]! < low) lo = middle + 1;
    else hi = middle;
  }
  return lo < sorted.length && sorted[lo]! <= high;
}

/** Converting a node throws for aliases that are unresolved or expand too much (a "billion laughs" file). */
function itemValue(item: Node, document: Document.Parsed): { ok: true; item: unknown } | { ok: false; message: string; unresolvedAlias: boolean } {
  try {
    return { ok: true, item: item.toJS(document) };
  } catch (error) {
    const message = messageOf(error);
    return { ok: false, message: `Unreadable CSL-YAML entry: ${message}`, unresolvedAlias: /Unresolved alias/.test(message) };
  }
}

/** A key span only where the text there is the key (a YAML escape or a number form can change it). */
function withKeySpanIfWritten(reference: Reference, text: string): Reference {
  const span = reference.keySpan;
  if (span && text.slice(span.start, span.end) !== reference.key) delete reference.keySpan;
  return reference;
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The yaml package appends its own position and a source excerpt; the error's location already says where. */
function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
