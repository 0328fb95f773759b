// `npm run check:corpus`: the checker's precision on the labelled corpus of issue #14. Runs the check of
// every paper (test/planted/expected.json, and test/corpus/real-papers.json when ../shared is here),
// prints each false positive and miss, then true positives, false positives and misses per rule.
// Exit code 1 when anything was a false positive or a miss.
import * as path from 'node:path';
import { checkPaper, formatTable, loadCorpus, scorePaper, type CorpusPaper, type PaperScore } from '../test/corpus/corpus';

async function scoreAll(papers: ReadonlyArray<CorpusPaper & { root: string }>): Promise<PaperScore[]> {
  const scores: PaperScore[] = [];
  for (const paper of papers) {
    const score = scorePaper(paper, await checkPaper(paper));
    scores.push(score);
    const where = (file: string) => path.relative(paper.root, file);
    for (const finding of score.falsePositives) {
      const at = finding.page !== undefined ? `page ${finding.page}` : `${where(finding.file)}:${finding.line ?? ''}`;
      console.log(`FP    ${paper.id}  ${finding.rule}  ${at}  ${finding.message.slice(0, 160)}`);
    }
    for (const expected of score.misses) {
      const at = expected.page !== undefined ? `page ${expected.page}` : `${expected.file ?? ''}:${expected.line ?? ''}`;
      console.log(`MISS  ${paper.id}  ${expected.rule}  ${at}  ${expected.why ?? ''}`);
    }
  }
  return scores;
}

async function main(): Promise<number> {
  const corpus = loadCorpus();
  const planted = await scoreAll(corpus.planted);
  const real = corpus.real ? await scoreAll(corpus.real) : undefined;
  console.log('');
  console.log(formatTable('Planted papers (test/planted)', planted));
  console.log('');
  if (real) console.log(formatTable('Real papers (../shared/corpus)', real));
  else console.log('Real papers skipped: ../shared/corpus is not beside the repository. Only the planted papers were checked.');
  const all = [...planted, ...(real ?? [])];
  const unscored = new Map<string, number>();
  for (const score of all) for (const [rule, count] of score.unscored) unscored.set(rule, (unscored.get(rule) ?? 0) + count);
  if (unscored.size > 0) console.log(`\nNot scored (bibliography quality and hints): ${[...unscored].map(([rule, count]) => `${rule} ${count}`).join(', ')}`);
  const wrong = all.reduce((total, score) => total + score.falsePositives.length + score.misses.length, 0);
  return wrong === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
