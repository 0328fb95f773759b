import { MACRO_EXPANSION_ALLOWANCE, MAX_ENTRIES_PER_FILE, macroBudgetMessage, tooManyEntriesMessage } from '../../limits';
import { ErrorCap } from '../errorCap';
import { NextChar } from './nextChar';
import { LineCounter } from './lineCounter';
import { EncodingCheck } from './encodingCheck';

/**
 * Makes the caller's object for an entry as written: lower-case type and field names, field values with
 * macros resolved and `#` joined. Building the final object here saves an intermediate one per entry.
 */
export type EntryBuilder<T> = (type: string, key: string, fields: Record<string, string>, place: EntryPlace) => T;

/**
 * Where an entry and its key are written. Offsets are UTF-16 indices into the whole file's text (after a
 * byte-order mark, as editors hold it), ends exclusive; lines and columns are 1-based, columns in UTF-16 units.
 */
export interface EntryPlace {
  /** The entry's `@`. */
  start: number;
  line: number;
  column: number;
  /** Just after the entry's closing brace; undefined when an error cut the entry short (its fields before the error are kept). */
  end: number | undefined;
  keyStart: number;
  keyLine: number;
  keyColumn: number;
}

/**
 * The characters @string macros and `#` joins may still build in one file (see `MACRO_EXPANSION_ALLOWANCE`),
 * shared by the pieces of a file read piece by piece.
 */
export class ExpansionBudget {
  readonly total: number;
  remaining: number;

  constructor(fileLength: number) {
    this.total = fileLength + MACRO_EXPANSION_ALLOWANCE;
    this.remaining = this.total;
  }
}

export interface ScanError {
  line: number;
  column: number;
  message: string;
}

export interface ScanResult<T> {
  entries: T[];
  errors: ScanError[];
  /** @string definitions made by this text, lower-case names. */
  macros: Map<string, string>;
}

/**
 * Where a piece of a larger file sits in it, for scanning a file piece by piece. The piece starts at a line
 * start; its text runs on past `end` through the next entry's `@type{` only, so that values and entries stop
 * before that header exactly as they would in the whole file.
 */
export interface ScanPiece {
  /** The file's line number of the piece's first line. */
  firstLine: number;
  /** The file's offset (UTF-16 units) of the piece's first character. */
  firstOffset: number;
  /** Items starting at or after this offset belong to the next piece. */
  end: number;
  /** Entries read from the pieces before, which count against the file's entry limit. */
  entriesBefore: number;
  /** Shared by a file's pieces: each would otherwise slice and lower-case every field name again. */
  names: NameInterner;
  budget: ExpansionBudget;
  /** Shared by a file's pieces: the errors past the first thousand are only counted. */
  errorCap: ErrorCap;
}

export interface PieceScanResult<T> extends ScanResult<T> {
  /** The file's line number at `end`: the next piece's first line. */
  endLine: number;
  /** The entry limit was reached: the rest of the file is not to be read. */
  stopped: boolean;
}

/** BibTeX styles predefine the month abbreviations; every real file relies on them. */
const MONTH_MACROS: ReadonlyMap<string, string> = new Map([
  ['jan', 'January'], ['feb', 'February'], ['mar', 'March'], ['apr', 'April'], ['may', 'May'], ['jun', 'June'],
  ['jul', 'July'], ['aug', 'August'], ['sep', 'September'], ['oct', 'October'], ['nov', 'November'], ['dec', 'December'],
]);

const NL = 10, CR = 13, SPACE = 32, TAB = 9, QUOTE = 34, HASH = 35, LPAREN = 40, RPAREN = 41, COMMA = 44,
  EQUALS = 61, AT = 64, LBRACE = 123, RBRACE = 125, DIGIT_0 = 48, DIGIT_9 = 57;

/*
 * Character classes as table lookups: one load per character instead of a chain of comparisons. Kept in
 * this module because calls across modules go through export getters when run from TypeScript sources.
 */
const SPACE_CLASS = 1;
/** Ends a key, field name or macro name. */
const NAME_END_CLASS = 2;

const table = new Uint8Array(65536);
for (const c of [32, 9, 10, 11, 12, 13, 0xa0, 0xfeff]) table[c] = SPACE_CLASS | NAME_END_CLASS;
for (let c = 0; c < 32; c++) table[c]! |= NAME_END_CLASS;
for (const ch of ',={}()"#@%') table[ch.charCodeAt(0)]! |= NAME_END_CLASS;

