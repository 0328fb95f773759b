import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { checkCitations, checkCitationsByFile, type CitationFinding } from '../../src/core/citationChecks/checkCitations';
import { libraryDuplicates } from '../../src/core/citationChecks/libraryDuplicates';
import { citingDocument } from '../../src/core/documents';
import { readLibraryText } from '../../src/core/library/formats';
import { Library } from '../../src/core/library/library';
import { nearestKeys } from '../../src/core/library/nearestKeys';
import type { Reference } from '../../src/core/library/reference';
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

  test('the indexed walk finds what comparing with every key finds', () => {
    // Keys from a small alphabet with separators and capitals, so case slips, prefixed forms and near misses are common.
    const keyArbitrary = fc.stringMatching(/^[abcAB1:_-]{1,9}$/);
    fc.assert(
      fc.property(fc.array(keyArbitrary, { maxLength: 40 }), keyArbitrary, fc.integer({ min: 1, max: 4 }), (candidates, key, limit) => {
        assert.deepEqual(nearestKeys(key, candidates, limit), nearestByComparingAll(key, candidates, limit));
      }),
      { seed: 20241216, numRuns: 3000 },
    );
  });
});

/** The definition nearestKeys implements, one key at a time: the reference for the test above. */
function nearestByComparingAll(key: string, candidates: readonly string[], limit: number): string[] {
  const lower = key.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(key.length / 3));
  const prefixed = (longer: string, shorter: string) =>
    shorter.length >= 3 && longer.length > shorter.length && longer.endsWith(shorter) && /[:/_-]/.test(longer[longer.length - shorter.length - 1]!);
  const scored: { key: string; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === key) continue;
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) scored.push({ key: candidate, distance: -2 });
    else if (prefixed(lower, candidateLower) || prefixed(candidateLower, lower)) scored.push({ key: candidate, distance: -1 });
    else if (Math.abs(candidate.length - key.length) <= maxDistance) {
      const distance = levenshtein(lower, candidateLower);
      if (distance <= maxDistance) scored.push({ key: candidate, distance });
    }
  }
  scored.sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key));
  return scored.slice(0, limit).map((entry) => entry.key);
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), previous[j]! + 1, current[j - 1]! + 1);
    previous = current;
  }
  return previous[b.length]!;
}

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
  let findings: readonly CitationFinding[];
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

function libraryOf(files: Record<string, string>): Library {
  const library = new Library();
  for (const [file, text] of Object.entries(files)) library.setFile(file, readLibraryText(file, text));
  return library;
}

describe('libraryDuplicates', () => {
  test('per-file identifiers find what one pass over the whole library finds, in the same order', () => {
    const entry = fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      doi: fc.option(fc.constantFrom('10.1/x', '10.1/X', '10.2/y', '10.3/z'), { nil: undefined }),
      arxiv: fc.option(fc.constantFrom('2401.00001', '2401.00001v2', '2402.00002'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(entry, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), (files) => {
        const library = new Library();
        files.forEach((entries, fileIndex) => {
          const path = `/lib${fileIndex}.json`;
          const references = entries.map((drawn, line) => ({ ...drawn, type: 'article', authors: [], keywords: [], fields: {}, source: { path, line: line + 1, column: 1 }, library: 'user' as const }));
          library.setFile(path, { references, errors: [], format: 'csl-json', macros: new Map() });
        });
        const found = [...libraryDuplicates(library).identifiers].map(([id, references]) => [id, references.map((reference) => `${reference.source.path}:${reference.source.line}`)]);
        const expected = [...duplicatesInOnePass(library)].map(([id, references]) => [id, references.map((reference) => `${reference.source.path}:${reference.source.line}`)]);
        assert.deepEqual(found, expected);
      }),
      { seed: 20241217, numRuns: 2000 },
    );
  });
});

/** The definition: identifiers in library order, the entries in library order, one per key, where two keys share one. */
function duplicatesInOnePass(library: Library): Map<string, Reference[]> {
  const byIdentifier = new Map<string, Reference[]>();
  for (const reference of library.references()) {
    for (const identifier of [reference.doi && `doi:${reference.doi.toLowerCase()}`, reference.arxiv && `arxiv:${reference.arxiv.replace(/v\d+$/, '')}`]) {
      if (!identifier) continue;
      const list = byIdentifier.get(identifier) ?? [];
      if (!list.some((other) => other.key === reference.key)) list.push(reference);
      byIdentifier.set(identifier, list);
    }
  }
  return new Map([...byIdentifier].filter(([, references]) => references.length > 1));
}

describe('checkCitationsByFile: library findings are kept while the document cites the same keys of it', () => {
  // c lacks its journal.
  const bib = ['a', 'b', 'c'].map((key) => `@article{${key}, author={Doe, J.}, title={${key}}, ${key === 'c' ? '' : 'journal={J}, '}year={2020}}\n`).join('');
  const paper = (keys: string) => ({ documents: [citingDocument('/p/paper.tex', `See \\citep{${keys}}.`, 'latex')], ownLibraryFiles: ['/p/refs.bib'] });

  test('the findings are those of checkCitations, by file', () => {
    const library = libraryOf({ '/p/refs.bib': bib });
    const byFile = checkCitationsByFile({ ...paper('a, c, zz'), library });
    const flat = checkCitations({ ...paper('a, c, zz'), library });
    assert.deepEqual([...byFile.keys()].sort(), ['/p/paper.tex', '/p/refs.bib']);
    assert.deepEqual(rules(byFile.get('/p/paper.tex')!), ['cite/undefined-key']);
    assert.deepEqual(rules(byFile.get('/p/refs.bib')!).sort(), ['cite/missing-field', 'cite/unused-entry']);
    assert.deepEqual([...byFile.values()].flat().map((finding) => finding.message).sort(), flat.map((finding) => finding.message).sort());
  });

  test('typing a key no library defines keeps the very same list for the library file', () => {
    const library = libraryOf({ '/p/refs.bib': bib });
    const before = checkCitationsByFile({ ...paper('a, k'), library }).get('/p/refs.bib');
    const after = checkCitationsByFile({ ...paper('a, ko'), library });
    assert.equal(after.get('/p/refs.bib'), before);
    assert.match(after.get('/p/paper.tex')![0]!.message, /'ko' is not defined/);
  });

  test('citing another key of the library, another severity or a changed library gives a new list', () => {
    const library = libraryOf({ '/p/refs.bib': bib });
    const before = checkCitationsByFile({ ...paper('a'), library }).get('/p/refs.bib')!;
    assert.equal(before.filter((finding) => finding.rule === 'cite/unused-entry').length, 2);
    const citedB = checkCitationsByFile({ ...paper('a, b'), library }).get('/p/refs.bib')!;
    assert.notEqual(citedB, before);
    assert.deepEqual(citedB.filter((finding) => finding.rule === 'cite/unused-entry').map((finding) => finding.message), ["'c' is never cited in this document."]);
    const quiet = checkCitationsByFile({ ...paper('a, b'), library, severities: { 'cite/unused-entry': 'off' } });
    assert.equal(quiet.get('/p/refs.bib'), undefined);
    library.setFile('/p/refs.bib', readLibraryText('/p/refs.bib', `${bib}@article{d, author={Roe, R.}, title={D}, journal={J}, year={2021}}\n`));
    const changed = checkCitationsByFile({ ...paper('a, b'), library }).get('/p/refs.bib')!;
    assert.deepEqual(changed.filter((finding) => finding.rule === 'cite/unused-entry').map((finding) => finding.message), ["'c' is never cited in this document.", "'d' is never cited in this document."]);
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
