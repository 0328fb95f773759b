import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startEditor, type Editor } from './editor';
import { applyCodeAction, goTo, hoverText, openFile, problems, suggestions, type, visibleText, waitForProblem } from './workbench';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'calm-paper');
/** The sample's deliberate warning: a preprint whose peer-reviewed version is known. */
const PREPRINT_WARNING = /'kiciman2023causal' cites a preprint that has a peer-reviewed version.*cite\/preprint-published/;

describe('the sample paper in a real VS Code, with nothing configured: completion, hover, CALM keys, the deliberate warning', () => {
  let editor: Editor;

  before(async () => {
    editor = await startEditor({
      files: {
        'paper.tex': { copyFrom: path.join(EXAMPLE, 'paper.tex') },
        'paper.md': { copyFrom: path.join(EXAMPLE, 'paper.md') },
        'references.bib': { copyFrom: path.join(EXAMPLE, 'references.bib') },
        'notes.md': '# Notes\n\nCausal parrots \n',
      },
    });
  });

  after(async () => {
    await editor?.close();
  });

  test('the sample opens with no error: the Problems panel shows only the deliberate preprint warning', async () => {
    const { page } = editor;
    await openFile(page, 'paper.tex');
    const rows = await waitForProblem(page, PREPRINT_WARNING);
    assert.deepEqual(rows.filter((row) => /is not defined|cite\/|bib\//.test(row) && !PREPRINT_WARNING.test(row)), []);
  });

  test('typing \\citep{ in a .tex file offers the paper\'s keys first, and a partial key narrows the list', async () => {
    const { page } = editor;
    await goTo(page, 31, 1);
    await type(page, 'See \\citep{');
    const cited = (labels: string[]) => labels.includes('kiciman2023causal') && labels.includes('pearl2009causality');
    const labels = await suggestions(page, { until: cited });
    assert.ok(cited(labels), `suggestions: ${labels.join(', ')}`);
    await type(page, 'kiciman');
    const narrowed = await suggestions(page, { until: (current) => current[0] === 'kiciman2023causal' });
    assert.equal(narrowed[0], 'kiciman2023causal');
    await page.keyboard.press('Escape');
    await clearLine(page);
  });

  test('a title word finds the paper: \\cite{ladder ranks CLadder first', async () => {
    const { page } = editor;
    await goTo(page, 31, 1);
    await type(page, '\\cite{ladder');
    const labels = await suggestions(page, { trigger: true, until: (current) => current[0] === 'jin2023cladder' });
    assert.equal(labels[0], 'jin2023cladder');
    await page.keyboard.press('Escape');
    await clearLine(page);
  });

  test('hovering a cited key shows the formatted reference; an accepted CALM paper says oral or poster', async () => {
    const { page } = editor;
    await goTo(page, 35, 72);
    const text = await hoverText(page, /Kıcıman/);
    assert.match(text, /Kıcıman/);
    assert.match(text, /Causal reasoning and large language models/i);
    assert.match(text, /arXiv:2305\.00050/);
    await page.keyboard.press('Escape');
    await openFile(page, 'paper.md');
    await goTo(page, 20, 35);
    assert.match(await hoverText(page, /CALM 2024 accepted paper/), /CALM 2024 accepted paper, oral/);
    await page.keyboard.press('Escape');
  });

  test('accepting a CALM key in the .tex adds its entry to references.bib, no error appears, and one Ctrl+Z takes back both', async () => {
    const { page } = editor;
    await openFile(page, 'paper.tex');
    await goTo(page, 31, 1);
    await type(page, 'World models \\citep{rohekar');
    await suggestions(page, { until: (current) => current[0] === 'rohekar2024causal' });
    await page.keyboard.press('Enter');
    // The editor may or may not have closed the brace the test typed.
    await waitForVisible(page, /^World models \\citep\{rohekar2024causal\}?$/);
    assert.equal(await lastBibKey(page, 'rohekar2024causal'), 'rohekar2024causal');
    await assertNoCitationError(page, 'paper.tex');

    await openFile(page, 'paper.tex');
    await goTo(page, 31, 1);
    await page.keyboard.press('Control+Z');
    await waitForVisible(page, /^World models \\citep\{rohekar\}?$/);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'undone in both files without asking');
    assert.equal(await lastBibKey(page, 'carro2024ufos'), 'carro2024ufos');
    await openFile(page, 'paper.tex');
    await goTo(page, 31, 1);
    await clearLine(page);
  });

  test('accepting a CALM key in the .md adds its entry too (a key typed by hand stays undefined), and Ctrl+Z takes back both', async () => {
    const { page } = editor;
    await openFile(page, 'paper.md');
    // Positive control: the same kind of key typed by hand, not accepted, is reported.
    await goTo(page, 16, 1);
    await type(page, 'See [@vashishtha2024teaching]');
    await page.keyboard.press('Escape');
    await waitForProblem(page, /'vashishtha2024teaching' is not defined.*cite\/undefined-key/);
    // The Problems panel has the focus now: back to the line.
    await openFile(page, 'paper.md');
    await goTo(page, 16, 1);
    await clearLine(page);
    await waitForProblem(page, /'vashishtha2024teaching' is not defined/, { present: false });

    await openFile(page, 'paper.md');
    await goTo(page, 16, 1);
    await type(page, 'Questions [@ceraolo');
    await suggestions(page, { until: (current) => current[0] === 'ceraolo2024causalquest' });
    await page.keyboard.press('Enter');
    await waitForVisible(page, /^Questions \[@ceraolo2024causalquest\]?$/);
    assert.equal(await lastBibKey(page, 'ceraolo2024causalquest'), 'ceraolo2024causalquest');
    await assertNoCitationError(page, 'paper.md');

    await openFile(page, 'paper.md');
    await page.keyboard.press('Control+Z');
    await waitForVisible(page, /^Questions \[@ceraolo\]?$/);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0);
    assert.equal(await lastBibKey(page, 'carro2024ufos'), 'carro2024ufos');
    await openFile(page, 'paper.md');
    await goTo(page, 16, 1);
    await clearLine(page);
  });

  test('the deliberate warning\'s quick fix records the published version as a note, and the warning goes', async () => {
    const { page } = editor;
    await openFile(page, 'paper.md');
    await goTo(page, 12, 66);
    await applyCodeAction(page, "Add the published version to 'kiciman2023causal' as a note");
    await waitForProblem(page, PREPRINT_WARNING, { present: false });
    await openFile(page, 'references.bib');
    await goTo(page, 52, 1);
    assert.match(await visibleText(page), /note = \{Published version: Transactions on Machine Learning Research, 2024/);
  });

  test('after [@ in a .md file the bundled keys are offered', async () => {
    const { page } = editor;
    await openFile(page, 'notes.md');
    await goTo(page, 3, 16);
    await type(page, '[@zecevic');
    const labels = await suggestions(page, { until: (current) => current[0] === 'zecevic2023causal' });
    assert.equal(labels[0], 'zecevic2023causal');
    await page.keyboard.press('Escape');
  });
});

/** Empties the cursor's line, so what a test typed there leaves no citation behind. */
async function clearLine(page: Page): Promise<void> {
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Delete');
}

/** Waits until a visible line of the active editor matches `expected` whole. */
async function waitForVisible(page: Page, expected: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await visibleText(page)).split('\n').some((line) => expected.test(line))) {
    if (Date.now() > deadline) throw new Error(`no line reads ${expected}:\n${await visibleText(page)}`);
    await page.waitForTimeout(100);
  }
}