function isSpace(c: number): boolean {
  return (table[c]! & SPACE_CLASS) !== 0;
}

/** True for characters that end a name, and for NaN (past the end of the text). */
function endsName(c: number): boolean {
  return c !== c || (table[c]! & NAME_END_CLASS) !== 0;
}

function isTypeChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= DIGIT_0 && c <= DIGIT_9) || c === 95 || c === 45;
}

function describe(c: number): string {
  if (c !== c) return 'the end of the file';
  if (c === NL || c === CR) return 'a line break';
  return `'${String.fromCharCode(c)}'`;
}

/** Thrown inside the scanner only, to abandon the current entry; never escapes `scanBibtex`. */
class EntryAbandoned {
  constructor(readonly resumeAt: number) {}
}

/**
 * One pass over BibTeX/BibLaTeX text. Text outside entries is a comment, as in BibTeX. A broken entry
 * becomes one located error and scanning resumes at the next line that starts with `@`, so one bad
 * entry never costs the others.
 */
export function scanBibtex<T>(
  text: string,
  build: EntryBuilder<T>,
  externalMacros?: ReadonlyMap<string, string>,
  maxEntries = MAX_ENTRIES_PER_FILE,
): ScanResult<T> {
  const errorCap = new ErrorCap();
  const piece = { firstLine: 1, firstOffset: 0, end: text.length, entriesBefore: 0, names: new NameInterner(), budget: new ExpansionBudget(text.length), errorCap };
  const scanner = new Scanner(text, build, externalMacros, maxEntries, piece);
  scanner.run();
  const summary = errorCap.summary();
  if (summary) scanner.errors.push(summary);
  // Only a file that did not read cleanly is searched for encoding damage: it is the likely cause, and
  // two more passes over every good file would cost as much as scanning it.
  if (scanner.errors.length > 0 || scanner.entries.length === 0) {
    const check = new EncodingCheck();
    check.add(text, 1);
    scanner.errors.unshift(...check.problems());
  }
  return { entries: scanner.entries, errors: scanner.errors, macros: scanner.macros };
}

/**
 * Scans one piece of a file (see `ScanPiece`), with lines numbered as in the whole file. The encoding
 * check is left to the caller, which sees the whole file.
 */
export function scanBibtexPiece<T>(
  text: string,
  piece: ScanPiece,
  build: EntryBuilder<T>,
  externalMacros: ReadonlyMap<string, string> | undefined,
  maxEntries: number,
): PieceScanResult<T> {
  const scanner = new Scanner(text, build, externalMacros, maxEntries, piece);
  scanner.run();
  return { entries: scanner.entries, errors: scanner.errors, macros: scanner.macros, endLine: scanner.lineAt(piece.end), stopped: scanner.stopped };
}

class Scanner<T> {
  private readonly len: number;
  private readonly lines: LineCounter;
  readonly entries: T[] = [];
  readonly errors: ScanError[] = [];
  readonly macros = new Map<string, string>();
  private readonly names: NameInterner;
  private readonly nextOpenBrace: NextChar;
  private readonly nextCloseBrace: NextChar;
  private readonly nextQuote: NextChar;
  private readonly nextAt: NextChar;
  private pos = 0;
  /** The item being read, for error messages: where its `@` is, what closes it, how to name it. */
  private entryAt = 0;
  private entryClose = RBRACE;
  private entryType = '';
  private entryKey = '';
  /** Set when the entry limit is reached: the rest of the file is not read. */
  stopped = false;
  /**
   * The fields of the entry being read, kept with its key if an error abandons it (undefined between
   * entries); plain properties rather than one object, which would be one more allocation per entry.
   */
  private entryFields: Record<string, string> | undefined;
  private entryKeyStart = 0;
  /** The cache of `nextEntryHeader`: no entry header lies in [headerSearchedFrom, headerFound). */
  private headerSearchedFrom = 0;
  private headerFound = -1;

  constructor(
    private readonly text: string,
    private readonly build: EntryBuilder<T>,
    private readonly externalMacros: ReadonlyMap<string, string> | undefined,
    private readonly maxEntries: number,
    private readonly piece: ScanPiece,
  ) {
    this.len = text.length;
    this.lines = new LineCounter(text, piece.firstLine);
    this.names = piece.names;
    this.nextOpenBrace = new NextChar(text, '{');
    this.nextCloseBrace = new NextChar(text, '}');
    this.nextQuote = new NextChar(text, '"');
    this.nextAt = new NextChar(text, '@');
  }

