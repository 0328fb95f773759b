import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startEditor, type Editor } from './editor';
import { cursorPosition, goTo, lineText, openFile, closePeek, peekReferences, pick, renameSymbol, runCommand, viewRows, visibleText, waitForLine, waitForReferences } from './workbench';

// A paper whose venues come from @string macros of a second .bib (the project's own fixture).
const PAPER = path.resolve(__dirname, '..', 'fixtures', 'macros');
const NOTES = ['---', 'title: Notes', 'bibliography: notes.bib', '---', '', 'Causality [@pearl2009, p. 3] and again @pearl2009.', '', 'Parrots [@kiciman2023causal].', '', ''].join('\n');
const NOTES_BIB = '@book{pearl2009,\n  title = {Causality},\n  author = {Pearl, Judea},\n  year = {2009}\n}\n';
// A two-file LaTeX study citing one key of its own .bib four times, and a key only the bundled CALM library has.
const STUDY = [
  '\\documentclass{article}',
  '\\begin{document}',
  'Causal models \\citep{pearl2009causality} and again \\citet{pearl2009causality}.',
  '\\input{chapter}',
  'LLMs and causality \\citep{kiciman2023causal}.',
  'Insert here: ',
  'Group \\citep{pearl2009causality}.',
  '\\bibliography{study}',
  '\\end{document}',
  '',
].join('\n');
const CHAPTER = 'As before \\cite{pearl2009causality}.\n';
const STUDY_BIB = '@book{pearl2009causality,\n  title = {Causality},\n  author = {Pearl, Judea},\n  year = {2009}\n}\n';
// Another paper in the same workspace whose own .bib defines the same key: its citation is not the study's.
const OTHER = '\\documentclass{article}\n\\begin{document}\nElsewhere \\cite{pearl2009causality}.\n\\bibliography{other}\n\\end{document}\n';
const OTHER_BIB = '@book{pearl2009causality,\n  title = {Causality},\n  author = {Pearl, Judea},\n  edition = {2},\n  year = {2009}\n}\n';

