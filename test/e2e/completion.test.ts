import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEditor, type Editor } from './editor';
import { goTo, hoverText, openFile, suggestions, type } from './workbench';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'calm-paper');

describe('completion and hover in a real VS Code, with nothing configured', () => {
  let editor: Editor;

  before(async () => {
    editor = await startEditor({
      files: {
        'paper.tex': { copyFrom: path.join(EXAMPLE, 'paper.tex') },
        'references.bib': { copyFrom: path.join(EXAMPLE, 'references.bib') },
        'notes.md': '# Notes\n\nCausal parrots \n',
      },
    });
  });

  after(async () => {
    await editor?.close();
  });

  test('typing \\citep{ in a .tex file offers the bundled CALM library and the paper\'s own .bib', async () => {
    const { page } = editor;
    await openFile(page, 'paper.tex');
    await goTo(page, 31, 1);
    await type(page, 'See \\citep{');
    // Keys the paper already cites come first: from the bundled library and from its own references.bib.
    const bothLibraries = (labels: string[]) => labels.includes('kiciman2023causal') && labels.includes('pearl2009causality');
    const labels = await suggestions(page, { until: bothLibraries });
    assert.ok(bothLibraries(labels), `suggestions: ${labels.join(', ')}`);
    await type(page, 'kiciman');
    const narrowed = await suggestions(page, { until: (current) => current[0] === 'kiciman2023causal' });
    assert.equal(narrowed[0], 'kiciman2023causal');
    await type(page, 'zzz');
    await page.keyboard.press('Escape');
  });

  test('a title word finds the paper: \\cite{ladder ranks CLadder first', async () => {
    const { page } = editor;
    await goTo(page, 33, 1);
    await type(page, '\\cite{ladder');
    const labels = await suggestions(page, { trigger: true, until: (current) => current[0] === 'jin2023cladder' });
    assert.equal(labels[0], 'jin2023cladder');
    await page.keyboard.press('Escape');
  });

  test('hovering a cited key shows the formatted reference', async () => {
    const { page } = editor;
    await goTo(page, 27, 72);
    const text = await hoverText(page, /Kıcıman/);
    assert.match(text, /Kıcıman/);
    assert.match(text, /Causal reasoning and large language models/i);
    assert.match(text, /arXiv:2305\.00050/);
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