  run(): void {
    const text = this.text;
    while (!this.stopped) {
      const at = text.indexOf('@', this.pos);
      if (at < 0 || at >= this.piece.end) break;
      this.pos = at + 1;
      try {
        this.readItem(at);
      } catch (e) {
        if (!(e instanceof EntryAbandoned)) throw e;
        // BibTeX keeps an entry whose syntax breaks after its key, with the fields read before the error:
        // the error is reported, and citations of the key still resolve.
        if (this.entryFields) this.addEntry(this.entryAt, this.entryType, this.entryKey, this.entryKeyStart, this.entryFields, undefined);
        this.entryFields = undefined;
        this.pos = this.nextLineStartingWithAt(e.resumeAt);
      }
    }
  }

  lineAt(offset: number): number {
    return this.lines.locate(offset).line;
  }

  private readItem(at: number): void {
    const text = this.text;
    let p = at + 1;
    while (p < this.len && isTypeChar(text.charCodeAt(p))) p++;
    if (p === at + 1) return; // an e-mail address or stray `@` in comment text
    const typeEnd = p;
    p = this.skipSpace(p);
    const open = text.charCodeAt(p);
    if (open !== LBRACE && open !== LPAREN) return; // `@word` in comment text
    const close = open === LBRACE ? RBRACE : RPAREN;
    const type = this.names.lowerCaseName(text, at + 1, typeEnd, hashOf(text, at + 1, typeEnd));
    this.entryAt = at;
    this.entryClose = close;
    this.entryType = type;
    this.entryKey = '';
    if (type === 'comment') {
      this.pos = this.skipComment(p);
    } else if (type === 'string') {
      this.pos = this.readString(p + 1, close);
    } else if (type === 'preamble') {
      const end = this.skipSpace(this.readValue(p + 1, 'preamble'));
      if (text.charCodeAt(end) !== close) {
        this.failUnlessNextEntry(end);
        this.fail(end, `@preamble: expected '${String.fromCharCode(close)}' after the value, found ${describe(text.charCodeAt(end))}`);
      }
      this.pos = end + 1;
    } else {
      this.pos = this.readEntry(at, type, p + 1, close);
    }
  }

  private readEntry(at: number, type: string, start: number, close: number): number {
    const text = this.text;
    let p = this.skipSpace(start);
    const keyStart = p;
    while (p < this.len) {
      const c = text.charCodeAt(p);
      if (c === close || endsName(c)) break;
      p++;
    }
    if (p === keyStart) this.fail(p, `@${type} entry has no key: expected a key before ${describe(text.charCodeAt(p))}`);
    const key = text.slice(keyStart, p);
    this.entryKey = key;
    const fields: Record<string, string> = {};
    this.entryFields = fields;
    this.entryKeyStart = keyStart;
    p = this.readFields(key, p, close, fields);
    this.entryFields = undefined;
    this.addEntry(at, type, key, keyStart, fields, p + 1);
    return p + 1;
  }

