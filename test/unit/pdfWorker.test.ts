import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { readPdfInWorker } from '../../src/core/checks/pdf/worker/readPdfInWorker';
import { samplePath } from './fixtures';
import { buildPdfWorker } from './pdfWorkerBuild';

const WORKER = path.resolve(__dirname, '../../out/unit/pdfWorker.js');

before(() => buildPdfWorker(WORKER));

test('the PDF worker reads the sample paper built with the CALM style: 4 US Letter pages with text', async () => {
  const model = await readPdfInWorker(WORKER, new Uint8Array(fs.readFileSync(samplePath('paper.pdf'))));
  assert.equal(model.pages.length, 4);
  assert.deepEqual([model.pages[0]!.width, model.pages[0]!.height], [612, 792]);
  assert.ok(model.pages[0]!.items.length > 20);
});

test('the PDF worker reports a file pdf.js cannot parse as a rejection', async () => {
  await assert.rejects(readPdfInWorker(WORKER, new TextEncoder().encode('not a pdf')));
});
