import { isSpace, scanLatexCommands, skipArgumentSpace, type DelimitedArguments } from '../citations/latexLexer';
import { LineIndex } from '../text/lineIndex';

/** A file named in a LaTeX document, located where it is named. */
export interface LatexFileReference {
  /** As written in the document: `refs`, `chapters/1_intro.tex`. */
  name: string;
  /** With the extension TeX would add: `refs.bib`, `chapters/intro.tex`; for `\import{dir}{file}`, `dir/file.tex`. */
  path: string;
  command: string;
  /** Offsets of the name in the document text. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
}

export interface LatexInclude extends LatexFileReference {
  /**
   * `\subimport` paths are relative to the including file; every other include is relative to the root
   * document's folder, because TeX resolves them against the directory it runs in.
   */
  relativeToIncluder: boolean;
}

/** `\bibliography` lists BibTeX database names without extension; biblatex resources name the file. */
const BIBTEX_COMMANDS = new Set(['bibliography', 'nobibliography']);
const BIBLATEX_COMMANDS = new Set(['addbibresource', 'addglobalbib', 'addsectionbib']);
const SINGLE_FILE_INCLUDES = new Set(['input', 'include', 'subfile', 'InputIfFileExists']);
const DIRECTORY_INCLUDES = new Set(['import', 'subimport', 'inputfrom', 'includefrom', 'subinputfrom', 'subincludefrom']);

interface BracedArgument {
  text: string;
  /** Offset of the first character inside the braces. */
  start: number;
  /** Offset just after the closing brace. */
  end: number;
}

function bracedArgument(text: string, args: DelimitedArguments, from: number): BracedArgument | undefined {
  const open = skipArgumentSpace(text, from);
  if (text[open] !== '{') return undefined;
  const end = args.end(open);
  if (end === -1) return undefined;
  return { text: text.slice(open + 1, end - 1), start: open + 1, end };
}

/** Skips `[...]` options, as in `\addbibresource[location=remote]{...}`. */
function afterOptions(text: string, args: DelimitedArguments, from: number): number {
  const open = skipArgumentSpace(text, from);
  if (text[open] !== '[') return from;
  const end = args.end(open);
  return end === -1 ? from : end;
}

function withExtension(name: string, extension: string, always: boolean): string {
  if (name.toLowerCase().endsWith(extension)) return name;
  const hasExtension = /\.[A-Za-z0-9]+$/.test(name.slice(name.lastIndexOf('/') + 1));
  return always || !hasExtension ? name + extension : name;
}

/** Trimmed pieces of a comma-separated argument, with their offsets in the document. */
function commaSeparated(argument: BracedArgument): { text: string; start: number; end: number }[] {
  const pieces: { text: string; start: number; end: number }[] = [];
  let pieceStart = 0;
  for (const piece of argument.text.split(',')) {
    const leading = piece.length - piece.trimStart().length;
    const trimmed = piece.trim();
    if (trimmed) {
      const start = argument.start + pieceStart + leading;
      pieces.push({ text: trimmed, start, end: start + trimmed.length });
    }
    pieceStart += piece.length + 1;
  }
  return pieces;
}

/** Bibliography files named by `\bibliography{a,b}`, `\addbibresource[..]{x.bib}` and friends, outside comments. */
export function latexBibliographies(text: string, lines = new LineIndex(text)): LatexFileReference[] {
  const found: LatexFileReference[] = [];
  scanLatexCommands(text, (command, _start, afterName, args) => {
    const bibtex = BIBTEX_COMMANDS.has(command);
    if (!bibtex && !BIBLATEX_COMMANDS.has(command)) return afterName;
    const argument = bracedArgument(text, args, bibtex ? afterName : afterOptions(text, args, afterName));
    if (!argument) return afterName;
    const names = bibtex ? commaSeparated(argument) : [{ text: argument.text.trim(), start: argument.start, end: argument.end - 1 }];
    for (const name of names) {
      if (!name.text) continue;
      const path = bibtex ? withExtension(name.text, '.bib', false) : name.text;
      found.push({ name: name.text, path, command, start: name.start, end: name.end, ...lines.position(name.start) });
    }
    return argument.end;
  });
  return found;
}

/** `\input x`: TeX's primitive syntax, a file name ended by a space or line end. */
function spaceDelimitedName(text: string, afterName: number): BracedArgument | undefined {
  if (text[afterName] !== ' ') return undefined;
  let start = afterName;
  while (text[start] === ' ') start++;
  let end = start;
  while (end < text.length && !isSpace(text.charCodeAt(end)) && !'{}%\\'.includes(text[end]!)) end++;
  return end > start ? { text: text.slice(start, end), start, end } : undefined;
}

/** Files pulled in by `\input`, `\include`, `\subfile`, `\import{dir}{file}`, `\subimport`, outside comments. */
export function latexIncludes(text: string, lines = new LineIndex(text)): LatexInclude[] {
  const found: LatexInclude[] = [];
  scanLatexCommands(text, (command, _start, afterName, args) => {
    if (SINGLE_FILE_INCLUDES.has(command)) {
      const argument = bracedArgument(text, args, afterName) ?? (command === 'input' ? spaceDelimitedName(text, afterName) : undefined);
      const name = argument?.text.trim();
      if (!argument || !name) return afterName;
      found.push({
        name,
        path: withExtension(name, '.tex', command === 'include'),
        command,
        start: argument.start,
        end: argument.start + argument.text.length,
        ...lines.position(argument.start),
        relativeToIncluder: false,
      });
      return argument.end;
    }
    if (DIRECTORY_INCLUDES.has(command)) {
      const directory = bracedArgument(text, args, afterName);
      const file = directory && bracedArgument(text, args, directory.end);
      if (!directory || !file || !file.text.trim()) return afterName;
      const folder = directory.text.trim().replace(/\/?$/, '/');
      const name = file.text.trim();
      found.push({
        name,
        path: withExtension(folder === '/' ? name : folder + name, '.tex', false),
        command,
        start: file.start,
        end: file.end - 1,
        ...lines.position(file.start),
        relativeToIncluder: command.startsWith('sub'),
      });
      return file.end;
    }
    return afterName;
  });
  return found;
}

/** True when the text has an uncommented `\documentclass`, i.e. it can be compiled on its own. */
export function hasDocumentClass(text: string): boolean {
  let found = false;
  scanLatexCommands(text, (command, _start, afterName) => {
    if (command === 'documentclass' || command === 'documentstyle') found = true;
    return found ? text.length : afterName;
  });
  return found;
}

/** The root named by a `% !TEX root = ../main.tex` magic comment (TeXShop/TeXstudio/LaTeX Workshop), as written. */
export function magicTexRoot(text: string): string | undefined {
  // No pattern may end in a lazy run before trailing blanks: `root = a` and 100,000 spaces then `b` backtracked quadratically.
  const match = /^[ \t]*%[ \t]*!TE?X[ \t]+root[ \t]*=[ \t]*(\S[^\r\n]*)/im.exec(text);
  return match?.[1]!.trimEnd();
}
