import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkCitations, type CitationFinding } from '../../src/core/citationChecks/checkCitations';
import { severitiesFromSetting } from '../../src/core/citationChecks/rules';
import { entrySourceRange, entrySourceText, fieldInsertion } from '../../src/core/library/bibtex/entrySource';
import { readLibraryText } from '../../src/core/library/formats';
import { Library } from '../../src/core/library/library';
import { notesPublishedVersion, publishedVersionNote } from '../../src/core/library/publishedVersion';
import { findingsByFile } from '../../src/core/service/findingsByFile';
import { parseSettings } from '../../src/core/settings';
import { BUNDLED_LIBRARY, bundledLibraryFiles, memoryService } from './serviceFixtures';
import { needsShared, readShared, sharedPath } from './shared';

describe('entrySourceText', () => {
  test('copies a bundled CALM entry verbatim, from its @ to its closing brace', async () => {
    const text = bundledLibraryFiles()[BUNDLED_LIBRARY]!;
    const reference = (await memoryService().service.library('/p/paper.tex')).lookup('kiciman2023causal')!;
    assert.equal(reference.library, 'bundled');
    const entry = entrySourceText(text, reference)!;
    const lines = entry.split('\n');
    assert.equal(lines[0], '@misc{kiciman2023causal,');
    assert.equal(lines[1], '  title            = {Causal Reasoning and Large Language Models: Opening a New Frontier for Causality},');
    assert.equal(lines.at(-1), '}');
    assert.equal(lines.length, 15);
    assert.equal(readLibraryText('/copy.bib', entry).references[0]?.title, reference.title);
  });

  test('finds the end of a corpus entry whose fields nest braces', needsShared, () => {
    const file = sharedPath('corpus', 'papers', '1587causalai__dynamic-beta-alignment', 'neurips_2024.bib');
    const text = readShared('corpus', 'papers', '1587causalai__dynamic-beta-alignment', 'neurips_2024.bib');
    const reference = readLibraryText(file, text).references.find((candidate) => candidate.key === 'Pythia')!;
    const entry = entrySourceText(text, reference)!;
    assert.ok(entry.startsWith('@inproceedings{Pythia,\n  author       = {Stella Biderman and'), entry.slice(0, 60));
    assert.ok(entry.endsWith('}'));
    const reread = readLibraryText('/copy.bib', entry);
    assert.deepEqual(reread.errors, []);
    assert.deepEqual(reread.references[0]!.fields, reference.fields);
  });

  test('is undefined when the recorded line no longer starts that entry', () => {
    const text = '@article{a, title={A}}\n@article{b, title={B}}\n';
    const [first] = readLibraryText('/r.bib', text).references;
    assert.deepEqual(entrySourceRange(text, first!), { start: 0, end: 22 });
    assert.equal(entrySourceText('\n' + text, first!), undefined);
  });

  test('fieldInsertion adds a last field with the comma it needs, before the closing brace', () => {
    const text = '@misc{p,\n  title = {P},\n  year = {2023}\n}\n';
    const reference = readLibraryText('/r.bib', text).references[0]!;
    const insertion = fieldInsertion(text, reference, 'note', 'Published version: X')!;
    const edited = text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset);
    assert.equal(edited, '@misc{p,\n  title = {P},\n  year = {2023},\n  note = {Published version: X}\n}\n');
  });
});

describe('published-version note', () => {
  test('escapes LaTeX specials, and the preprint check then treats the entry as acknowledged', () => {
    const note = publishedVersionNote('ICML 2024, PMLR 235 {v2}, https://x.org/a_b#c');
    assert.equal(note, 'Published version: ICML 2024, PMLR 235 v2, https://x.org/a\\_b\\#c');
    const reference = readLibraryText('/r.bib', `@misc{p, title={P}, note={${note}}}`).references[0]!;
    assert.equal(notesPublishedVersion(reference), true);
  });
});

