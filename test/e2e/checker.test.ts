/// <reference lib="dom" />
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { startEditor, type Editor } from './editor';
import { openFile } from './workbench';

/** The sample paper, with its PDF built with the workshop's style (scripts/build-sample-pdf.sh). */
const SAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'calm-paper');
/** The planted papers of the precision corpus, built with SyncTeX (scripts/build-planted.sh). */
const PLANTED = path.resolve(__dirname, '..', 'planted');

/** The planted paper `name` (its PDF and SyncTeX file) with every source the planted papers share, under `folder/`. */
function plantedFiles(folder: string, name: string): Record<string, { copyFrom: string }> {
  const files: Record<string, { copyFrom: string }> = {};
  for (const file of fs.readdirSync(PLANTED)) {
    if (/\.(tex|bib)$/.test(file) || file === `${name}.pdf` || file === `${name}.synctex.gz`) files[`${folder}/${file}`] = { copyFrom: path.join(PLANTED, file) };
  }
  return files;
}

/** A camera-ready build on the wrong paper: [final] in the source, A4 pages in the PDF. */
const FINAL_A4_TEX = String.raw`\documentclass{article}
\usepackage[final]{neurips_2024_calm}
\title{Causal Probing of Large Models}
\begin{document}
\maketitle
\section{Introduction}
Large models and causality.
\end{document}
`;

/** Writes the PDF to a temporary file: the editor's workspace files are copied from disk or written as text. */
async function writeA4Pdf(): Promise<string> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  for (let number = 1; number <= 4; number++) {
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText(`Causal Probing of Large Models, page ${number}`, { x: 108, y: 700, size: 10, font });
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-a4-')), 'paper.pdf');
  fs.writeFileSync(file, await pdf.save());
  return file;
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input[type="text"]').first().waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** The report's document: webviews nest the page in two iframes, the inner one holds the body. */
async function reportFrame(page: Page, predicate: string): Promise<Frame> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.evaluate(predicate).catch(() => false);
      if (found) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame satisfies ${predicate}`);
}

describe('Check Submission in a real VS Code', () => {
  let editor: Editor;
  let a4PdfFile: string;

  before(async () => {
    a4PdfFile = await writeA4Pdf();
    editor = await startEditor({
      files: {
        'calm/sample.tex': { copyFrom: path.join(SAMPLE, 'paper.tex') },
        'calm/sample.pdf': { copyFrom: path.join(SAMPLE, 'paper.pdf') },
        'calm/references.bib': { copyFrom: path.join(SAMPLE, 'references.bib') },
        'final/paper.tex': FINAL_A4_TEX,
        'final/paper.pdf': { copyFrom: a4PdfFile },
        ...plantedFiles('planted', 'ack-section'),
      },
    });
  });

  after(async () => {
    await editor?.close();
    if (a4PdfFile) fs.rmSync(path.dirname(a4PdfFile), { recursive: true, force: true });
  });

  test('the sample paper and its PDF pass: the status bar says 0 errors and the report shows the summary', async () => {
    const { page } = editor;
    await openFile(page, 'sample.tex');
    await runCommand(page, 'CALM Cite: Check Submission');
    const status = page.locator('.statusbar-item', { hasText: 'CALM:' });
    await status.filter({ hasText: /CALM: \d+ errors?/ }).waitFor({ timeout: 60_000 });
    assert.match(await status.innerText(), /CALM: 0 errors, 1 warning$/);
    const report = await reportFrame(page, `document.querySelector('.summary')?.textContent.includes('0 errors')`);
    const summary = await report.evaluate(() => ({
      summary: document.querySelector('.summary')!.textContent,
      pack: document.querySelector('.pack')!.textContent,
    }));
    assert.match(summary.summary!, /0 errors, 1 warning, 0 notes · 4 pages/);
    assert.match(summary.pack!, /Causality and Large Models/);
  });

  test('a [final] build on A4 paper: the Problems panel and the report name both rules, with a page thumbnail', async () => {
    const { page } = editor;
    await openFile(page, 'paper.tex');
    await runCommand(page, 'CALM Cite: Check Submission');
    await page.locator('.statusbar-item', { hasText: /CALM: [1-9]\d* errors?/ }).waitFor({ timeout: 60_000 });

    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'calm/page-size' }).first().waitFor({ timeout: 30_000 });
    const problems = await rows.allInnerTexts();
    assert.ok(problems.some((row) => row.includes('calm/submission-mode')), problems.join('\n'));
    assert.ok(problems.some((row) => row.includes('calm/page-size') && /Page 1/.test(row)), problems.join('\n'));

    const report = await reportFrame(page, `Boolean(document.querySelector('canvas.thumbnail[data-rendered="true"]'))`);
    const shown = await report.evaluate(() => ({
      rules: Array.from(document.querySelectorAll('.rule')).map((element) => element.textContent),
      thumbnail: (() => {
        const canvas = document.querySelector<HTMLCanvasElement>('canvas.thumbnail[data-rendered="true"]')!;
        return { page: canvas.dataset.page, width: canvas.width, height: canvas.height, rule: canvas.closest('.finding')!.querySelector('.rule')!.textContent };
      })(),
      errors: Array.from(document.querySelectorAll('.thumbnail-error')).map((element) => element.textContent),
    }));
    assert.deepEqual(shown.errors, []);
    assert.ok(shown.rules.includes('calm/submission-mode') && shown.rules.includes('calm/page-size'), shown.rules.join(', '));
    assert.equal(shown.thumbnail.page, '1');
    assert.ok(shown.thumbnail.height > shown.thumbnail.width && shown.thumbnail.width > 100, JSON.stringify(shown.thumbnail));
  });

  test('with SyncTeX beside the PDF, a PDF finding sits on the source line that produced it in the Problems panel', async () => {
    const { page } = editor;
    await openFile(page, 'ack-section.tex');
    await runCommand(page, 'CALM Cite: Check Submission');
    await page.locator('.statusbar-item', { hasText: /CALM: [1-9]\d* errors?/ }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'calm/no-ack-in-submission' }).first().waitFor({ timeout: 30_000 });
    const problems = await rows.allInnerTexts();
    // The acknowledgments heading is on line 10 of ack-section.tex: the finding is there.
    const ack = problems.find((row) => row.includes('calm/no-ack-in-submission'))!;
    assert.match(ack, /\[Ln 10, Col \d+\]/, problems.join('\n'));
    const fileRows = problems.filter((row) => /^ack-section\.(tex|pdf)/.test(row));
    assert.ok(fileRows.some((row) => row.startsWith('ack-section.tex')), problems.join('\n'));
  });
});