describe('definition, references, rename and Insert Citation in a real VS Code', () => {
  let editor: Editor;

  before(async () => {
    editor = await startEditor({
      files: {
        'paper/main.tex': { copyFrom: path.join(PAPER, 'paper.tex') },
        'paper/abbrev.bib': { copyFrom: path.join(PAPER, 'abbrev.bib') },
        'paper/articles.bib': { copyFrom: path.join(PAPER, 'articles.bib') },
        'notes.md': NOTES,
        'notes.bib': NOTES_BIB,
        'study/study.tex': STUDY,
        'study/chapter.tex': CHAPTER,
        'study/study.bib': STUDY_BIB,
        'other/other.tex': OTHER,
        'other/other.bib': OTHER_BIB,
      },
    });
  });

  after(async () => {
    await editor?.close();
  });

  test('F12 on \\citep{mooij2016distinguishing} opens articles.bib at the entry line', async () => {
    const { page } = editor;
    await openFile(page, 'main.tex');
    await waitForReferences(page);
    await goTo(page, 5, 80);
    await page.keyboard.press('F12');
    await page.locator('.tab.active[data-resource-name="articles.bib"]').waitFor({ timeout: 20_000 });
    assert.deepEqual(await cursorPosition(page, [16, 1]), [16, 1]);
  });

  test('the References view lists the document\'s .bib files, the four CALM directions and the accepted papers by session', async () => {
    const { page } = editor;
    // The workspace's file tree takes most of the side bar: folded, the References view has room.
    const folders = page.locator('.pane-header', { hasText: /^workspace$/i }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    const header = page.locator('.pane-header', { hasText: 'References' }).first();
    await header.waitFor({ state: 'visible', timeout: 20_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const rows = (await viewRows(page, 'References')).join('\n');
    assert.match(rows, /^articles\.bib\s*3 references$/m);
    for (const direction of ['In large models', 'For large models', 'With large models', 'Of large models']) assert.match(rows, new RegExp(direction));
    assert.match(rows, /^CALM 2024 accepted papers\s*25 references, bundled$/m);
    // Folding the directions brings the accepted papers' sessions into view.
    await page.locator('.pane .monaco-list-row', { hasText: 'CALM 2024 selected references' }).first().click();
    const folded = (await viewRows(page, 'References')).join('\n');
    assert.match(folded, /^Orals\s*4 references$/m);
    assert.match(folded, /^Posters\s*21 references$/m);
  });

  test('Shift+F12 on a cited key peeks its entry and its four citations (not the other paper\'s), and so does the entry key in the .bib', async () => {
    const { page } = editor;
    await openFile(page, 'study.tex');
    await waitForReferences(page);
    await goTo(page, 3, 25);
    const fromCitation = await peekReferences(page);
    assert.match(fromCitation.title, /References \(5\)/);
    // A file row is the file name, its folder and its count, run together in innerText.
    for (const file of [/^chapter\.tex\s*study\s*1$/, /^study\.bib\s*study\s*1$/, /^study\.tex\s*study\s*3$/]) {
      assert.ok(fromCitation.rows.some((row) => file.test(row)), fromCitation.rows.join('\n'));
    }
    await closePeek(page);

    await openFile(page, 'study.bib');
    await goTo(page, 1, 10);
    const fromEntry = await peekReferences(page);
    assert.match(fromEntry.title, /References \(5\)/);
    await closePeek(page);
  });

  test('F2 renames the key in both documents and the .bib (not in another paper with its own entry), and one Ctrl+Z undoes it in all three', async () => {
    const { page } = editor;
    await openFile(page, 'study.tex');
    await goTo(page, 3, 25);
    assert.equal(await renameSymbol(page, 'pearl2009book'), undefined);
    assert.equal(await waitForLine(page, 3, 'Causal models \\citep{pearl2009book} and again \\citet{pearl2009book}.'), 'Causal models \\citep{pearl2009book} and again \\citet{pearl2009book}.');
    assert.equal(await lineText(page, 7), 'Group \\citep{pearl2009book}.');
    await openFile(page, 'chapter.tex');
    assert.equal(await waitForLine(page, 1, 'As before \\cite{pearl2009book}.'), 'As before \\cite{pearl2009book}.');
    await openFile(page, 'study.bib');
    assert.equal(await waitForLine(page, 1, '@book{pearl2009book,'), '@book{pearl2009book,');
    await openFile(page, 'other.tex');
    assert.equal(await lineText(page, 3), 'Elsewhere \\cite{pearl2009causality}.');

    // The rename is one workspace edit: VS Code undoes it in every file at once, without asking.
    await openFile(page, 'study.tex');
    await page.keyboard.press('Control+Z');
    await waitForLine(page, 3, STUDY.split('\n')[2]!);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0);
    assert.equal(await visibleText(page), STUDY);
    await openFile(page, 'chapter.tex');
    assert.equal(await waitForLine(page, 1, CHAPTER.trimEnd()), CHAPTER.trimEnd());
    await openFile(page, 'study.bib');
    assert.equal(await waitForLine(page, 1, '@book{pearl2009causality,'), '@book{pearl2009causality,');
  });

  test('F2 on a key only the bundled CALM library defines is refused with the reason', async () => {
    const { page } = editor;
    await openFile(page, 'study.tex');
    await goTo(page, 5, 30);
    const refusal = await renameSymbol(page, 'kiciman2023');
    assert.match(refusal ?? '', /"kiciman2023causal" is defined in the CALM library shipped with CALM Cite, which is read-only: copy the entry into your own \.bib first/);
    assert.equal(await lineText(page, 5), 'LLMs and causality \\citep{kiciman2023causal}.');
  });

  test('Insert Citation cites the picked entry and adds a CALM entry to the paper\'s bibliography once: a new \\citep, a key appended to a group, a Pandoc [@key]', async () => {
    const { page } = editor;
    await openFile(page, 'study.tex');
    await goTo(page, 6, 14);
    await runCommand(page, 'CALM Cite: Insert Citation');
    await pick(page, 'zecevic', 'zecevic2023causal');
    assert.equal(await waitForLine(page, 6, 'Insert here: \\citep{zecevic2023causal}'), 'Insert here: \\citep{zecevic2023causal}');
    assert.deepEqual(await entryKeys(page, 'study.bib', 2), ['pearl2009causality', 'zecevic2023causal']);

    // Now study.bib defines the key: citing it again adds nothing.
    await openFile(page, 'study.tex');
    await goTo(page, 7, 16);
    await runCommand(page, 'CALM Cite: Insert Citation');
    await pick(page, 'zecevic', 'zecevic2023causal');
    assert.equal(await waitForLine(page, 7, 'Group \\citep{pearl2009causality, zecevic2023causal}.'), 'Group \\citep{pearl2009causality, zecevic2023causal}.');
    assert.deepEqual(await entryKeys(page, 'study.bib', 2), ['pearl2009causality', 'zecevic2023causal']);

    await openFile(page, 'notes.md');
    await goTo(page, 9, 1);
    await runCommand(page, 'CALM Cite: Insert Citation');
    await pick(page, 'zecevic', 'zecevic2023causal');
    assert.equal(await waitForLine(page, 9, '[@zecevic2023causal]'), '[@zecevic2023causal]');
    assert.deepEqual(await entryKeys(page, 'notes.bib', 2), ['pearl2009', 'zecevic2023causal']);

    // One Ctrl+Z in the document takes back the citation and the entry together.
    await openFile(page, 'notes.md');
    await page.keyboard.press('Control+Z');
    assert.equal(await waitForLine(page, 9, ''), '');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0);
    assert.deepEqual(await entryKeys(page, 'notes.bib', 1), ['pearl2009']);
  });
});

/** The entry keys of a short .bib file as the editor shows it, once there are `count` of them. */
async function entryKeys(page: Page, file: string, count: number): Promise<string[]> {
  await openFile(page, file);
  const deadline = Date.now() + 10_000;
  let keys: string[] = [];
  do {
    keys = [...(await visibleText(page)).matchAll(/^@\w+\{([^,\s]+),/gm)].map((match) => match[1]!);
    if (keys.length === count) break;
    await page.waitForTimeout(200);
  } while (Date.now() < deadline);
  return keys;
}
