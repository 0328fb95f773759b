/**
 * TeX to Unicode for display and search: accents in every spelling BibTeX files use, the common symbol
 * macros, dashes and quotes, with grouping braces and text-style commands dropped. Math is kept as written
 * (only the `$` go), because no plain-text rendering of it is better than the source.
 */

/** Accent commands and the combining mark each one puts on the following letter. */
const ACCENTS: Readonly<Record<string, string>> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', d: '\u0323', b: '\u0331', k: '\u0328', r: '\u030A',
  t: '\u0361', G: '\u030F', U: '\u030E',
};

/** Commands that stand for a character or a short text. */
const SYMBOLS: Readonly<Record<string, string>> = {
  i: 'ı', j: 'ȷ', o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', ss: 'ß', SS: 'SS', aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ',
  oe: 'œ', OE: 'Œ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', dj: 'đ', DJ: 'Đ', ng: 'ŋ', NG: 'Ŋ',
  '&': '&', '%': '%', _: '_', $: '$', '#': '#', '{': '{', '}': '}', ' ': ' ', ',': ' ', ';': ' ', ':': ' ',
  '!': '', '-': '', '/': '', '\\': ' ', '@': '',
  textendash: '–', textemdash: '—', textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“',
  textquotedblright: '”', textbackslash: '\\', textasciitilde: '~', textasciicircum: '^', textunderscore: '_',
  textbar: '|', textless: '<', textgreater: '>', textbullet: '•', textregistered: '®', texttrademark: '™',
  textcopyright: '©', copyright: '©', textdegree: '°', textperiodcentered: '·', S: '§', P: '¶', pounds: '£',
  euro: '€', texteuro: '€', dag: '†', ddag: '‡', ldots: '…', dots: '…', textellipsis: '…', guillemotleft: '«',
  guillemotright: '»', quad: ' ', qquad: ' ', space: ' ', slash: '/', LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX',
  LaTeXe: 'LaTeX2e', relax: '', protect: '', noindent: '', par: ' ', newline: ' ', linebreak: ' ',
  em: '', it: '', bf: '', sc: '', rm: '', sf: '', tt: '', sl: '', up: '', normalfont: '', itshape: '',
  bfseries: '', scshape: '', upshape: '', mdseries: '', small: '', footnotesize: '', large: '', Large: '',
};

/** Commands whose argument is not display text (sort keys, hyphenation hints). */
const DROP_ARGUMENT = new Set(['noopsort', 'sortkey', 'hyphenation', 'label', 'index', 'cite', 'ref']);

/** Commands that quote their argument. */
const QUOTING: Readonly<Record<string, readonly [string, string]>> = {
  enquote: ['“', '”'],
  mkbibquote: ['“', '”'],
  textquote: ['“', '”'],
};

const BACKSLASH = 92, LBRACE = 123, RBRACE = 125, DOLLAR = 36, TILDE = 126, HYPHEN = 45, BACKTICK = 96,
  APOSTROPHE = 39, SPACE = 32;

const PLAIN = 0, DASHES_ONLY = 1, TEX = 2;

/**
 * Classifies `value`: nothing to decode (most values), only `--`/`---` (page ranges, in nearly every
 * entry), or TeX that needs the decoder.
 */
function classify(value: string): number {
  let previous = SPACE;
  let dashes = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 33) {
      if (c !== SPACE || previous === SPACE) return TEX;
    } else if (c === BACKSLASH || c === LBRACE || c === RBRACE || c === DOLLAR || c === TILDE) {
      return TEX;
    } else if (c === BACKTICK || c === APOSTROPHE) {
      if (value.charCodeAt(i + 1) === c) return TEX;
    } else if (c === HYPHEN && value.charCodeAt(i + 1) === HYPHEN) {
      dashes = true;
    }
    previous = c;
  }
  if (previous === SPACE && value.length > 0) return TEX;
  return dashes ? DASHES_ONLY : PLAIN;
}

export function decodeTex(value: string): string {
  const kind = classify(value);
  if (kind === PLAIN) return value;
  if (kind === DASHES_ONLY) return value.replace(EM_DASH, '—').replace(EN_DASH, '–');
  try {
    return new TexDecoder(value).decode();
  } catch {
    // Only absurd nesting (thousands of groups inside accents or commands) exhausts the stack; the
    // value then shows as written rather than failing its whole file.
    return value;
  }
}

