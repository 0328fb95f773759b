import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { checkPdf } from '../../src/core/checks/checkSubmission';
import { BUILTIN_PACKS } from '../../src/core/checks/rulesPack';
import { checkCitations } from '../../src/core/citationChecks/checkCitations';
import { citationContextAt, findCitations, keyAt } from '../../src/core/citations';
import { LatexDocument } from '../../src/core/documents';
import { LibraryCatalog, type LibraryParser } from '../../src/core/library/catalog';
import { readLibraryContent, readLibraryText } from '../../src/core/library/formats';
import { Library } from '../../src/core/library/library';
import * as limits from '../../src/core/limits';
import { readBytes } from '../../src/core/workspace/files';
import { MemoryWorkspace } from '../../src/core/workspace/memoryWorkspace';
import { memoryService } from './serviceFixtures';

const CALM = BUILTIN_PACKS['calm-2024']!;

describe('library file size', () => {
  test('past the limit: one error at 1:1 saying how big the file is, and no entries', () => {
    const text = '@misc{a, title={A}}\n'.repeat(200);
    const result = readLibraryText('big.bib', text, { maxFileBytes: 1024 });
    assert.deepEqual(result.references, []);
    assert.deepEqual(result.errors, [{ path: 'big.bib', line: 1, column: 1, message: 'file is 4 KB; CALM Cite reads library files up to 1 KB' }]);
    assert.equal(readLibraryText('big.bib', text, { maxFileBytes: 8192 }).references.length, 200);
  });

  test('the size is counted in UTF-8 bytes, not characters', () => {
    const text = `@misc{a, title={${'é'.repeat(400)}}}`;
    assert.equal(readLibraryText('a.bib', text, { maxFileBytes: 600 }).references.length, 0);
  });

  /** A parser that records which files it was given. */
  function recordingParser(parsed: string[]): LibraryParser {
    return async (file, content, options) => {
      parsed.push(file);
      return readLibraryContent(file, content, options);
    };
  }

  test('the catalog refuses a file past the reading limit before parsing it; the other files still load', async () => {
    const workspace = new MemoryWorkspace({ files: { '/big.bib': '@misc{a, title={A}}\n'.repeat(100), '/small.bib': '@misc{b, title={B}}' } });
    const parsed: string[] = [];
    const catalog = new LibraryCatalog((file) => readBytes(workspace, file, 1024), recordingParser(parsed));
    const { library } = await catalog.resolve({ paths: ['/big.bib', '/small.bib'], bundled: [] });
    assert.deepEqual(parsed, ['/small.bib']);
    assert.deepEqual([...library.keys()].map(([key]) => key), ['b']);
    assert.match(library.file('/big.bib')!.errors[0]!.message, /file is 2 KB; CALM Cite reads library files up to 1 KB/);
  });

  test('the service refuses a library past MAX_LIBRARY_FILE_BYTES, on disk or open in the editor, before parsing it', async () => {
    const parsed: string[] = [];
    const { service } = memoryService({
      // Never written: the pages of a fresh buffer cost no memory until touched.
      files: { '/p/big.bib': new Uint8Array(limits.MAX_LIBRARY_FILE_BYTES + 1) },
      // Open in the editor, so their texts go to the parser (a BibTeX file on disk is read by the catalog a block at a time).
      open: { '/p/open.bib': '%'.repeat(limits.MAX_LIBRARY_FILE_BYTES + 1), '/p/small.bib': '@misc{b, title={B}}' },
      settings: { '*': { library: { paths: ['big.bib', 'open.bib', 'small.bib'], includeBundled: false } } },
      options: { parser: recordingParser(parsed) },
    });
    const library = await service.library('/p/paper.tex');
    assert.deepEqual(parsed, ['/p/small.bib']);
    assert.deepEqual([...library.keys().keys()], ['b']);
    for (const file of ['/p/big.bib', '/p/open.bib']) {
      assert.deepEqual(library.file(file)!.errors, [{ path: file, line: 1, column: 1, message: limits.libraryFileTooLargeMessage(limits.MAX_LIBRARY_FILE_BYTES + 1, limits.MAX_LIBRARY_FILE_BYTES) }]);
    }
  });
});

