import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPaper, loadCorpus, scorePaper, type PaperScore } from '../corpus/corpus';
import { needsShared } from './shared';

/**
 * The precision corpus of issue #14 (`npm run check:corpus` prints the same as a table): each planted
 * paper is flagged for exactly its own violation, and the real papers get exactly their labelled
 * findings: no false positive, no miss.
 */
function describeWrong(score: PaperScore): string {
  const wrong = [
    ...score.falsePositives.map((finding) => `false positive ${finding.rule} ${finding.page !== undefined ? `page ${finding.page}` : `${finding.file}:${finding.line}`}: ${finding.message}`),
    ...score.misses.map((expected) => `miss ${expected.rule} ${expected.page ?? `${expected.file}:${expected.line}`} (${expected.why ?? ''})`),
  ];
  return wrong.join('\n');
}

describe('planted papers (test/planted)', () => {
  for (const paper of loadCorpus().planted) {
    test(`${paper.id}: ${paper.expected.length === 0 ? 'no finding' : paper.expected.map((expected) => expected.rule).join(', ')}`, async () => {
      const score = scorePaper(paper, await checkPaper(paper));
      assert.equal(score.falsePositives.length + score.misses.length, 0, describeWrong(score));
    });
  }
});

describe('real papers (../shared/corpus), as labelled in test/corpus/real-papers.json', needsShared, () => {
  test('no false positive and no miss on any paper', async () => {
    const real = loadCorpus().real ?? [];
    assert.ok(real.length >= 20, 'every papers-pdf paper and every papers/ paper with a PDF');
    const wrong: string[] = [];
    for (const paper of real) {
      const score = scorePaper(paper, await checkPaper(paper));
      if (score.falsePositives.length + score.misses.length > 0) wrong.push(`${paper.id}:\n${describeWrong(score)}`);
    }
    assert.deepEqual(wrong, []);
  });
});
