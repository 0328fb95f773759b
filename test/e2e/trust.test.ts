import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEditor, type Editor } from './editor';
import { codeActionTitles, goTo, hoverText, lineText, notification, openFile, renameSymbol, runCommand, suggestions, type, waitForProblem } from './workbench';

// A paper citing a key of its own .bib, a case slip of it (which has a 'Replace with' fix when
// trusted, see diagnostics.test.ts) and a key only the bundled CALM library has (a 'Copy' fix).
const PAPER = [
  '\\documentclass{article}',
  '\\begin{document}',
  'Pythia \\citep{Pythia}, again \\cite{pythia}, and LLMs \\citep{kiciman2023causal}.',
  '',
  '\\bibliography{refs}',
  '\\end{document}',
  '',
].join('\n');
const REFS = '@inproceedings{Pythia,\n  author = {Stella Biderman and Hailey Schoelkopf},\n  title = {Pythia: A Suite for Analyzing Large Language Models},\n  year = {2023}\n}\n';

describe('an untrusted workspace (Restricted Mode): CALM Cite reads and previews but changes nothing', () => {
  let editor: Editor;

  before(async () => {
    editor = await startEditor({ untrusted: true, files: { 'paper.tex': PAPER, 'refs.bib': REFS } });
  });

  after(async () => {
    await editor?.close();
  });

  test('the workbench is in Restricted Mode and the citations are still checked', async () => {
    const { page } = editor;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await openFile(page, 'paper.tex');
    await waitForProblem(page, /'pythia' is not defined.*Did you mean 'Pythia'\?/);
  });

  test('completion and hover work', async () => {
    const { page } = editor;
    await goTo(page, 4, 1);
    await type(page, '\\citep{kiciman');
    const labels = await suggestions(page, { until: (current) => current[0] === 'kiciman2023causal' });
    assert.equal(labels[0], 'kiciman2023causal');
    await page.keyboard.press('Escape');
    await goTo(page, 3, 17);
    assert.match(await hoverText(page, /Biderman/), /Pythia: A Suite for Analyzing Large Language Models/);
  });

  test('rename is refused with the reason', async () => {
    const { page } = editor;
    await goTo(page, 3, 17);
    assert.match((await renameSymbol(page, 'pythia2023')) ?? '', /Trust this workspace to rename keys/);
    assert.equal(await lineText(page, 3), PAPER.split('\n')[2]);
  });

  test('the quick-fix menu offers no CALM Cite fix', async () => {
    const { page } = editor;
    await goTo(page, 3, 38);
    const titles = await codeActionTitles(page);
    assert.ok(!titles.some((title) => /Replace with|Copy '/.test(title)), titles.join('\n'));
  });

  test('Insert Citation and Check Submission are refused with the reason', async () => {
    const { page } = editor;
    await runCommand(page, 'CALM Cite: Insert Citation');
    await notification(page, /Trust this workspace to insert citations/);
    await runCommand(page, 'CALM Cite: Check Submission');
    await notification(page, /Trust this workspace to run the submission checks/);
  });

  test('once the user trusts the workspace, the quick fixes are offered', async () => {
    const { page } = editor;
    await runCommand(page, 'Workspaces: Manage Workspace Trust');
    await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click();
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'hidden', timeout: 20_000 });
    await openFile(page, 'paper.tex');
    await goTo(page, 3, 38);
    const titles = await codeActionTitles(page);
    assert.ok(titles.includes("Replace with 'Pythia'"), titles.join('\n'));
  });
});