describe('entries per file', () => {
  const bib = Array.from({ length: 5 }, (_, i) => `@misc{k${i}, title={T${i}}}`).join('\n');
  const json = JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ id: `k${i}`, type: 'book', title: `T${i}` })), null, 1);
  const ris = Array.from({ length: 5 }, (_, i) => `TY  - BOOK\nID  - k${i}\nTI  - T${i}\nER  - \n`).join('\n');

  for (const [file, text] of [['a.bib', bib], ['a.json', json], ['a.ris', ris]] as const) {
    test(`${file}: keeps the first entries and reports, at the first one left out, that it stopped`, () => {
      const result = readLibraryText(file, text, { maxEntries: 3 });
      assert.equal(result.references.length, 3);
      assert.equal(result.errors.length, 1);
      const fourth = readLibraryText(file, text).references[3]!.source;
      assert.deepEqual(result.errors[0], { ...fourth, message: limits.tooManyEntriesMessage(3) });
    });
  }
});

describe('errors per library file', () => {
  const broken = {
    'a.bib': '@misc{\n'.repeat(1500),
    'a.json': `[${'1,'.repeat(1499)}1]`,
    'a.yaml': '- 1\n'.repeat(1500),
    'a.ris': 'ER  - \n'.repeat(1500),
  };
  for (const [file, text] of Object.entries(broken)) {
    test(`${file}: the first ${limits.MAX_ERRORS_PER_FILE} are listed, then one error at the next says how many more there were`, () => {
      const { errors } = readLibraryText(file, text);
      assert.equal(errors.length, limits.MAX_ERRORS_PER_FILE + 1);
      const last = errors.at(-1)!;
      assert.equal(last.message, limits.tooManyErrorsMessage(limits.MAX_ERRORS_PER_FILE, 500));
      // The 1,001st error: the BibTeX ones start on line 2, where the second `@misc{` shows the first has no key.
      assert.equal(last.line, { 'a.bib': 1002, 'a.json': 1, 'a.yaml': 1001, 'a.ris': 1001 }[file]);
    });
  }
});

describe('BibTeX brace nesting', () => {
  test('200,000 unbalanced braces end quickly with a located error, and the next entry is read', () => {
    const text = `@article{deep, title={${'{'.repeat(200_000)}}\n}\n@article{next, title={Next}}\n`;
    const started = performance.now();
    const result = readLibraryText('deep.bib', text);
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(result.references.map((reference) => reference.key), ['deep', 'next']);
    assert.equal(result.errors.length, 1);
    assert.deepEqual({ line: result.errors[0]!.line, column: result.errors[0]!.column }, { line: 1, column: 22 });
  });

  test('entries whose values never close do not each rescan the rest of the file (was quadratic)', () => {
    const time = (count: number) => {
      const text = '@misc{k, f={{\n x}\n'.repeat(count);
      const started = performance.now();
      const result = readLibraryText('open.bib', text);
      assert.equal(result.references.length, count);
      return performance.now() - started;
    };
    time(2000);
    // Linear: 8x the entries must not cost 64x the time (allow 24x for noise on a busy machine).
    const small = time(5000);
    const large = time(40_000);
    assert.ok(large < Math.max(small, 5) * 24, `5,000 entries ${small.toFixed(0)} ms, 40,000 entries ${large.toFixed(0)} ms`);
  });
});

