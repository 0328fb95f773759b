import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import type { CitationFinding } from '../../src/core/citationChecks/checkCitations';
import { nearestKeys } from '../../src/core/library/nearestKeys';
import { memoryService, nodeService } from './serviceFixtures';
import { needsShared, sharedPath } from './shared';

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

describe('the citation checks of a hand-made paper and its bibliography', () => {
  const bib = [
    '@article{smith2020, author={Smith, A.}, title={One}, journal={J}, year={2020}, doi={10.1/ABC}}',
    '@article{smith2020copy, author={Smith, A.}, title={One again}, journal={J}, year={2020}, doi={10.1/abc}}',
    '@article{nojournal, author={Doe, B.}, title={Two}, year={2021}}',
    '@misc{kiciman-preprint, author={K{\\i}c{\\i}man, Emre}, title={Causal Reasoning and LLMs}, year={2023}, eprint={2305.00050}, archivePrefix={arXiv}}',
    '@article{uncited, author={Roe, C.}, title={Three}, journal={J}, year={2022}}',
    '@article{smith2020, author={Smith, A.}, title={Dup}, journal={J}, year={2020}}',
  ].join('\n\n');
  // The document names its bibliography on the same line, so every position below is on line 1.
  const text = 'As shown \\citep{smith2020, nojournal} and \\cite{Smith2020} and \\citet{kiciman-preprint}. \\bibliography{refs}';
  const check = (documentText: string, settings: Record<string, unknown> = {}, file = '/p/paper.tex') =>
    memoryService({ files: { '/p/refs.bib': bib }, open: { [file]: documentText }, settings: { '*': settings } }).service.checkProject(file);
  let findings: CitationFinding[];
  before(async () => {
    findings = (await check(text)).findings;
  });

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
    // Places are relative to the file the message is on: no absolute paths in messages.
    assert.match(duplicates[0]!.message, /defined 2 times: refs\.bib:1 and refs\.bib:11\./);
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

  test('severities can be changed or switched off per rule', async () => {
    const quiet = (await check(text, { diagnostics: { severity: { 'cite/unused-entry': 'off', 'cite/undefined-key': 'warning' } } })).findings;
    assert.ok(!rules(quiet).includes('cite/unused-entry'));
    assert.ok(rules(findings).includes('cite/unused-entry'), 'on by default');
    assert.equal(quiet.find((finding) => finding.rule === 'cite/undefined-key')?.severity, 'warning');
  });

  test('\\nocite{*} cites everything, so nothing is unused', async () => {
    const all = (await check('\\nocite{*} \\bibliography{refs}')).findings;
    assert.ok(!rules(all).includes('cite/unused-entry'));
    assert.ok(rules((await check('\\nocite{smith2020} \\bibliography{refs}')).findings).includes('cite/unused-entry'), 'positive control: one \\nocite key leaves the others unused');
  });

  test('a key only in the bundled library offers to copy its entry', async () => {
    const result = (await check('---\nbibliography: refs.bib\n---\nSee [@jin2023cladder].', {}, '/p/paper.md')).findings;
    const finding = result.find((each) => each.rule === 'cite/undefined-key')!;
    assert.match(finding.message, /It is in the CALM 2024 library: copy the entry/);
    assert.equal(finding.fix?.kind, 'copy-entry');
  });

  test('parse errors of library files are reported at their line', async () => {
    const { service } = memoryService({
      files: { '/p/broken.bib': '@article{a, title={x}}\n@article{b, title={unclosed\n\n@article{c, title={y}}\n' },
      open: { '/p/paper.tex': '\\nocite{*}\\bibliography{broken}' },
    });
    const parseErrors = (await service.checkProject('/p/paper.tex')).findings.filter((finding) => finding.rule === 'bib/parse-error');
    assert.equal(parseErrors.length, 1);
    assert.deepEqual([parseErrors[0]!.file, parseErrors[0]!.line], ['/p/broken.bib', 2]);
  });
});

describe('the check of the real papers', needsShared, () => {
  const papers = sharedPath('corpus', 'papers');
  /** What `calm-cite check` reports for a document of a paper, with the paper's folder as the workspace folder. */
  const report = (folder: string, document: string) => nodeService(path.join(papers, folder)).service.checkSubmission({ path: path.join(papers, folder, document) });

  test('beta-DPO cites `pythia` where the .bib has `Pythia`', async () => {
    const { findings } = await report('1587causalai__dynamic-beta-alignment', 'neurips_2024.tex');
    const undefinedKeys = findings.filter((finding) => finding.rule === 'cite/undefined-key');
    assert.equal(undefinedKeys.length, 1);
    assert.match(undefinedKeys[0]!.file, /chapters\/4_work\.tex$/);
    assert.equal(undefinedKeys[0]!.line, 25);
    assert.match(undefinedKeys[0]!.message, /'pythia'.*Did you mean 'Pythia'/);
  });

  test('elk cites author:elk and author:burns; the keys are elk and burns', async () => {
    const { findings, summary } = await report('EleutherAI__elk', 'joss/paper.md');
    const messages = findings.filter((finding) => finding.rule === 'cite/undefined-key').map((finding) => finding.message);
    assert.equal(messages.length, 4);
    assert.ok(messages.some((message) => /'author:elk'.*Did you mean 'elk'/.test(message)));
    assert.ok(messages.some((message) => /'author:burns'.*Did you mean 'burns'/.test(message)));
    assert.equal(summary.errors, 4);
  });

  test('the quartet manuscript defines rubin2009should twice; Quarto cross-references are not citations', async () => {
    const { findings } = await report('LucyMcGowan__writing-quartet', 'manuscript.qmd');
    assert.deepEqual(findings.filter((finding) => finding.rule === 'cite/duplicate-key').map((finding) => finding.line), [74, 118]);
    assert.equal(findings.filter((finding) => finding.rule === 'cite/undefined-key').length, 0);
  });

  test('a paper whose every key is defined has no undefined-key finding, bookdown chapters included', needsShared, async () => {
    for (const document of ['andykitchen__neuroai-workshop-2024/submission.tex', 'jonhue__min-sbr/paper.tex', 'Kuan-Liu-Lab__causens/joss/paper.md', 'matanmazor__thesis/index/01-chap1.Rmd']) {
      const [folder, ...rest] = document.split('/');
      const { findings } = await report(folder!, rest.join('/'));
      const undefinedKeys = findings.filter((finding) => finding.rule === 'cite/undefined-key');
      assert.deepEqual(undefinedKeys.map((finding) => finding.message), [], document);
    }
  });
});

describe('a .bib entry with a syntax error (issue #14)', () => {
  test('keeps its key for BibTeX: its citations are not undefined, and the located parse error is reported', async () => {
    const bib = '@article{broken,\n  title = {Kept},\n  year = 2020\n  journal = {lost}\n}\n@misc{fine, title = {F}, howpublished = {x}, year = 2021}\n';
    const { service } = memoryService({ files: { '/p/refs.bib': bib }, open: { '/p/paper.tex': '\\cite{broken, fine} \\bibliography{refs}' } });
    const { findings } = await service.checkProject('/p/paper.tex');
    assert.deepEqual(findings.filter((finding) => finding.rule === 'cite/undefined-key'), []);
    assert.deepEqual(
      findings.filter((finding) => finding.rule === 'bib/parse-error').map(({ file, line, column, message }) => ({ file, line, column, message })),
      [{ file: '/p/refs.bib', line: 4, column: 3, message: "entry 'broken': missing comma after field 'year', found 'j'" }],
    );
  });
});
