import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import * as esbuild from 'esbuild';
import { readPdfInWorker } from '../../src/core/checks/pdf/worker/readPdfInWorker';
import { samplePath } from './fixtures';

// Bundled as scripts/build.mjs does for dist/, into out/ so that pdfjs-dist resolves from the repository.
const WORKER = path.resolve(__dirname, '../../out/unit/pdfWorker.js');

before(async () => {
  await esbuild.build({
    entryPoints: [path.resolve(__dirname, '../../src/core/checks/pdf/worker/pdfWorkerMain.ts')],
    outfile: WORKER,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['pdfjs-dist', 'pdfjs-dist/*'],
    logLevel: 'warning',
  });
});

test('the PDF worker reads the sample paper built with the CALM style: 4 US Letter pages with text', async () => {
  const model = await readPdfInWorker(WORKER, new Uint8Array(fs.readFileSync(samplePath('paper.pdf'))));
  assert.equal(model.pages.length, 4);
  assert.deepEqual([model.pages[0]!.width, model.pages[0]!.height], [612, 792]);
  assert.ok(model.pages[0]!.items.length > 20);
});

test('the PDF worker reports a file pdf.js cannot parse as a rejection', async () => {
  await assert.rejects(readPdfInWorker(WORKER, new TextEncoder().encode('not a pdf')));
});