describe('the citation check of a multi-file LaTeX project', () => {
  const files = {
    '/p/main.tex': '\\documentclass{article}\n\\begin{document}\n\\input{chapters/intro}\n\\citep{kiciman2023causal}\n\\bibliography{refs}\n\\end{document}\n',
    '/p/chapters/intro.tex': 'Models \\cite{pythia}.\n',
    '/p/refs.bib': '@inproceedings{Pythia, author={Biderman, S.}, title={Pythia}, booktitle={ICML}, year={2023}}\n',
  };

  test('editing the chapter checks the root and its inputs, each finding on its own file', async () => {
    const { service } = memoryService({ files, open: { '/p/chapters/intro.tex': 'Models \\cite{pythia} and \\cite{Pythia}.\n' } });
    const project = await service.checkProject('/p/chapters/intro.tex');
    assert.equal(project.root, '/p/main.tex');
    assert.deepEqual(project.files, ['/p/main.tex', '/p/chapters/intro.tex']);
    assert.deepEqual(project.libraryPaths, ['/p/refs.bib']);
    assert.deepEqual(project.ownLibraryFiles, ['/p/refs.bib']);
    const summary = project.findings.map((finding) => [finding.rule, finding.file, finding.line, finding.column, finding.fix?.kind]);
    assert.deepEqual(summary, [
      ['cite/undefined-key', '/p/main.tex', 4, 8, 'copy-entry'],
      ['cite/undefined-key', '/p/chapters/intro.tex', 1, 14, 'replace-key'],
    ]);
  });

  test('a library the document names that does not exist is bib/missing-file, at the chosen severity', async () => {
    const { service } = memoryService({
      files,
      open: { '/p/notes.md': '---\nbibliography: gone.bib\n---\n[@x]\n' },
      settings: { '*': { diagnostics: { severity: { 'bib/missing-file': 'warning', 'cite/undefined-key': 'off' } } } },
    });
    const project = await service.checkProject('/p/notes.md');
    assert.deepEqual(
      project.findings.map((finding) => [finding.rule, finding.severity, finding.file, finding.line]),
      [['bib/missing-file', 'warning', '/p/notes.md', 2]],
    );
    assert.match(project.findings[0]!.message, /The library \/p\/gone\.bib does not exist/);
  });
});

describe('findingsByFile', () => {
  const finding = (rule: CitationFinding['rule'], file: string, line: number, message: string): CitationFinding => ({ rule, severity: 'hint', file, line, column: 1, message });

  test('shows a finding two checks share once, and an entry as unused only if every document naming the file leaves it uncited', () => {
    const paperA = { ownLibraryFiles: ['/refs.bib'], byFile: new Map([['/refs.bib', [finding('cite/unused-entry', '/refs.bib', 1, "'x' unused"), finding('cite/duplicate-key', '/refs.bib', 5, 'dup')]]]) };
    const paperB = {
      ownLibraryFiles: ['/refs.bib'],
      byFile: new Map([['/refs.bib', [finding('cite/unused-entry', '/refs.bib', 9, "'y' unused"), finding('cite/unused-entry', '/refs.bib', 1, "'x' unused"), finding('cite/duplicate-key', '/refs.bib', 5, 'dup')]]]),
    };
    const byFile = findingsByFile([paperA, paperB]);
    assert.deepEqual(byFile.get('/refs.bib')!.map((shown) => `${shown.rule}:${shown.line}`), ['cite/unused-entry:1', 'cite/duplicate-key:5']);
    assert.deepEqual([...findingsByFile([paperA, paperB], new Set(['/other.tex'])).keys()], []);
  });

  test("a file one check alone sees gets that check's list itself; a second document owning the file still vetoes its unused entries", () => {
    const list = [finding('cite/unused-entry', '/refs.bib', 1, "'x' unused")];
    const paperA = { ownLibraryFiles: ['/refs.bib'], byFile: new Map([['/refs.bib', list]]) };
    assert.equal(findingsByFile([paperA]).get('/refs.bib'), list);
    // Paper B names refs.bib too and cites every entry of it, so it has no findings there: 'x' is not unused.
    const paperB = { ownLibraryFiles: ['/refs.bib'], byFile: new Map<string, CitationFinding[]>() };
    assert.deepEqual(findingsByFile([paperA, paperB]).get('/refs.bib'), []);
  });
});

describe('finding spans', () => {
  test("library findings sit on the entry's key, with its end, as the reader recorded it", () => {
    const library = new Library();
    library.setFile('/r.bib', readLibraryText('/r.bib', '@article{\n  smith2020, title={A}}\n@book{smith2020, title={B}}\n'));
    const duplicates = checkCitations({ documents: [], library }).filter((finding) => finding.rule === 'cite/duplicate-key');
    assert.deepEqual(duplicates.map((finding) => [finding.line, finding.column, finding.endLine, finding.endColumn]), [[2, 3, 2, 12], [3, 7, 3, 16]]);
  });
});

describe('calmCite.diagnostics settings', () => {
  test('severity overrides are validated per rule; a misspelt rule id costs only itself', () => {
    const { settings, problems } = parseSettings({ diagnostics: { severity: { 'cite/unused-entry': 'off', 'cite/missing-field': 'information', 'cite/nope': 'error', 'cite/duplicate-doi': 'loud' } } });
    assert.deepEqual(settings.diagnostics, { enabled: true, severity: { 'cite/unused-entry': 'off', 'cite/missing-field': 'information' } });
    assert.deepEqual(problems.map((problem) => problem.setting).sort(), ['calmCite.diagnostics.severity.cite/duplicate-doi', 'calmCite.diagnostics.severity.cite/nope']);
    assert.deepEqual(severitiesFromSetting(settings.diagnostics.severity), { 'cite/unused-entry': 'off', 'cite/missing-field': 'info' });
  });

  test('diagnostics are on by default and can be switched off', () => {
    assert.deepEqual(parseSettings({}).settings.diagnostics, { enabled: true, severity: {} });
    assert.equal(parseSettings({ diagnostics: { enabled: false } }).settings.diagnostics.enabled, false);
  });
});
