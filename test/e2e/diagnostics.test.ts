import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEditor, type Editor } from './editor';
import { applyCodeAction, goTo, openFile, visibleText, waitForLine, waitForProblem } from './workbench';

// A two-file LaTeX paper: the chapter cites `pythia` where refs.bib defines `Pythia` (the slip of
// 1587causalai/dynamic-beta-alignment), the root cites a key only the bundled CALM library has.
const PAPER = [
  '\\documentclass{article}',
  '\\begin{document}',
  'LLMs and causality \\citep{kiciman2023causal}.',
  '\\input{chapters/method}',
  '\\bibliographystyle{plain}',
  '\\bibliography{refs}',
  '\\end{document}',
  '',
].join('\n');
const CHAPTER = 'We evaluate Pythia-410M \\cite{pythia} as in DPO.\n';
const REFS = [
  '@inproceedings{Pythia,',
  '  author    = {Stella Biderman and Hailey Schoelkopf and Quentin Gregory Anthony},',
  '  title     = {Pythia: {A} Suite for Analyzing Large Language Models Across Training and Scaling},',
  '  booktitle = {International Conference on Machine Learning, {ICML} 2023},',
  '  year      = {2023}',
  '}',
  '',
].join('\n');
const NOTES = ['---', 'bibliography: refs.bib', '---', '', 'As in [@Pythia] and [@nosuchkey2024].', ''].join('\n');

describe('live citation diagnostics and quick fixes in a real VS Code', () => {
  let editor: Editor;

  before(async () => {
    editor = await startEditor({ files: { 'paper.tex': PAPER, 'chapters/method.tex': CHAPTER, 'refs.bib': REFS, 'notes.md': NOTES } });
  });

  after(async () => {
    await editor?.close();
  });

  test('the Problems panel shows the case slip in the \\input chapter and the key only the CALM library has', async () => {
    const { page } = editor;
    await openFile(page, 'paper.tex');
    const rows = await waitForProblem(page, /'pythia' is not defined.*Did you mean 'Pythia'\?.*cite\/undefined-key/);
    await waitForProblem(page, /'kiciman2023causal' is not defined.*CALM 2024 library.*cite\/undefined-key/);
    // The chapter's finding is on the chapter's own file, not on the root.
    assert.ok(rows.some((row) => /^method\.tex/.test(row)), rows.join('\n'));
  });

  test("'Replace with' fixes the chapter's citation, the diagnostic goes, and one Ctrl+Z restores it", async () => {
    const { page } = editor;
    await openFile(page, 'method.tex');
    await goTo(page, 1, 33);
    await applyCodeAction(page, "Replace with 'Pythia'");
    assert.equal(await waitForLine(page, 1, 'We evaluate Pythia-410M \\cite{Pythia} as in DPO.'), 'We evaluate Pythia-410M \\cite{Pythia} as in DPO.');
    await waitForProblem(page, /'pythia' is not defined/, { present: false });
    await goTo(page, 1, 1);
    await page.keyboard.press('Control+Z');
    assert.equal(await waitForLine(page, 1, CHAPTER.trimEnd()), CHAPTER.trimEnd());
    await waitForProblem(page, /'pythia' is not defined/);
  });

  test('copying the CALM library entry appends it to refs.bib and the citation is then defined', async () => {
    const { page } = editor;
    await openFile(page, 'paper.tex');
    await goTo(page, 3, 30);
    await applyCodeAction(page, "Copy 'kiciman2023causal' from the CALM 2024 library into refs.bib");
    await waitForProblem(page, /'kiciman2023causal' is not defined/, { present: false });
    await openFile(page, 'refs.bib');
    await page.keyboard.press('Control+End');
    const text = await visibleText(page);
    assert.match(text, /@misc\{kiciman2023causal,/);
    assert.match(text, /title\s+= \{Causal Reasoning and Large Language Models: Opening a New Frontier for Causality\}/);
  });

  test('an undefined [@key] in a Markdown document is reported', async () => {
    const { page } = editor;
    await openFile(page, 'notes.md');
    await waitForProblem(page, /'nosuchkey2024' is not defined.*cite\/undefined-key/);
    const rows = await waitForProblem(page, /notes\.md/);
    assert.ok(!rows.some((row) => /'Pythia' is not defined/.test(row)), rows.join('\n'));
  });
});
