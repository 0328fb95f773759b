import assert from 'node:assert/strict';
import { citationContextAt, findCitations, keyAt } from '../../src/core/citations';
import { hasDocumentClass, latexBibliographies, latexIncludes, magicTexRoot } from '../../src/core/discovery/latexSources';
import { resolveCrossrefs, type CrossrefView } from '../../src/core/library/bibtex/crossref';
import { readLibraryText, type LibraryFileResult } from '../../src/core/library/formats';
import { MAX_CROSSREF_DEPTH } from '../../src/core/limits';
import { memoryService } from './serviceFixtures';

/**
 * Adversarial input families for the growth check (`growth.test.ts`): for each reader and scanner, an input
 * that grows with n and once made it quadratic, exponential or memory-hungry. The check times the family at n
 * and at 4n; linear code takes about 4x as long, anything worse fails. The size n is chosen so that the fixed
 * code takes tens of milliseconds: long enough to time, short enough for CI.
 */
export interface GrowthFamily {
  /** The class of the issue's table the family belongs to, or `guard` for a past fix kept linear. */
  kind: string;
  n: number;
  input(n: number): string;
  /** The reader or scanner, called as the editor, the CLI or the checker calls it. */
  run(input: string): unknown;
  /** What must still hold at 4n besides speed: good entries kept, a located error. */
  check?(result: unknown, n: number): void;
  /** Timed runs at each size (default 5); a slow parser gets fewer. */
  runs?: number;
  /**
   * Heap the worker may use, in bytes per input character at 4n, on top of a fixed allowance for the modules
   * and both inputs; a reader that needs more runs out of heap and the family fails. Default 8.
   */
  heapPerChar?: number;
}

function filler(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += `@misc{filler${i}, title = {Filler entry ${i}}, author = {Ann Author}, year = 2020}\n`;
  return text;
}

/** A library read as the CLI's `index` reads it: every entry's display fields are computed. */
function readWithTitles(path: string, text: string): LibraryFileResult {
  const result = readLibraryText(path, text);
  for (const reference of result.references) void reference.title;
  return result;
}

/** The citation scanner as the editor uses it on each change: every citation, the completion context and the hover key at the end. */
function scanDocument(text: string, language: 'latex' | 'markdown'): unknown {
  const citations = findCitations(text, language);
  citationContextAt(text, text.length, language);
  keyAt(text, text.length, language);
  return citations;
}

/** The submission check (its source rules) over one root file, as `calm-cite check` runs it. */
function checkTex(body: string): Promise<unknown> {
  const root = `\\documentclass{article}\n\\usepackage{neurips_2024_calm}\n\\begin{document}\n${body}\n\\end{document}\n`;
  return memoryService({ folders: ['/paper'], files: { '/paper/main.tex': root } }).service.checkSubmission({ path: '/paper/main.tex' });
}

function references(result: unknown): LibraryFileResult {
  return result as LibraryFileResult;
}

/** A library's entries with what they inherit through `crossref`, as the library, the CLI's `index` and the checks see them. */
function inherited(path: string, text: string): CrossrefView {
  const view = resolveCrossrefs(readLibraryText(path, text).references);
  for (const reference of view.references) void reference.title;
  return view;
}

/** The files a LaTeX root reads, as every feature first asks for them: the root's body and one chapter as long as it. */
async function projectFiles(body: string): Promise<string[]> {
  const files = {
    '/paper/main.tex': `\\documentclass{article}\n\\begin{document}\n${body}\\end{document}\n`,
    '/paper/chapter.tex': `\\cite{k} ${'Words. '.repeat(body.length / 7)}\n`,
  };
  return (await memoryService({ folders: ['/paper'], files }).service.project('/paper/main.tex')).files;
}

