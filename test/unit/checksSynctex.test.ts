import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import * as zlib from 'node:zlib';
import { sourceLines } from '../../src/core/checks/pdf/synctex';
import { withRule } from './checksHelpers';
import { nodeService } from './serviceFixtures';

/** PDF findings on source lines (issue #14), on the planted papers: built with pdflatex -synctex=1 in /tmp/calm-planted-build. */
const PLANTED = path.resolve(__dirname, '..', 'planted');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-synctex-'));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A copy of planted paper `name` (sources, PDF and, unless left out, its SyncTeX file and log) in a folder of its own. */
function copyPlanted(name: string, withSynctex = true): string {
  const dir = fs.mkdtempSync(path.join(temp, `${name}-`));
  for (const file of fs.readdirSync(PLANTED)) {
    const ours = file.startsWith(`${name}.`);
    if (file.endsWith('.tex') || file.endsWith('.bib') || (ours && (withSynctex || !file.endsWith('.synctex.gz')))) fs.copyFileSync(path.join(PLANTED, file), path.join(dir, file));
  }
  return dir;
}

/** `calm-cite check NAME.tex --pdf NAME.pdf` in the copy's folder. */
async function check(dir: string, name: string) {
  const { service } = nodeService(dir);
  return service.checkSubmission({ path: path.join(dir, `${name}.tex`), pdfPath: path.join(dir, `${name}.pdf`) });
}

describe('SyncTeX', () => {
  test('a Type 3 font finding lands on the footnote line that set it, in the copy that was checked, not the build folder', async () => {
    const dir = copyPlanted('type3-bitmap');
    const [finding] = withRule((await check(dir, 'type3-bitmap')).findings, 'calm/fonts-embedded');
    assert.equal(finding!.file, path.join(dir, 'type3-bitmap.tex'));
    assert.equal(finding!.line, 11);
    assert.equal(finding!.page, 1, 'the page stays');
    assert.equal(finding!.pdf, path.join(dir, 'type3-bitmap.pdf'));
    assert.ok(finding!.bbox, 'the box stays, for the report\'s thumbnail');
  });

  test('an \\input file\'s line: the acknowledgments heading of ack-section.tex; the page-7 text of seven-pages.tex', async () => {
    const ack = withRule((await check(copyPlanted('ack-section'), 'ack-section')).findings, 'calm/no-ack-in-submission');
    assert.deepEqual(ack.map((finding) => [path.basename(finding.file), finding.line]), [['ack-section.tex', 10]]);
    const seven = withRule((await check(copyPlanted('seven-pages'), 'seven-pages')).findings, 'calm/page-limit');
    assert.deepEqual(seven.map((finding) => [path.basename(finding.file), finding.line, finding.page]), [['seven-pages.tex', 12, 7]]);
  });

  test('without a SyncTeX file the finding stays on the PDF and says how to get one; findings without a box do not', async () => {
    const dir = copyPlanted('type3-bitmap', false);
    const { findings } = await check(dir, 'type3-bitmap');
    const [font] = withRule(findings, 'calm/fonts-embedded');
    assert.equal(font!.file, path.join(dir, 'type3-bitmap.pdf'));
    assert.equal(font!.line, undefined);
    assert.match(font!.message, /\(Build with SyncTeX, as latexmk and LaTeX Workshop do, or pdflatex -synctex=1, and CALM Cite shows the \.tex line; no type3-bitmap\.synctex\.gz is beside the PDF\.\)$/);
  });

  test('a truncated SyncTeX file or one past the size cap gives what it can and never throws', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(PLANTED, 'type3-bitmap.synctex.gz')));
    const question = { page: 1, pageHeight: 792, bbox: { x: 108, y: 100, width: 200, height: 10 } };
    const options = { sourceRoot: temp, maxInflatedBytes: 64 * 1024 * 1024 };
    assert.deepEqual(await sourceLines(bytes.subarray(0, 200), [question], options), [undefined]);
    assert.deepEqual(await sourceLines(bytes, [question], { ...options, maxInflatedBytes: 1000 }), [undefined]);
    assert.deepEqual(await sourceLines(new TextEncoder().encode('not synctex'), [question], options), [undefined]);
  });

  test('an uncompressed file is read too; a box on a page without records has no line', async () => {
    const text = zlib.gunzipSync(fs.readFileSync(path.join(PLANTED, 'type3-bitmap.synctex.gz')));
    const options = { sourceRoot: temp, maxInflatedBytes: 64 * 1024 * 1024 };
    const footnote = { page: 1, pageHeight: 792, bbox: { x: 120, y: 80, width: 150, height: 8 } };
    const [line] = await sourceLines(new Uint8Array(text), [footnote], options);
    assert.deepEqual(line && [path.basename(line.file), line.line], ['type3-bitmap.tex', 11]);
    const nowhere = { page: 99, pageHeight: 792, bbox: { x: 108, y: 100, width: 10, height: 10 } };
    assert.deepEqual(await sourceLines(new Uint8Array(text), [nowhere], options), [undefined]);
  });

  test('growth: a SyncTeX file 4x as long takes at most 6x as long to search (one pass, flat memory)', async () => {
    const text = zlib.gunzipSync(fs.readFileSync(path.join(PLANTED, 'seven-pages.synctex.gz'))).toString('latin1');
    const [head, content] = [text.slice(0, text.indexOf('Content:')), text.slice(text.indexOf('Content:'))];
    const body = content.slice(content.indexOf('\n') + 1, content.indexOf('Postamble:'));
    const repeated = (times: number) => new Uint8Array(zlib.gzipSync(`${head}Content:\n${body.repeat(times)}Postamble:\n`));
    const small = repeated(10);
    const large = repeated(40);
    const questions = [{ page: 3, pageHeight: 792, bbox: { x: 108, y: 400, width: 396, height: 12 } }];
    const options = { sourceRoot: temp, maxInflatedBytes: 1024 * 1024 * 1024 };
    const time = async (bytes: Uint8Array) => {
      const start = performance.now();
      await sourceLines(bytes, questions, options);
      return performance.now() - start;
    };
    await time(small);
    const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
    const smallTimes = [await time(small), await time(small), await time(small)];
    const largeTimes = [await time(large), await time(large), await time(large)];
    assert.ok(median(largeTimes) <= 6 * median(smallTimes), `n: ${median(smallTimes)} ms, 4n: ${median(largeTimes)} ms`);
  });
});
