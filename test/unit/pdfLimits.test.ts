import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as zlib from 'node:zlib';
import { checkPdf } from '../../src/core/checks/checkSubmission';
import { readPdfModel } from '../../src/core/checks/pdf/pdfDocument';
import { PdfReadError } from '../../src/core/checks/pdf/pdfReadError';
import { readPdfInWorker } from '../../src/core/checks/pdf/worker/readPdfInWorker';
import { loadRulesPack } from '../../src/core/checks/rulesPack';
import { runCli } from './cliRunner';
import { buildPdfWorker } from './pdfWorkerBuild';

const CALM = loadRulesPack('calm-2024');
const WORKER = path.resolve(__dirname, '../../out/unit/pdfLimitsWorker.js');

/** A PDF written object by object, with a correct xref table, so pdf.js reads it without repair. */
function writePdf(objects: Array<string | Buffer>): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, index) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** n empty US Letter pages, all in one flat /Kids array of the root page tree node. */
function flatPageTree(pageCount: number): Uint8Array {
  const kids = Array.from({ length: pageCount }, (_, i) => `${i + 3} 0 R`).join(' ');
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count ${pageCount} /Kids [${kids}] >>`,
    ...Array.from({ length: pageCount }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'),
  ]);
}

/**
 * A zlib stream that inflates to `megabytes` MB of spaces while staying about a thousand times smaller:
 * one compressed MB block repeated, then an empty final block (the checksum is left wrong, as a bomb's may be).
 */
function deflateBomb(megabytes: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array.from({ length: megabytes }, () => block), Buffer.from([0x03, 0x00, 0, 0, 0, 0])]);
}

/** One page whose content stream is `stream` (Flate-compressed). */
function pageWithContent(stream: Buffer): Uint8Array {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Count 1 /Kids [3 0 R] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    Buffer.concat([Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream')]),
  ]);
}

async function timeOf(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

describe('PDF page tree', () => {
  test('a flat /Kids array of 100,000 pages: a few pages are read, and the finding says how many were not', async () => {
    const findings = await checkPdf(flatPageTree(100_000), '/p/flat.pdf', CALM);
    const capped = findings.filter((finding) => finding.rule === 'calm/pdf-too-many-pages');
    assert.equal(capped.length, 1);
    assert.match(capped[0]!.message, /^The PDF has 100000 pages; CALM Cite checks the first 40, so pages 41-100000 were not checked\.$/);
  });

  test('positive control: a flat tree of 2,000 pages is read to the last page', async () => {
    const model = await readPdfModel(flatPageTree(2000));
    assert.equal(model.pages.length, 2000);
  });

  test('growth: reading a flat tree of 4n pages takes at most 6x as long as one of n pages (n = 10,000)', async () => {
    const small = flatPageTree(10_000);
    const large = flatPageTree(40_000);
    await readPdfModel(small);
    const times = { small: [] as number[], large: [] as number[] };
    for (let run = 0; run < 3; run++) {
      times.small.push(await timeOf(() => readPdfModel(small)));
      times.large.push(await timeOf(() => readPdfModel(large)));
    }
    assert.ok(median(times.large) <= 6 * median(times.small), `n: ${median(times.small)} ms, 4n: ${median(times.large)} ms`);
  });
});

describe('PDF inflated stream size', () => {
  test('a 1 MB content stream that inflates to 1 GiB is refused before pdf.js decodes it, within a bounded memory', async () => {
    const bomb = pageWithContent(deflateBomb(1024));
    assert.ok(bomb.byteLength < 1.5 * 1024 * 1024, `${bomb.byteLength} bytes`);
    const before = process.memoryUsage().rss;
    const findings = await checkPdf(bomb, '/p/bomb.pdf', CALM);
    const growth = process.memoryUsage().rss - before;
    assert.deepEqual(
      findings.map((finding) => [finding.rule, finding.message]),
      [['calm/pdf-unreadable', 'The PDF could not be read: a compressed stream inflates to more than 128 MB. A paper PDF never comes near this: rebuild it, and if a figure is this big, export it again (e.g. rasterize a dense plot).']],
    );
    assert.ok(growth < 512 * 1024 * 1024, `rss grew by ${Math.round(growth / 1024 / 1024)} MB`);
  });

  test('the total over all streams is bounded too; positive control: under both limits the page is read', async () => {
    const page = pageWithContent(deflateBomb(3));
    await assert.rejects(readPdfModel(page, { maxStreamBytes: 2 * 1024 * 1024 }), (error: Error) => error instanceof PdfReadError && /stream inflates to more than 2.0 MB/.test(error.message));
    await assert.rejects(readPdfModel(page, { maxInflatedBytes: 2 * 1024 * 1024 }), /streams inflate to more than 2.0 MB/);
    assert.equal((await readPdfModel(page)).pages.length, 1);
  });
});

describe('PDF worker bounds', () => {
  before(() => buildPdfWorker(WORKER));

  test('past the time limit the worker is stopped and the error says so; positive control: the same read within time', async () => {
    const bytes = flatPageTree(2000);
    await assert.rejects(readPdfInWorker(WORKER, bytes, { timeMs: 50 }), (error: Error) => error instanceof PdfReadError && error.message === 'reading it took longer than 0.05 s');
    assert.equal((await readPdfInWorker(WORKER, bytes)).pages.length, 2000);
  });

  test('past the heap limit the worker is stopped and the error says so', async () => {
    await assert.rejects(readPdfInWorker(WORKER, flatPageTree(20_000), { heapMb: 8 }), (error: Error) => error instanceof PdfReadError && error.message === 'reading it needed more than 8 MB of memory');
  });

  test('the worker reports what readPdfModel refuses, with its advice', async () => {
    await assert.rejects(readPdfInWorker(WORKER, pageWithContent(deflateBomb(3)), { maxStreamBytes: 1024 * 1024 }), (error: Error) => error instanceof PdfReadError && /inflates to more than 1.0 MB/.test(error.message) && /rasterize/.test(error.advice));
  });
});

describe('--pdf that is not a regular file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-pdf-kinds-'));
  const paper = path.join(dir, 'paper.tex');
  fs.writeFileSync(paper, '\\documentclass{article}\n\\begin{document}\nText.\n\\end{document}\n');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string, () => string, RegExp]> = [
    ['a FIFO nobody writes to', () => {
      const fifo = path.join(dir, 'pipe.pdf');
      execFileSync('mkfifo', [fifo]);
      return fifo;
    }, /: it is a named pipe \(FIFO\), not a regular file$/],
    ['a directory', () => fs.mkdirSync(path.join(dir, 'folder.pdf')) ?? path.join(dir, 'folder.pdf'), /: it is a folder, not a regular file$/],
    ['a symlink to /dev/zero', () => {
      const link = path.join(dir, 'zero.pdf');
      fs.symlinkSync('/dev/zero', link);
      return link;
    }, /: it is a device, not a regular file$/],
    ['a missing file', () => path.join(dir, 'missing.pdf'), /: no such file$/],
  ];
  for (const [name, make, expected] of cases) {
    test(`${name}: exit 2 at once, the message names the path and says what it is`, { skip: process.platform === 'win32' }, async () => {
      const pdf = make();
      const run = await runCli(['check', paper, '--pdf', pdf]);
      assert.equal(run.code, 2);
      assert.ok(run.stderr.startsWith(`calm-cite: cannot read ${pdf}: `), run.stderr);
      assert.match(run.stderr.trim(), expected);
    });
  }
});