  /** Reads `, name = value, ...` after the key at `p` into `fields`; returns the offset of the closing brace. */
  private readFields(key: string, p: number, close: number, fields: Record<string, string>): number {
    const text = this.text;
    p = this.skipSpace(p);
    let c = text.charCodeAt(p);
    if (c === close) return p;
    if (c !== COMMA) {
      this.failUnlessNextEntry(p);
      this.fail(p, `missing comma after key '${key}': found ${describe(c)}`);
    }
    p++;
    for (;;) {
      p = this.skipSpace(p);
      c = text.charCodeAt(p);
      if (c === close) return p;
      this.failUnlessNextEntry(p);
      const nameStart = p;
      let hash = 0;
      while (p < this.len) {
        c = text.charCodeAt(p);
        if (endsName(c) || c === close) break;
        hash = (Math.imul(hash, 31) + c) | 0;
        p++;
      }
      if (p === nameStart) this.fail(p, `entry '${key}': expected a field name, found ${describe(c)}`);
      const name = this.names.lowerCaseName(text, nameStart, p, hash);
      const nameEnd = p;
      p = this.skipSpace(p);
      if (text.charCodeAt(p) !== EQUALS) {
        this.fail(p, `entry '${key}': missing '=' after field '${text.slice(nameStart, nameEnd)}', found ${describe(text.charCodeAt(p))}`);
      }
      p = this.readValue(p + 1, name);
      // BibTeX keeps the first of repeated fields; `__proto__` would replace the object's prototype.
      if (this.valueOverBudgetAt < 0 && !Object.hasOwn(fields, name) && name !== '__proto__') fields[name] = this.value;
      p = this.skipSpace(p);
      c = text.charCodeAt(p);
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === close) return p;
      this.failUnlessNextEntry(p);
      this.fail(p, `entry '${key}': missing comma after field '${name}', found ${describe(c)}`);
    }
  }

  private addEntry(at: number, type: string, key: string, keyStart: number, fields: Record<string, string>, end: number | undefined): void {
    if (this.piece.entriesBefore + this.entries.length >= this.maxEntries) {
      this.error(at, tooManyEntriesMessage(this.maxEntries));
      this.stopped = true;
      return;
    }
    const { line, column } = this.lines.locate(at);
    const keyPosition = this.lines.locate(keyStart);
    const offset = this.piece.firstOffset;
    this.entries.push(
      this.build(type, key, fields, {
        start: offset + at,
        line,
        column,
        end: end === undefined ? undefined : offset + end,
        keyStart: offset + keyStart,
        keyLine: keyPosition.line,
        keyColumn: keyPosition.column,
      }),
    );
  }

  private readString(start: number, close: number): number {
    const text = this.text;
    let p = start;
    for (;;) {
      p = this.skipSpace(p);
      if (text.charCodeAt(p) === close) return p + 1;
      this.failUnlessNextEntry(p);
      const nameStart = p;
      while (p < this.len && !endsName(text.charCodeAt(p)) && text.charCodeAt(p) !== close) p++;
      if (p === nameStart) this.fail(p, `@string: expected a macro name, found ${describe(text.charCodeAt(p))}`);
      const name = text.slice(nameStart, p);
      this.entryKey = name;
      p = this.skipSpace(p);
      if (text.charCodeAt(p) !== EQUALS) {
        this.fail(p, `@string '${name}': missing '=' after the name, found ${describe(text.charCodeAt(p))}`);
      }
      p = this.skipSpace(this.readValue(p + 1, name));
      const overBudget = this.valueOverBudgetAt >= 0;
      const c = text.charCodeAt(p);
      if (c !== COMMA && c !== close) {
        this.failUnlessNextEntry(p);
        this.fail(p, `@string '${name}': expected '${String.fromCharCode(close)}' after the value, found ${describe(c)}`);
      }
      // Only now: a definition whose text is broken must not shadow a good one from another file.
      if (!overBudget) this.macros.set(name.toLowerCase(), this.value);
      if (c === close) return p + 1;
      p++;
    }
  }

  /** Set by `readValue`: the value text. A field out-parameter avoids allocating a result object per field. */
  private value = '';
  /** Set by `readValue`: where the value would have passed the file's expansion budget, or -1. */
  private valueOverBudgetAt = -1;

  /**
   * Reads `part # part # ...` from `start`; sets `this.value` and returns the offset after the value. A value
   * that is one braced, quoted or numeric part is a slice of the text and costs nothing new; one built from
   * macros or joins is charged to the file's expansion budget, and past it is reported and left out
   * (`valueOverBudgetAt`) before the string is made.
   */
  private readValue(start: number, fieldName: string): number {
    const text = this.text;
    const budget = this.piece.budget;
    let p = start;
    let value = '';
    let built = false;
    this.valueOverBudgetAt = -1;
    for (;;) {
      p = this.skipSpace(p);
      const partStart = p;
      const c = text.charCodeAt(p);
      let part: string;
      if (c === LBRACE) {
        const end = this.findClosingBrace(p, fieldName);
        part = text.slice(p + 1, end);
        p = end + 1;
      } else if (c === QUOTE) {
        const end = this.findClosingQuote(p, fieldName);
        part = text.slice(p + 1, end);
        p = end + 1;
      } else if (c >= DIGIT_0 && c <= DIGIT_9) {
        const numberStart = p;
        while (p < this.len && !endsName(text.charCodeAt(p))) p++;
        part = text.slice(numberStart, p);
      } else if (!endsName(c)) {
        const nameStart = p;
        while (p < this.len && !endsName(text.charCodeAt(p))) p++;
        part = this.expandMacro(text.slice(nameStart, p));
        built = true;
      } else {
        this.failUnlessNextEntry(p);
        return this.fail(p, `${this.where(fieldName)}: expected a value, found ${describe(c)}`);
      }
      if (value !== '') built = true;
      if (this.valueOverBudgetAt < 0) {
        if (built && value.length + part.length > budget.remaining) this.valueOverBudgetAt = partStart;
        else value = value === '' ? part : value + part;
      }
      p = this.skipSpace(p);
      if (text.charCodeAt(p) !== HASH) break;
      p++;
    }
    if (this.valueOverBudgetAt >= 0) {
      this.error(this.valueOverBudgetAt, `${this.where(fieldName)}: ${macroBudgetMessage(budget.total)}`);
      value = '';
    } else if (built) {
      budget.remaining -= value.length;
    }
    this.value = value;
    return p;
  }

  /** An undefined macro keeps its name: in multi-file projects it is usually defined in a sibling file. */
  private expandMacro(name: string): string {
    const lower = name.toLowerCase();
    return this.macros.get(lower) ?? this.externalMacros?.get(lower) ?? MONTH_MACROS.get(lower) ?? name;
  }

  /**
   * Offset of the `}` matching the `{` at `open`. BibTeX counts every brace, escaped or not. A value
   * never runs into the next entry's header: that means an unclosed brace, and stopping there keeps
   * every value's search local, so a file of unbalanced braces still reads in one linear pass.
   */
  private findClosingBrace(open: number, fieldName: string): number {
    const header = this.nextEntryHeader(open + 1);
    let depth = 1;
    let p = open + 1;
    for (;;) {
      const close = this.nextCloseBrace.from(p);
      if (close >= header) return this.reportUnclosed(open, '}', fieldName, header);
      const nested = this.nextOpenBrace.from(p);
      if (nested < close) {
        depth++;
        p = nested + 1;
      } else {
        p = close + 1;
        if (--depth === 0) return close;
      }
    }
  }

  /** Offset of the `"` that ends the quoted value at `open`; quotes inside braces do not count. */
  private findClosingQuote(open: number, fieldName: string): number {
    const header = this.nextEntryHeader(open + 1);
    let p = open + 1;
    for (;;) {
      const quote = this.nextQuote.from(p);
      if (quote >= header) return this.reportUnclosed(open, '"', fieldName, header);
      const brace = this.nextOpenBrace.from(p);
      if (brace > quote) return quote;
      p = this.findClosingBrace(brace, fieldName) + 1;
    }
  }

  /**
   * Offset of the first entry header (`@type{` at a line start) at or after `p`, or the text length.
   * Values are read in text order, so one cached search answers every value up to that header.
   */
  private nextEntryHeader(p: number): number {
    if (p > this.headerFound || p < this.headerSearchedFrom) {
      let at = this.nextAt.from(p);
      while (at < this.len && !(isAtLineStart(this.text, at) && this.isEntryHeaderAt(at))) at = this.nextAt.from(at + 1);
      this.headerSearchedFrom = p;
      this.headerFound = at;
    }
    return this.headerFound;
  }

  /** `nextHeader` is the next entry's offset, or the text length when the value runs to the end of the file. */
  private reportUnclosed(open: number, closer: string, fieldName: string, nextHeader: number): never {
    const before = nextHeader < this.len ? `before the next entry at line ${this.lines.locate(nextHeader).line}` : 'before the end of the file';
    const opener = closer === '}' ? '{' : '"';
    this.error(open, `${this.where(fieldName)}: the value is not closed: '${opener}' has no matching '${closer}' ${before}`);
    throw new EntryAbandoned(nextHeader);
  }

  /**
   * Called where the current entry expected more syntax: if `p` is the header of the next entry (or the end of
   * the file), the current entry was never closed. Checking here keeps a broken entry from swallowing the next.
   */
  private failUnlessNextEntry(p: number): void {
    if (p < this.len && !(this.text.charCodeAt(p) === AT && isAtLineStart(this.text, p) && this.isEntryHeaderAt(p))) return;
    const before = p < this.len ? `before the next entry at line ${this.lines.locate(p).line}` : 'before the end of the file';
    const closer = this.entryClose === RPAREN ? ')' : '}';
    this.error(this.entryAt, `${this.entryLabel()} is not closed: expected '${closer}' ${before}`);
    throw new EntryAbandoned(p);
  }

  /** `@type{` or `@type(` at `p`, after optional blanks: the start of an entry. */
  private isEntryHeaderAt(p: number): boolean {
    const text = this.text;
    p = this.skipBlanks(p);
    if (text.charCodeAt(p) !== AT) return false;
    const typeStart = ++p;
    while (p < this.len && isTypeChar(text.charCodeAt(p))) p++;
    if (p === typeStart) return false;
    p = this.skipBlanks(p);
    const c = text.charCodeAt(p);
    return c === LBRACE || c === LPAREN;
  }

  /** @comment{...} hides its balanced contents; an unbalanced one ends at the next entry header. */
  private skipComment(open: number): number {
    const text = this.text;
    const close = text.charCodeAt(open) === LBRACE ? RBRACE : RPAREN;
    let depth = 0;
    for (let p = open; p < this.len; p++) {
      const c = text.charCodeAt(p);
      if (c === LBRACE || (close === RPAREN && c === LPAREN)) depth++;
      else if (c === RBRACE || (close === RPAREN && c === RPAREN)) {
        if (--depth === 0) return p + 1;
      } else if (c === NL && this.isEntryHeaderAt(p + 1)) return p + 1;
    }
    return this.len;
  }

  /** How messages name the item being read; built only when there is an error to report. */
  private entryLabel(): string {
    if (this.entryType === 'string') return this.entryKey === '' ? '@string' : `@string '${this.entryKey}'`;
    if (this.entryType === 'preamble') return '@preamble';
    return this.entryKey === '' ? `@${this.entryType} entry` : `entry '${this.entryKey}'`;
  }

  private where(fieldName: string): string {
    const label = this.entryLabel();
    return label.startsWith('@') ? label : `${label}, field '${fieldName}'`;
  }

  private error(at: number, message: string): void {
    const { line, column } = this.lines.locate(at);
    if (this.piece.errorCap.admit(line, column)) this.errors.push({ line, column, message });
  }

  private fail(at: number, message: string): never {
    this.error(at, message);
    throw new EntryAbandoned(at);
  }

  private skipSpace(p: number): number {
    const text = this.text;
    while (p < this.len && isSpace(text.charCodeAt(p))) p++;
    return p;
  }

  /** Spaces and tabs only: used to find `@` at the start of a line. */
  private skipBlanks(p: number): number {
    const text = this.text;
    let c = text.charCodeAt(p);
    while (c === SPACE || c === TAB || c === CR) c = text.charCodeAt(++p);
    return p;
  }

  /** Where to resume after a broken entry: the next line that starts with `@` (after blanks). */
  private nextLineStartingWithAt(from: number): number {
    const text = this.text;
    if (text.charCodeAt(from) === AT && isAtLineStart(text, from)) return from;
    let nl = text.indexOf('\n', from);
    while (nl >= 0) {
      const p = this.skipBlanks(nl + 1);
      if (text.charCodeAt(p) === AT) return p;
      nl = text.indexOf('\n', p);
    }
    return this.len;
  }
}