const EM_DASH = /---/g;
const EN_DASH = /--/g;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isWhite(c: number): boolean {
  return c === SPACE || c === 10 || c === 13 || c === 9;
}

/**
 * The decoded text, built from many small pieces. Appending them to one string would make a rope of one
 * 32-byte node per piece (a 50 MB title of `a~a~...` held 2 GB); instead pieces are joined into a flat
 * chunk every few thousand, so memory stays near the size of the text.
 */
class TextBuilder {
  private pieces: string[] = [];
  private readonly chunks: string[] = [];

  add(piece: string): void {
    this.pieces.push(piece);
    if (this.pieces.length === 4096) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  toString(): string {
    const last = this.pieces.join('');
    if (this.chunks.length === 0) return last;
    this.chunks.push(last);
    return this.chunks.join('');
  }
}

class TexDecoder {
  private pos = 0;
  private readonly out = new TextBuilder();
  /** Whether the output ends with a space, tracked rather than read back from the pieces. */
  private endsWithSpace = true;

  constructor(private readonly text: string) {}

  decode(): string {
    this.readUntil(this.text.length);
    return this.out.toString().trim();
  }

  /** Decodes text up to `end` (exclusive) into `out`. */
  private readUntil(end: number): void {
    const text = this.text;
    while (this.pos < end) {
      const c = text.charCodeAt(this.pos);
      if (c === BACKSLASH) {
        this.readCommand(end);
      } else if (c === LBRACE || c === RBRACE) {
        this.pos++;
      } else if (c === DOLLAR) {
        this.readMath(end);
      } else if (c === TILDE) {
        this.space();
        this.pos++;
      } else if (isWhite(c)) {
        this.space();
        this.pos++;
      } else if (c === HYPHEN && text.charCodeAt(this.pos + 1) === HYPHEN) {
        const em = text.charCodeAt(this.pos + 2) === HYPHEN;
        this.emit(em ? '—' : '–');
        this.pos += em ? 3 : 2;
      } else if (c === BACKTICK && text.charCodeAt(this.pos + 1) === BACKTICK) {
        this.emit('“');
        this.pos += 2;
      } else if (c === APOSTROPHE && text.charCodeAt(this.pos + 1) === APOSTROPHE) {
        this.emit('”');
        this.pos += 2;
      } else {
        // Copy a run of ordinary characters at once, single spaces between words included.
        const start = this.pos;
        let p = start + 1;
        for (; p < end; p++) {
          const next = text.charCodeAt(p);
          if (isOrdinary(next)) continue;
          if (next === SPACE && p + 1 < end && isOrdinary(text.charCodeAt(p + 1))) continue;
          break;
        }
        this.emit(text.slice(start, p));
        this.pos = p;
      }
    }
  }

  private emit(s: string): void {
    if (s.length === 0) return;
    this.out.add(s);
    this.endsWithSpace = s.charCodeAt(s.length - 1) === SPACE;
  }

  /** Spaces collapse to one, and none at the start. */
  private space(): void {
    if (this.endsWithSpace) return;
    this.out.add(' ');
    this.endsWithSpace = true;
  }

  private readMath(end: number): void {
    const text = this.text;
    const display = text.charCodeAt(this.pos + 1) === DOLLAR;
    const start = this.pos + (display ? 2 : 1);
    const close = text.indexOf(display ? '$$' : '$', start);
    // An unclosed `$` (it happens in abstracts) keeps the rest as written.
    const stop = close < 0 || close >= end ? end : close;
    this.emit(text.slice(start, stop));
    this.pos = stop === end ? end : stop + (display ? 2 : 1);
  }

