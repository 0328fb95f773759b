import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBibtexBytes } from '../../src/core/library/bibtex';
import { foldText } from '../../src/core/text/fold';
import { SHARED_AVAILABLE, sharedPath } from '../../test/unit/shared';
import { BENCH_DIR, ensureAnthology, ensureGeneratedLibrary } from '../generate';

/** A library the editor benchmark types against, and the paper and notes written for it. */
export interface BenchLibrary {
  /** Short id for the command line (`--library real,90k`). */
  id: string;
  /** What the table calls it. */
  title: string;
  file: string;
  bytes: number;
  entries: number;
  /** Every key of the file: a list row is a library entry when its label is one of them. */
  keys: ReadonlySet<string>;
  /** Growing queries typed into `\citep{}`, a character at a time (at least 20 characters together). */
  queries: readonly string[];
  /** A key prefix typed before asking for the first list: only library keys start with it, in every editor. */
  openProbe: string;
  /** Cited keys to hover, each with a word of its title that every hover shows. */
  hoverTargets: readonly { key: string; titleWord: string }[];
}

const REAL_LIBRARY = 'bvitamins_neurips2020.bib';
const REAL_ENTRIES = 1898;
const GENERATED_QUERIES = ['kowalski', 'multilingual', 'okafor'];
const CITED_KEYS = 30;
const HOVERS = 6;

/**
 * The libraries of the benchmark: the real 1,898-entry NeurIPS 2020 bibliography from `../shared`
 * (a generated file of the same size when `../shared` is absent; `notes` says so) and the generated
 * 90k-entry, ~60 MB anthology-like file.
 */
export function benchLibraries(ids: readonly string[], notes: string[]): BenchLibrary[] {
  const libraries: BenchLibrary[] = [];
  if (ids.includes('real')) {
    const real = sharedPath('corpus', 'bib', REAL_LIBRARY);
    if (SHARED_AVAILABLE && fs.existsSync(real)) {
      libraries.push(describe('real', `${REAL_ENTRIES.toLocaleString('en-US')} entries (real: ${REAL_LIBRARY})`, real, ['zisserman', 'wasserstein', 'causal'], 'alayrac'));
    } else {
      notes.push(`../shared/corpus/bib/${REAL_LIBRARY} is absent (a fresh clone): the 1.9k library is generated (anthology-like), not real.`);
      const generated = ensureGeneratedLibrary(REAL_ENTRIES, path.join(BENCH_DIR, 'anthology-1898.bib'));
      libraries.push(describe('real', `${REAL_ENTRIES.toLocaleString('en-US')} entries (generated; no ../shared)`, generated, GENERATED_QUERIES, '2003'));
    }
  }
  if (ids.includes('90k')) libraries.push(describe('90k', '90,000 entries (generated, anthology-like)', ensureAnthology(), GENERATED_QUERIES, '2003'));
  return libraries;
}

function describe(id: string, title: string, file: string, queries: string[], openProbe: string): BenchLibrary {
  const { references } = readBibtexBytes(fs.readFileSync(file), file);
  const keys = new Set(references.map((reference) => reference.key));
  const hoverTargets: { key: string; titleWord: string }[] = [];
  for (let index = 0; index < CITED_KEYS; index++) {
    const reference = references[Math.floor(((index + 0.5) * references.length) / CITED_KEYS)]!;
    // A plain word of the raw title is shown by every hover, whatever it does with TeX.
    const titleWord = (reference.fields.title ?? '').split(/[^A-Za-z]+/).find((word) => word.length >= 5 && (reference.title ?? '').includes(word));
    if (titleWord && /^[\w.:-]+$/.test(reference.key)) hoverTargets.push({ key: reference.key, titleWord });
  }
  for (const query of queries) {
    if (!references.some((reference) => foldText(`${reference.key} ${reference.title} ${reference.authors.map((a) => a.family).join(' ')}`).includes(query))) {
      throw new Error(`${file}: no entry matches the benchmark query '${query}'`);
    }
  }
  return { id, title, file, bytes: fs.statSync(file).size, entries: references.length, keys, queries, openProbe, hoverTargets };
}