/** The key of the last entry of references.bib as the editor shows it, waiting a few seconds for it to be `expected`. */
async function lastBibKey(page: Page, expected: string): Promise<string | undefined> {
  await openFile(page, 'references.bib');
  // The Problems panel takes half the window: closed, the editor shows a whole entry above the end.
  if (await page.locator('.markers-panel').isVisible()) await page.keyboard.press('Control+J');
  const deadline = Date.now() + 10_000;
  let last: string | undefined;
  do {
    await page.keyboard.press('Control+End');
    last = [...(await visibleText(page)).matchAll(/^@\w+\{([^,\s]+),/gm)].at(-1)?.[1];
    if (last === expected) break;
    await page.waitForTimeout(200);
  } while (Date.now() < deadline);
  return last;
}

/** No citation error in the Problems panel for `file`, while its deliberate warning shows (the panel is live). */
async function assertNoCitationError(page: Page, file: string): Promise<void> {
  await openFile(page, file);
  await waitForProblem(page, PREPRINT_WARNING);
  // The diagnostics follow the library change a moment later: give them time to show an error if there were one.
  await page.waitForTimeout(2_000);
  const rows = await problems(page);
  assert.deepEqual(rows.filter((row) => /is not defined|cite\/undefined-key/.test(row)), [], rows.join('\n'));
}