  private readCommand(end: number): void {
    const text = this.text;
    const nameStart = this.pos + 1;
    let p = nameStart;
    if (p >= end) {
      this.pos = end;
      return;
    }
    if (isLetter(text.charCodeAt(p))) {
      while (p < end && isLetter(text.charCodeAt(p))) p++;
    } else {
      p++; // a control symbol: \' \& \\ ...
    }
    const name = text.slice(nameStart, p);
    this.pos = p;
    const accent = ACCENTS[name];
    if (accent !== undefined) {
      this.emit(this.accented(accent, end));
      return;
    }
    if (isLetter(text.charCodeAt(nameStart))) this.skipSpacesAfterControlWord(end);
    const symbol = SYMBOLS[name];
    if (symbol !== undefined) {
      if (symbol === ' ') this.space();
      else this.emit(symbol);
      return;
    }
    const quotes = QUOTING[name];
    if (quotes !== undefined) {
      this.emit(quotes[0]);
      this.readArgument(end, false);
      this.emit(quotes[1]);
      return;
    }
    // \emph{x}, \textbf{x}, \url{x}, unknown commands: keep the argument, drop the command.
    this.readArgument(end, DROP_ARGUMENT.has(name));
  }

  private skipSpacesAfterControlWord(end: number): void {
    while (this.pos < end && isWhite(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** A `{...}` argument, if one follows. */
  private readArgument(end: number, drop: boolean): void {
    const text = this.text;
    if (text.charCodeAt(this.pos) === 42 /* * */) this.pos++;
    if (text.charCodeAt(this.pos) !== LBRACE) return;
    const close = matchingBrace(text, this.pos, end);
    if (drop) {
      this.pos = close + 1;
      return;
    }
    this.pos++;
    this.readUntil(close);
    this.pos = Math.min(close + 1, end);
  }

  /** The letter an accent applies to, in any of `\'e`, `\'{e}`, `\' e`, `\v{\i}`, `\'{}`; composed with NFC. */
  private accented(mark: string, end: number): string {
    const text = this.text;
    while (this.pos < end && isWhite(text.charCodeAt(this.pos))) this.pos++;
    const openBrace = text.charCodeAt(this.pos) === LBRACE ? this.pos : -1;
    if (openBrace >= 0) {
      this.pos++;
      while (this.pos < end && isWhite(text.charCodeAt(this.pos))) this.pos++;
    }
    let base = '';
    const c = text.charCodeAt(this.pos);
    if (c === BACKSLASH) {
      // Dotless i and j are how TeX spells an accented i or j; the accent replaces the dot.
      const next = text.charCodeAt(this.pos + 1);
      if ((next === 105 || next === 106) && !isLetter(text.charCodeAt(this.pos + 2))) {
        base = String.fromCharCode(next);
        this.pos += 2;
        this.skipSpacesAfterControlWord(end);
      }
    } else if (this.pos < end && c !== RBRACE) {
      const code = text.codePointAt(this.pos)!;
      base = String.fromCodePoint(code);
      this.pos += base.length;
    }
    if (openBrace >= 0) {
      const close = matchingBrace(text, openBrace, end);
      // Anything after the letter inside the braces (`\'{et}` is rare but legal) is decoded too.
      const rest = this.pos < close ? new TexDecoder(text.slice(this.pos, close)).decode() : '';
      this.pos = Math.min(close + 1, end);
      return compose(base, mark) + rest;
    }
    return compose(base, mark);
  }
}

/** An accent with nothing to sit on (`\'{}`) is dropped rather than left as a lone combining mark. */
function compose(base: string, mark: string): string {
  if (base === '') return '';
  const decomposed = base + mark;
  let composed = composedAccents.get(decomposed);
  if (composed === undefined) {
    composed = decomposed.normalize('NFC');
    composedAccents.set(decomposed, composed);
  }
  return composed;
}

/** Few distinct accented letters occur, and NFC normalisation is slow next to a map lookup. */
const composedAccents = new Map<string, string>();

function isOrdinary(c: number): boolean {
  return !(c === BACKSLASH || c === LBRACE || c === RBRACE || c === DOLLAR || c === TILDE || c === HYPHEN ||
    c === BACKTICK || c === APOSTROPHE || c < 33);
}

/** Offset of the `}` closing the group that is open at `from` (or just before it), or `end` if unclosed. */
function matchingBrace(text: string, from: number, end: number): number {
  let depth = 0;
  for (let p = from; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c === LBRACE) depth++;
    else if (c === RBRACE) {
      depth--;
      if (depth <= 0) return p;
    } else if (c === BACKSLASH) p++;
  }
  return end;
}