/** Where the benchmark types in each file: 1-based line and column. */
export interface Layout {
  /** `\citep{PROBE}` with the cursor after PROBE, for the first list. */
  open: { line: number; column: number };
  /** One empty `\citep{}` per query for the slow pass and one for the person-paced pass (column inside the braces). */
  slow: { line: number; column: number }[];
  paced: { line: number; column: number }[];
  /** Cited keys in the text, with the title word their hover shows. */
  hovers: { line: number; column: number; titleWord: string }[];
  /** Empty lines of notes.txt for the floor's passes. */
  notesSlow: { line: number; column: number }[];
  notesPaced: { line: number; column: number }[];
  /** On the link targets of README.md, for the editor's own hover ("Follow link"). */
  links: { line: number; column: number }[];
}

export const PAPER = 'paper.tex';
export const NOTES = 'notes.txt';
export const README = 'README.md';
export const LIBRARY_FILE = 'refs.bib';

/** The workspace of one session: a LaTeX paper citing the library, a plain-text file of its words, and a Markdown file with a link. */
export function benchWorkspace(library: BenchLibrary): { files: Record<string, string | { copyFrom: string }>; layout: Layout } {
  const paper = ['\\documentclass{article}', '\\usepackage{natbib}', '\\begin{document}', '\\section{Introduction}', ''];
  const hovers: Layout['hovers'] = [];
  library.hoverTargets.forEach((target, index) => {
    const prefix = `Earlier work ${index + 1} on this question \\citep{`;
    paper.push(`${prefix}${target.key}} is relevant here.`);
    if (hovers.length < HOVERS) hovers.push({ line: paper.length, column: prefix.length + 2, titleWord: target.titleWord });
  });
  paper.push('');
  const openPrefix = 'We start from \\citep{';
  paper.push(`${openPrefix}${library.openProbe}}.`);
  const open = { line: paper.length, column: openPrefix.length + library.openProbe.length + 1 };
  const citeLine = 'Related results \\citep{';
  const slow = library.queries.map(() => {
    paper.push(`${citeLine}}.`);
    return { line: paper.length, column: citeLine.length + 1 };
  });
  const paced = library.queries.map(() => {
    paper.push(`${citeLine}}.`);
    return { line: paper.length, column: citeLine.length + 1 };
  });
  paper.push('', '\\bibliographystyle{plainnat}', `\\bibliography{${path.basename(LIBRARY_FILE, '.bib')}}`, '\\end{document}', '');

  const notes = notesWords(library);
  const notesSlow = library.queries.map(() => {
    notes.push('');
    return { line: notes.length, column: 1 };
  });
  const notesPaced = library.queries.map(() => {
    notes.push('');
    return { line: notes.length, column: 1 };
  });
  notes.push('');

  const readme = ['# Notes', ''];
  const links: Layout['links'] = [];
  for (let index = 0; index < HOVERS; index++) {
    const prefix = `- Note ${index + 1}: see [the workshop](`;
    readme.push(`${prefix}https://calm-workshop-2024.github.io/page${index + 1}.html) for the rules.`);
    links.push({ line: readme.length, column: prefix.length + 5 });
  }
  readme.push('');
  return {
    files: {
      [PAPER]: paper.join('\n'),
      [LIBRARY_FILE]: { copyFrom: library.file },
      [NOTES]: notes.join('\n'),
      [README]: readme.join('\n'),
    },
    layout: { open, slow, paced, hovers, notesSlow, notesPaced, links },
  };
}

/** Lines of the library's words (keys, family names, title words), so the editor's word completion has the same words to offer. */
function notesWords(library: BenchLibrary): string[] {
  const words = new Set<string>();
  const text = fs.readFileSync(library.file, 'utf8');
  for (const match of text.matchAll(/^\s*(?:title|author)\s*=\s*[{"](.*)[}"],?\s*$/gim)) {
    for (const word of foldText(match[1]!).split(/[^a-z]+/)) if (word.length >= 3) words.add(word);
    if (words.size >= 10_000) break;
  }
  for (const query of library.queries) words.add(query);
  const lines: string[] = [];
  const all = [...words];
  for (let index = 0; index < all.length; index += 12) lines.push(all.slice(index, index + 12).join(' '));
  return lines;
}

/** Where the benchmark's inputs live (gitignored). */
export { BENCH_DIR };