describe('include depth and cycles', () => {
  const chain = (length: number) => Object.fromEntries(Array.from({ length }, (_, i) => [`/p/f${i}.tex`, i + 1 < length ? `\\input{f${i + 1}}` : 'end']));
  const depth = limits.MAX_INCLUDE_DEPTH;

  test('a project stops past MAX_INCLUDE_DEPTH with a problem at the included name, keeping the files before it', async () => {
    const project = await memoryService({ files: chain(depth + 8) }).service.project('/p/f0.tex');
    assert.deepEqual(project.files, Array.from({ length: depth + 1 }, (_, i) => `/p/f${i}.tex`));
    assert.deepEqual(project.problems, [
      { path: `/p/f${depth}.tex`, line: 1, column: 8, message: `Includes nested more than ${depth} levels deep: f${depth + 1} was not followed. Flatten the chain of \\input files.` },
    ]);
    // Positive control: a chain just within the limit is followed to its end.
    const within = await memoryService({ files: chain(depth + 1) }).service.project('/p/f0.tex');
    assert.deepEqual([within.files.length, within.problems], [depth + 1, []]);
  });

  test('a cycle is reported once, at the name that closes it', async () => {
    const files = { '/p/a.tex': '\\documentclass{article}\n\\input{b}', '/p/b.tex': 'x\n  \\input{a}' };
    const project = await memoryService({ files }).service.project('/p/a.tex');
    assert.deepEqual(project.files, ['/p/a.tex', '/p/b.tex']);
    assert.deepEqual(project.problems, [
      { path: '/p/b.tex', line: 2, column: 10, message: 'Include cycle: a.tex -> b.tex -> a.tex. TeX would loop here; remove one of these \\input commands.' },
    ]);
  });

  test('the cycle is shown to the user: a live doc/project-file problem and a calm/source-unreadable finding at the closing \\input', async () => {
    const files = { '/p/a.tex': '\\documentclass{article}\n\\begin{document}\n\\input{b}\n\\end{document}\n', '/p/b.tex': 'x\n  \\input{a}\n' };
    const message = 'Include cycle: a.tex -> b.tex -> a.tex. TeX would loop here; remove one of these \\input commands.';
    const { service } = memoryService({ files });
    const shown = (findings: readonly { rule: string; file?: string; line?: number; column?: number; message: string }[], rule: string) =>
      findings.filter((finding) => finding.rule === rule).map(({ file, line, column, message }) => [file, line, column, message]);
    for (const document of ['/p/a.tex', '/p/b.tex']) {
      assert.deepEqual(shown((await service.checkProject(document)).findings, 'doc/project-file'), [['/p/b.tex', 2, 10, message]], document);
    }
    assert.deepEqual(shown((await service.checkSubmission({ path: '/p/a.tex' })).findings, 'calm/source-unreadable'), [['/p/b.tex', 2, 10, message]]);
    // Positive control: without the closing \\input there is nothing to report.
    const acyclic = memoryService({ files: { ...files, '/p/b.tex': 'x\n' } }).service;
    assert.deepEqual(shown((await acyclic.checkProject('/p/a.tex')).findings, 'doc/project-file'), []);
  });

  test('the submission check stops at the same depth with a located finding', async () => {
    const { service } = memoryService({ files: chain(depth + 8) });
    const report = await service.checkSubmission({ path: '/p/f0.tex' });
    const unreadable = report.findings.filter((finding) => finding.rule === 'calm/source-unreadable');
    assert.deepEqual(unreadable.map(({ file, line }) => ({ file, line })), [{ file: `/p/f${depth}.tex`, line: 1 }]);
    assert.match(unreadable[0]!.message, new RegExp(`nested more than ${depth} levels deep`));
  });
});

describe('PDF pages', () => {
  test('past maxPages: the first pages are checked and one finding names the rest', async () => {
    const pdf = await PDFDocument.create();
    for (let i = 0; i < 5; i++) pdf.addPage([612, 792]).drawText(`Page ${i + 1}`, { x: 100, y: 700 });
    const bytes = await pdf.save();
    const findings = await checkPdf(bytes, '/p/long.pdf', CALM, { readOptions: { maxPages: 3 } });
    const capped = findings.filter((finding) => finding.rule === 'calm/pdf-too-many-pages');
    assert.deepEqual(capped, [
      {
        rule: 'calm/pdf-too-many-pages',
        severity: 'warning',
        file: '/p/long.pdf',
        page: 4,
        message: 'The PDF has 5 pages; CALM Cite checks the first 3, so pages 4-5 were not checked.',
      },
    ]);
    assert.ok(findings.every((finding) => finding.page === undefined || finding.page <= 4));
    assert.deepEqual((await checkPdf(bytes, '/p/long.pdf', CALM)).filter((finding) => finding.rule === 'calm/pdf-too-many-pages'), []);
  });
});