function hashOf(text: string, start: number, end: number): number {
  let hash = 0;
  for (let p = start; p < end; p++) hash = (Math.imul(hash, 31) + text.charCodeAt(p)) | 0;
  return hash;
}

/**
 * Field names and entry types repeat on every entry: looking them up by a hash taken while scanning
 * saves slicing and lower-casing a million short strings in a large file (and their garbage collection).
 */
export class NameInterner {
  /** hash -> [spelling, lower-case, spelling, lower-case, ...] */
  private readonly byHash = new Map<number, string[]>();

  /** The lower-case form of the name `text.slice(start, end)`, whose `hashOf` is `hash`. */
  lowerCaseName(text: string, start: number, end: number, hash: number): string {
    const length = end - start;
    let candidates = this.byHash.get(hash);
    if (candidates !== undefined) {
      for (let i = 0; i < candidates.length; i += 2) {
        const spelling = candidates[i]!;
        if (spelling.length === length && text.startsWith(spelling, start)) return candidates[i + 1]!;
      }
    } else {
      candidates = [];
      this.byHash.set(hash, candidates);
    }
    const spelling = text.slice(start, end);
    const lower = spelling.toLowerCase();
    candidates.push(spelling, lower);
    return lower;
  }
}

function isAtLineStart(text: string, p: number): boolean {
  let q = p - 1;
  while (q >= 0) {
    const c = text.charCodeAt(q);
    if (c === NL) return true;
    if (c !== SPACE && c !== TAB && c !== CR) return false;
    q--;
  }
  return true;
}