export const GROWTH_FAMILIES: Record<string, GrowthFamily> = {
  'bibtex: @string doubling': {
    kind: 'macro expansion',
    n: 4000,
    // The chain doubles once per level and gets deeper as n grows: 16 levels at n, 28 at 4n (2^29 characters).
    input: (n) => {
      const levels = 12 + n / 1000;
      let chain = '@string{m0 = "ab"}\n';
      for (let level = 1; level <= levels; level++) chain += `@string{m${level} = m${level - 1} # m${level - 1}}\n`;
      for (let i = 0; i < 20; i++) chain += `@misc{big${i}, title = m${levels}}\n`;
      return filler(n) + chain;
    },
    run: (text) => readWithTitles('/lib/doubling.bib', text),
    check: (result, n) => {
      const { references: entries, errors } = references(result);
      assert.equal(entries.filter((entry) => entry.key.startsWith('filler')).length, n, 'every good entry is kept');
      assert.ok(errors.some((error) => /macro/.test(error.message) && error.line > n), 'a located error at the expansion past the budget');
    },
  },
  'bibtex: TeX decoding of a~a~...': {
    kind: 'memory per byte',
    n: 500_000,
    input: (n) => `@misc{k, title = {${'a~'.repeat(n / 2)}}}\n`,
    run: (text) => readWithTitles('/lib/tilde.bib', text),
    check: (result, n) => assert.equal(references(result).references[0]!.title!.length, n - 1),
    heapPerChar: 6,
  },
  'bibtex: values that never close': {
    kind: 'guard',
    n: 5000,
    input: (n) => '@misc{k, f={{\n x}\n'.repeat(n),
    run: (text) => readLibraryText('/lib/open.bib', text),
    check: (result, n) => assert.equal(references(result).references.length, n),
    // An entry (kept without its broken field, as BibTeX keeps it) every 18 bytes: ~250 bytes each.
    heapPerChar: 24,
  },
  'bibtex: crossref chain': {
    kind: 'inheritance',
    n: 5000,
    // Each entry writes a field of its own and inherits from the next: a chain that inherited to its end
    // would copy n^2/2 fields.
    input: (n) => {
      let text = '';
      for (let i = 0; i < n; i++) text += `@misc{k${i}, f${i} = {v}, crossref = {k${i + 1}}}\n`;
      return `${text}@misc{k${n}, year = 2001}\n`;
    },
    run: (text) => inherited('/lib/chain.bib', text),
    check: (result, n) => {
      const { references: entries, problems } = result as CrossrefView;
      assert.equal(entries.length, n + 1, 'every entry is kept');
      assert.equal(entries[n - MAX_CROSSREF_DEPTH]!.year, '2001', 'the top of the chain inherits');
      assert.equal(problems.length, n - MAX_CROSSREF_DEPTH, 'below the depth limit, a located problem each');
    },
    // An entry, its view and a located problem every ~45 bytes.
    heapPerChar: 16,
  },
  'bibtex: crossref fan-out': {
    kind: 'inheritance',
    n: 2000,
    // One parent with n fields and n children: inheriting all of them would copy n^2 fields.
    input: (n) => {
      let text = '@proceedings{parent';
      for (let i = 0; i < n; i++) text += `, f${i} = {v}`;
      text += '}\n';
      for (let i = 0; i < n; i++) text += `@inproceedings{c${i}, title = {T}, crossref = {parent}}\n`;
      return text;
    },
    run: (text) => inherited('/lib/fanout.bib', text),
    check: (result, n) => {
      const { references: entries, problems } = result as CrossrefView;
      assert.equal(entries.length, n + 1, 'every entry is kept');
      assert.equal(Object.keys(entries[1]!.fields).length, n + 2, 'the first children inherit every field');
      assert.ok(problems.length > 0 && problems.every((problem) => /would copy more fields/.test(problem.message)), 'past the budget, a located problem each');
    },
    // A child and its located problem every ~55 bytes, and the fields the budget lets the first children copy.
    heapPerChar: 16,
  },
  'ris: records without an ID': {
    kind: 'quadratic scan',
    // At 2,000 records the ratio was 5.7 on linear code (the smaller input fits the young generation; the
    // larger one is promoted): from 8,000 on it is about 4.
    n: 8000,
    input: (n) => 'TY  - JOUR\nAU  - Smith, Jane\nPY  - 2020\nTI  - Causal models\nER  - \n'.repeat(n),
    run: (text) => readLibraryText('/lib/noid.ris', text),
    check: (result, n) => assert.equal(new Set(references(result).references.map((entry) => entry.key)).size, n),
    // A record every 68 bytes: the README's bound (4x the file and about 1 KB per entry) is ~19 bytes per character.
    heapPerChar: 20,
  },
  'csl-yaml: a long list': {
    kind: 'memory per byte',
    n: 2000,
    input: (n) => `references:\n${'- id: k\n  type: book\n  title: A title\n'.repeat(n)}`,
    run: (text) => readLibraryText('/lib/long.yaml', text),
    check: (result, n) => assert.equal(references(result).references.length, n),
    heapPerChar: 16,
    runs: 3,
  },
  'csl-yaml: block nesting 3,000 deep': {
    kind: 'memory per byte',
    n: 1000,
    // One item nests 3,000 block sequences deep (`- - - ... x`); the good items around it grow with n.
    input: (n) => {
      const good = (from: number) => Array.from({ length: n / 2 }, (_, i) => `- id: k${from + i}\n  title: T\n`).join('');
      return `${good(0)}- id: deep\n  note:\n  ${'- '.repeat(3000)}x\n${good(n / 2)}`;
    },
    run: (text) => readLibraryText('/lib/deep.yaml', text),
    check: (result, n) => {
      const { references: entries, errors } = references(result);
      assert.equal(entries.filter((entry) => entry.key.startsWith('k')).length, n, 'every good item is kept');
      assert.ok(errors.every((error) => error.line > n && error.line <= n + 3), 'an error, if any, is located at the deep item');
    },
    heapPerChar: 40,
  },
  'csl-json: many small items': {
    kind: 'guard',
    n: 5000,
    input: (n) => `[\n${Array.from({ length: n }, (_, i) => `  {"id": "k${i}", "type": "book", "title": "T"}`).join(',\n')}\n]`,
    run: (text) => readLibraryText('/lib/many.json', text),
    check: (result, n) => assert.equal(references(result).references.length, n),
  },
  'latex: unclosed \\cite[x': {
    kind: 'quadratic scan',
    // At 20,000 lines the ratio was 5-5.8 on linear code (young-generation effects); from 80,000 on about 4.
    n: 80_000,
    input: (n) => '\\cite[x\n'.repeat(n),
    run: (text) => scanDocument(text, 'latex'),
  },
  'latex: unclosed \\bibliography{x and \\input{x': {
    kind: 'quadratic scan',
    n: 40_000,
    input: (n) => '\\bibliography{x\n\\input{y\n'.repeat(n / 2),
    run: (text) => [latexBibliographies(text), latexIncludes(text), hasDocumentClass(text)],
  },
  'latex: unclosed \\begin{ and \\verb|': {
    kind: 'quadratic scan',
    n: 100_000,
    input: (n) => '\\begin{x\n\\verb|x\n'.repeat(n / 2),
    run: (text) => scanDocument(text, 'latex'),
  },
  'discovery: \\input{chapter} of one file, many times': {
    kind: 'quadratic scan',
    n: 200_000,
    // n/16 includes of one chapter of n bytes: a file read again at every include costs n^2/16.
    input: (n) => '\\input{chapter}\n'.repeat(n / 16),
    run: (body) => projectFiles(body),
    check: (files) => assert.deepEqual(files, ['/paper/main.tex', '/paper/chapter.tex']),
  },
  'latex: % !TEX root = a + spaces': {
    kind: 'quadratic scan',
    n: 2_000_000,
    input: (n) => `% !TEX root = a${' '.repeat(n)}b\n\\cite{k}\n`,
    // One call takes well under a millisecond once linear: ten make a time worth comparing.
    run: (text) => Array.from({ length: 10 }, () => magicTexRoot(text)),
  },
  'markdown: @k [ never closed': {
    kind: 'quadratic scan',
    n: 5000,
    input: (n) => `@k [${'x'.repeat(100)}\n\n`.repeat(n),
    run: (text) => scanDocument(text, 'markdown'),
  },
  'markdown: backtick runs of rising length': {
    kind: 'quadratic scan',
    n: 1_000_000,
    input: (n) => {
      let text = '';
      for (let run = 1; text.length < n; run++) text += `${'`'.repeat(run)} @k `;
      return text;
    },
    run: (text) => scanDocument(text, 'markdown'),
  },
  'markdown: empty lines': {
    kind: 'memory per byte',
    n: 150_000,
    input: (n) => `${'\n'.repeat(n)}[@k]\n`,
    run: (text) => scanDocument(text, 'markdown'),
    heapPerChar: 6,
  },
  'source rules: a run of letters (e-mail pattern)': {
    kind: 'quadratic scan',
    n: 400_000,
    input: (n) => 'a'.repeat(n),
    run: (body) => checkTex(body),
  },
  'source rules: unclosed \\thanks{': {
    kind: 'quadratic scan',
    n: 1500,
    input: (n) => '\\thanks{x\n'.repeat(n),
    run: (body) => checkTex(body),
  },
  'source rules: comment masking': {
    kind: 'memory per byte',
    n: 1_000_000,
    input: (n) => 'text %comment\n'.repeat(n / 14),
    run: (body) => checkTex(body),
    heapPerChar: 8,
  },
};