describe('document size for citation scanning', () => {
  const text = 'See \\citep{pearl2009}. '.repeat(10);

  test('past the limit nothing is scanned: no citations, no completion context, no key under the cursor', () => {
    const options = { maxDocumentLength: 100 };
    assert.equal(findCitations(text, 'latex').length, 10);
    assert.deepEqual(findCitations(text, 'latex', options), []);
    assert.equal(citationContextAt(text, 12, 'latex', options), undefined);
    assert.equal(keyAt(text, 12, 'latex', options), undefined);
  });

  test('the citation checks report it at line 1 and call no entry unused', () => {
    const library = new Library();
    library.setFile('/p/refs.bib', readLibraryText('/p/refs.bib', '@book{other, title={T}}'));
    const findings = checkCitations({
      documents: [new LatexDocument('/p/paper.tex', text)],
      library,
      ownLibraryFiles: ['/p/refs.bib'],
      maxDocumentLength: 100,
    });
    assert.deepEqual(findings.map(({ rule, file, line, column }) => ({ rule, file, line, column })), [
      { rule: 'cite/document-too-large', file: '/p/paper.tex', line: 1, column: 1 },
    ]);
    // Positive control: within the limit the same paper leaves `other` unused and `pearl2009` undefined.
    const scanned = checkCitations({ documents: [new LatexDocument('/p/paper.tex', text)], library, ownLibraryFiles: ['/p/refs.bib'] });
    assert.deepEqual([...new Set(scanned.map((finding) => finding.rule))].sort(), ['cite/undefined-key', 'cite/unused-entry']);
  });
});

describe('the stated numbers', () => {
  test('limits.ts holds what the README\'s Limits table says', () => {
    assert.equal(limits.MAX_LIBRARY_FILE_BYTES, 256 * 1024 * 1024);
    assert.equal(limits.MAX_ENTRIES_PER_FILE, 2_000_000);
    assert.equal(limits.MAX_INCLUDE_DEPTH, 32);
    assert.equal(limits.MAX_PDF_PAGES, 2000);
    assert.equal(limits.MAX_CITATION_DOCUMENT_LENGTH, 50 * 1024 * 1024);
    assert.equal(limits.MAX_ERRORS_PER_FILE, 1000);
    assert.equal(limits.MACRO_EXPANSION_ALLOWANCE, 1024 * 1024);
    assert.equal(limits.MAX_YAML_PARSE_CHARS, 1024 * 1024);
    assert.equal(limits.MAX_CROSSREF_DEPTH, 16);
    assert.equal(limits.CROSSREF_BUDGET_PER_FIELD, 4);
    assert.equal(limits.CROSSREF_BUDGET_FLOOR, 10_000);
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
    const rows = [
      ['Library file size', limits.megabytes(limits.MAX_LIBRARY_FILE_BYTES)],
      ['Entries per library file', limits.MAX_ENTRIES_PER_FILE.toLocaleString('en-US')],
      ['`\\input` / `\\include` nesting', `${limits.MAX_INCLUDE_DEPTH} levels`],
      ['PDF pages checked', `${limits.MAX_PDF_PAGES.toLocaleString('en-US')} pages`],
      ['Document size for citation scanning', limits.megabytes(limits.MAX_CITATION_DOCUMENT_LENGTH)],
      ['Errors listed per library file', limits.MAX_ERRORS_PER_FILE.toLocaleString('en-US')],
      ['Text built by BibTeX `@string` macros and `#` joins', `the file's size + ${limits.megabytes(limits.MACRO_EXPANSION_ALLOWANCE)}`],
      ['CSL-YAML given to the YAML parser at once', limits.megabytes(limits.MAX_YAML_PARSE_CHARS)],
      ['BibTeX `crossref` chain', `${limits.MAX_CROSSREF_DEPTH} entries deep`],
      ['Fields copied by `crossref` inheritance', `${limits.CROSSREF_BUDGET_PER_FIELD} per field written in the library + ${limits.CROSSREF_BUDGET_FLOOR.toLocaleString('en-US')}`],
      ['PDF page tree', `${limits.PDF_READ_LIMITS.pageTreeBudget.toLocaleString('en-US')} pages read x pages in the PDF`],
      ['PDF file read by `--pdf`', limits.megabytes(limits.PDF_READ_LIMITS.maxFileBytes)],
      ['Inflated PDF stream', limits.megabytes(limits.PDF_READ_LIMITS.maxStreamBytes)],
      ['Reading the PDF', `${limits.PDF_READ_LIMITS.timeMs / 1000} s`],
      ['SyncTeX file', limits.megabytes(limits.PDF_READ_LIMITS.maxSynctexBytes)],
    ];
    assert.match(doc, new RegExp(`or all of them past ${limits.megabytes(limits.PDF_READ_LIMITS.maxInflatedBytes).replace('.', '\\.')}\\)`));
    assert.match(doc, new RegExp(`heap limit ${limits.PDF_READ_LIMITS.heapMb} MB`));
    for (const [name, value] of rows) assert.ok(doc.includes(`| ${name} | ${value} |`), `README Limits table: ${name} should be ${value}`);
  });
});
