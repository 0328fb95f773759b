import * as path from 'node:path';
import { MAX_INCLUDE_DEPTH } from '../limits';
import type { FindingDraft } from './finding';

/**
 * One .tex file of a document. `clean` has the same length and line breaks as `text`, with
 * comments, \iffalse...\fi blocks, verbatim environments and \verb arguments blanked out, so rules
 * can search `clean` and report offsets that are true positions in the file.
 */
export interface LatexFile {
  path: string;
  text: string;
  clean: string;
  position(offset: number): { line: number; column: number };
}

export interface LatexDocument {
  /** The root file first, then each \input/\include file where it is read, depth first. */
  files: LatexFile[];
  /** \input or \include files that could not be read, reported at the command that names them. */
  unreadable: FindingDraft[];
}

export type ReadTextFile = (filePath: string) => Promise<string | undefined>;

/** Environments whose body LaTeX does not read as commands (or, for `comment`, not at all). */
const VERBATIM_ENVIRONMENTS = ['verbatim', 'verbatim*', 'Verbatim', 'lstlisting', 'minted', 'comment'];

/** `text` with [start, end) blanked: every character a space but line breaks, so that line numbers do not move. */
function blanked(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[^\r\n]/g, ' ');
}

/** Where the \fi that closes an \iffalse opened before `from` starts, counting nested \if...\fi. */
function matchingFi(text: string, from: number): number {
  const conditional = /\\(if[a-zA-Z@]*|fi)(?![a-zA-Z@])/g;
  conditional.lastIndex = from;
  let depth = 1;
  for (let match = conditional.exec(text); match; match = conditional.exec(text)) {
    if (match[1] === 'fi') {
      depth--;
      if (depth === 0) return match.index;
    } else if (match[1] !== 'ifthenelse') {
      depth++;
    }
  }
  return text.length;
}

/**
 * Returns `text` with everything LaTeX would not typeset or execute as commands replaced by spaces. Built from
 * slices of the text and blanked runs, not from an array of its characters (a 40 MB file held 1.1 GB).
 */
export function maskLatex(text: string): string {
  const parts: string[] = [];
  /** Text before this offset is in `parts`. */
  let kept = 0;
  const blankRange = (start: number, stop: number): void => {
    parts.push(text.slice(kept, start), blanked(text, start, stop));
    kept = stop;
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '%') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blankRange(i, stop);
      i = stop;
    } else if (char === '\\') {
      const rest = text.slice(i, i + 40);
      const verb = /^\\verb\*?([^a-zA-Z\s*])/.exec(rest);
      const begin = /^\\begin\s*\{([^}]*)\}/.exec(rest);
      if (/^\\iffalse(?![a-zA-Z@])/.test(rest)) {
        const fi = matchingFi(text, i + '\\iffalse'.length);
        const stop = Math.min(text.length, fi + '\\fi'.length);
        blankRange(i, stop);
        i = stop;
      } else if (verb) {
        const close = text.indexOf(verb[1]!, i + verb[0].length);
        const stop = close === -1 ? text.length : close + 1;
        blankRange(i, stop);
        i = stop;
      } else if (begin && VERBATIM_ENVIRONMENTS.includes(begin[1]!.trim())) {
        const endTag = `\\end{${begin[1]!.trim()}}`;
        const close = text.indexOf(endTag, i + begin[0].length);
        const stop = close === -1 ? text.length : close + endTag.length;
        blankRange(i, stop);
        i = stop;
      } else {
        // An escaped character (\%, \$, \\) is text, not the start of a comment or math.
        i += 2;
      }
    } else {
      i++;
    }
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function makeLatexFile(filePath: string, text: string): LatexFile {
  const lineStarts = lineStartsOf(text);
  return {
    path: filePath,
    text,
    clean: maskLatex(text),
    position(offset: number) {
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >>> 1;
        if (lineStarts[middle]! <= offset) low = middle;
        else high = middle - 1;
      }
      return { line: low + 1, column: offset - lineStarts[low]! + 1 };
    },
  };
}

/** The files LaTeX would try for `\input{name}`: name.tex first unless the name already ends in .tex. */
function inputCandidates(rootDir: string, name: string): string[] {
  const resolved = path.resolve(rootDir, name);
  return path.extname(name) === '.tex' ? [resolved] : [`${resolved}.tex`, resolved];
}

const INPUT_COMMAND = /\\(input|include|subfile)(?![a-zA-Z@])\s*(?:\{([^{}]*)\}|([^\s\\{}%]+))/g;

/**
 * Reads the root .tex and, recursively, the files it \input s or \include s (paths relative to the
 * root's folder, as LaTeX resolves them when run there). Never throws: an unreadable file becomes
 * a draft finding at the command that names it.
 */
export async function loadLatexDocument(
  rootPath: string,
  readFile: ReadTextFile,
  maxDepth = MAX_INCLUDE_DEPTH,
): Promise<LatexDocument | undefined> {
  const rootText = await readFile(rootPath);
  if (rootText === undefined) return undefined;
  const rootDir = path.dirname(rootPath);
  const document: LatexDocument = { files: [], unreadable: [] };
  const seen = new Set<string>([path.resolve(rootPath)]);

  async function visit(file: LatexFile, depth: number): Promise<void> {
    document.files.push(file);
    for (const match of file.clean.matchAll(INPUT_COMMAND)) {
      const name = (match[2] ?? match[3] ?? '').trim();
      if (name === '') continue;
      const candidates = inputCandidates(rootDir, name);
      if (candidates.some((candidate) => seen.has(candidate))) continue;
      if (depth >= maxDepth) {
        document.unreadable.push({
          file: file.path,
          ...file.position(match.index),
          message: `\\${match[1]}{${name}} is nested more than ${maxDepth} levels deep, so it was not checked. Flatten the chain of \\input files.`,
        });
        continue;
      }
      let loaded: LatexFile | undefined;
      for (const candidate of candidates) {
        const text = await readFile(candidate);
        if (text !== undefined) {
          seen.add(candidate);
          loaded = makeLatexFile(candidate, text);
          break;
        }
      }
      if (loaded) {
        await visit(loaded, depth + 1);
      } else {
        document.unreadable.push({
          file: file.path,
          ...file.position(match.index),
          message: `\\${match[1]}{${name}} names a file that could not be read (tried ${candidates.join(', ')}), so it was not checked. Fix the path or add the file.`,
        });
      }
    }
  }

  await visit(makeLatexFile(rootPath, rootText), 0);
  return document;
}
