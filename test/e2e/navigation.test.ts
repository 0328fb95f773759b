import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEditor, type Editor } from './editor';
import { cursorPosition, goTo, openFile, viewRows, waitForReferences } from './workbench';

const PAPER = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'papers', 'charlesdedampierre__NeurIPS2024', 'latex');
const NOTES = ['---', 'title: Notes', 'bibliography: notes.bib', '---', '', 'Causality [@pearl2009, p. 3] and again @pearl2009.', '', 'Parrots [@kiciman2023causal].', '', ''].join('\n');
const NOTES_BIB = '@book{pearl2009,\n  title = {Causality},\n  author = {Pearl, Judea},\n  year = {2009}\n}\n';

describe('go to definition and the References view in a real VS Code', () => {
  let editor: Editor;

  before(async () => {
    editor = await startEditor({
      files: {
        'paper/main.tex': { copyFrom: path.join(PAPER, 'main.tex') },
        'paper/bib.bib': { copyFrom: path.join(PAPER, 'bib.bib') },
        'notes.md': NOTES,
        'notes.bib': NOTES_BIB,
      },
    });
  });

  after(async () => {
    await editor?.close();
  });

  test('F12 on \\citep{devlin_bert_2019} opens bib.bib at the entry line', async () => {
    const { page } = editor;
    await openFile(page, 'main.tex');
    await waitForReferences(page);
    await goTo(page, 133, 122);
    await page.keyboard.press('F12');
    await page.locator('.tab.active[data-resource-name="bib.bib"]').waitFor({ timeout: 20_000 });
    assert.deepEqual(await cursorPosition(page, [326, 1]), [326, 1]);
  });

  test('the References view lists the document\'s .bib and the four CALM directions', async () => {
    const { page } = editor;
    const header = page.locator('.pane-header', { hasText: 'References' }).first();
    await header.waitFor({ state: 'visible', timeout: 20_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const rows = (await viewRows(page, 'References')).join('\n');
    assert.match(rows, /^bib\.bib\s*68 references$/m);
    for (const direction of ['In large models', 'For large models', 'With large models', 'Of large models']) assert.match(rows, new RegExp(direction));
  });
});
