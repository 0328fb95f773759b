import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { checkCitations, type CitationFinding } from '../../src/core/citationChecks/checkCitations';
import { readLibraryText } from '../../src/core/library/formats';
import { Library } from '../../src/core/library/library';
import { LibraryCatalog } from '../../src/core/library/catalog';
import { nearestKeys } from '../../src/core/library/nearestKeys';
import { checkDocument } from '../../src/core/project/checkDocument';
import { sharedPath } from './shared';

function libraryOf(files: Record<string, string>): Library {
  const library = new Library();
  for (const [file, text] of Object.entries(files)) library.setFile(file, readLibraryText(file, text));
  return library;
}

const diskFs = {
  readFile: async (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
  readBytes: async (file: string) => (fs.existsSync(file) ? new Uint8Array(fs.readFileSync(file)) : undefined),
};

function rules(findings: readonly CitationFinding[]): string[] {
  return findings.map((finding) => finding.rule);
}

describe('nearestKeys', () => {
  test('a case slip comes first, then a prefixed form, then typos', () => {
    assert.deepEqual(nearestKeys('pythia', ['Pythia', 'pythia2', 'python']), ['Pythia', 'pythia2', 'python']);
    assert.deepEqual(nearestKeys('author:elk', ['elk', 'burns']), ['elk']);
    assert.deepEqual(nearestKeys('kiciman2023casual', ['kiciman2023causal', 'jin2023cladder']), ['kiciman2023causal']);
    assert.deepEqual(nearestKeys('zzzz', ['kiciman2023causal']), []);
  });
});

describe('checkCitations on hand-made documents', () => {
  const bib = [
    '@article{smith2020, author={Smith, A.}, title={One}, journal={J}, year={2020}, doi={10.1/ABC}}',
    '@article{smith2020copy, author={Smith, A.}, title={One again}, journal={J}, year={2020}, doi={10.1/abc}}',
    '@article{nojournal, author={Doe, B.}, title={Two}, year={2021}}',
    '@misc{kiciman-preprint, author={K{\\i}c{\\i}man, Emre}, title={Causal Reasoning and LLMs}, year={2023}, eprint={2305.00050}, archivePrefix={arXiv}}',
    '@article{uncited, author={Roe, C.}, title={Three}, journal={J}, year={2022}}',
    '@article{smith2020, author={Smith, A.}, title={Dup}, journal={J}, year={2020}}',
  ].join('\n\n');
  const library = libraryOf({ '/p/refs.bib': bib });
  const text = 'As shown \\citep{smith2020, nojournal} and \\cite{Smith2020} and \\citet{kiciman-preprint}.';
  const findings = checkCitations({ documents: [{ path: '/p/paper.tex', text, language: 'latex' }], library, ownLibraryFiles: ['/p/refs.bib'] });

  test('an undefined key is located and the case slip is suggested, with a replace fix', () => {
    const undefinedKey = findings.find((finding) => finding.rule === 'cite/undefined-key')!;
    assert.equal(undefinedKey.line, 1);
    assert.equal(undefinedKey.column, text.indexOf('Smith2020') + 1);
    assert.match(undefinedKey.message, /'Smith2020'.*Did you mean 'smith2020'/);
    assert.deepEqual(undefinedKey.fix, { kind: 'replace-key', start: text.indexOf('Smith2020'), end: text.indexOf('Smith2020') + 9, suggestions: ['smith2020'] });
  });

  test('a key defined twice is reported at both definitions', () => {
    const duplicates = findings.filter((finding) => finding.rule === 'cite/duplicate-key');
    assert.deepEqual(duplicates.map((finding) => finding.line), [1, 11]);
    assert.match(duplicates[0]!.message, /defined 2 times: \/p\/refs\.bib:1 and \/p\/refs\.bib:11/);
  });

  test('the same DOI in another case is a duplicate', () => {
    const duplicateDoi = findings.filter((finding) => finding.rule === 'cite/duplicate-doi');
    assert.deepEqual(duplicateDoi.map((finding) => finding.line).sort(), [1, 3]);
    assert.match(duplicateDoi[0]!.message, /same DOI 10\.1\/abc/);
  });

  test('a cited @article without journal lacks a required field', () => {
    const missing = findings.filter((finding) => finding.rule === 'cite/missing-field');
    assert.equal(missing.length, 1);
    assert.match(missing[0]!.message, /@article\{nojournal\} lacks journal or journaltitle/);
  });

  test("a user's own arXiv entry gets the published version the bundled library records", () => {
    const preprint = findings.find((finding) => finding.rule === 'cite/preprint-published')!;
    assert.match(preprint.message, /'kiciman-preprint'.*Transactions on Machine Learning Research, 2024/);
    assert.equal(preprint.fix?.kind, 'update-to-published');
  });

  test('entries of the own bibliography that are never cited are hints', () => {
    const unused = findings.filter((finding) => finding.rule === 'cite/unused-entry');
    assert.deepEqual(unused.map((finding) => finding.message), ["'smith2020copy' is never cited in this document.", "'uncited' is never cited in this document."]);
    assert.ok(unused.every((finding) => finding.severity === 'hint'));
  });

  test('severities can be changed or switched off per rule', () => {
    const quiet = checkCitations({
      documents: [{ path: '/p/paper.tex', text, language: 'latex' }],
      library,
      ownLibraryFiles: ['/p/refs.bib'],
      severities: { 'cite/unused-entry': 'off', 'cite/undefined-key': 'warning' },
    });
    assert.ok(!rules(quiet).includes('cite/unused-entry'));
    assert.equal(quiet.find((finding) => finding.rule === 'cite/undefined-key')?.severity, 'warning');
  });

  test('\\nocite{*} cites everything, so nothing is unused', () => {
    const all = checkCitations({ documents: [{ path: '/p/paper.tex', text: '\\nocite{*}', language: 'latex' }], library, ownLibraryFiles: ['/p/refs.bib'] });
    assert.ok(!rules(all).includes('cite/unused-entry'));
  });

  test('a key only in the bundled library offers to copy its entry', () => {
    const bundled = new LibraryCatalog({ readFile: async () => undefined });
    return bundled.resolve({ paths: [], includeBundled: true }).then(({ library: calm }) => {
      const result = checkCitations({ documents: [{ path: '/p/paper.md', text: 'See [@jin2023cladder].', language: 'markdown' }], library, otherLibrary: calm });
      const finding = result.find((each) => each.rule === 'cite/undefined-key')!;
      assert.match(finding.message, /It is in the CALM 2024 library: copy the entry/);
      assert.equal(finding.fix?.kind, 'copy-entry');
    });
  });

  test('parse errors of library files are reported at their line', () => {
    const broken = libraryOf({ '/p/broken.bib': '@article{a, title={x}}\n@article{b, title={unclosed\n\n@article{c, title={y}}\n' });
    const result = checkCitations({ documents: [], library: broken });
    const parseErrors = result.filter((finding) => finding.rule === 'bib/parse-error');
    assert.equal(parseErrors.length, 1);
    assert.equal(parseErrors[0]!.line, 2);
  });
});

describe('checkDocument on the real papers', () => {
  const papers = sharedPath('corpus', 'papers');

  test('beta-DPO cites `pythia` where the .bib has `Pythia`', async () => {
    const report = await checkDocument({ documentPath: path.join(papers, '1587causalai__dynamic-beta-alignment', 'neurips_2024.tex'), fs: diskFs });
    const undefinedKeys = report.findings.filter((finding) => finding.rule === 'cite/undefined-key');
    assert.equal(undefinedKeys.length, 1);
    assert.match(undefinedKeys[0]!.file, /chapters\/4_work\.tex$/);
    assert.equal(undefinedKeys[0]!.line, 25);
    assert.match(undefinedKeys[0]!.message, /'pythia'.*Did you mean 'Pythia'/);
  });

  test('elk cites author:elk and author:burns; the keys are elk and burns', async () => {
    const report = await checkDocument({ documentPath: path.join(papers, 'EleutherAI__elk', 'joss', 'paper.md'), fs: diskFs });
    const messages = report.findings.filter((finding) => finding.rule === 'cite/undefined-key').map((finding) => finding.message);
    assert.equal(messages.length, 4);
    assert.ok(messages.some((message) => /'author:elk'.*Did you mean 'elk'/.test(message)));
    assert.ok(messages.some((message) => /'author:burns'.*Did you mean 'burns'/.test(message)));
    assert.equal(report.summary.errors, 4);
  });

  test('the quartet manuscript defines rubin2009should twice; Quarto cross-references are not citations', async () => {
    const report = await checkDocument({ documentPath: path.join(papers, 'LucyMcGowan__writing-quartet', 'manuscript.qmd'), fs: diskFs });
    assert.deepEqual(report.findings.filter((finding) => finding.rule === 'cite/duplicate-key').map((finding) => finding.line), [74, 118]);
    assert.equal(report.findings.filter((finding) => finding.rule === 'cite/undefined-key').length, 0);
  });

  test('a paper whose every key is defined has no undefined-key finding, bookdown chapters included', async () => {
    for (const document of ['andykitchen__neuroai-workshop-2024/submission.tex', 'jonhue__min-sbr/paper.tex', 'Kuan-Liu-Lab__causens/joss/paper.md', 'matanmazor__thesis/index/01-chap1.Rmd']) {
      const report = await checkDocument({ documentPath: path.join(papers, document), fs: diskFs });
      const undefinedKeys = report.findings.filter((finding) => finding.rule === 'cite/undefined-key');
      assert.deepEqual(undefinedKeys.map((finding) => finding.message), [], document);
    }
  });
});

describe('a .bib entry with a syntax error (issue #14)', () => {
  test('keeps its key for BibTeX: its citations are not undefined, and the located parse error is reported', () => {
    const bib = '@article{broken,\n  title = {Kept},\n  year = 2020\n  journal = {lost}\n}\n@misc{fine, title = {F}, howpublished = {x}, year = 2021}\n';
    const library = libraryOf({ '/p/refs.bib': bib });
    const findings = checkCitations({ documents: [{ path: '/p/paper.tex', text: '\\cite{broken, fine}', language: 'latex' }], library, ownLibraryFiles: ['/p/refs.bib'] });
    assert.deepEqual(findings.filter((finding) => finding.rule === 'cite/undefined-key'), []);
    assert.deepEqual(
      findings.filter((finding) => finding.rule === 'bib/parse-error').map(({ file, line, column, message }) => ({ file, line, column, message })),
      [{ file: '/p/refs.bib', line: 4, column: 3, message: "entry 'broken': missing comma after field 'year', found 'j'" }],
    );
  });
});
