// Citation scanning speed on 1 MB LaTeX and Markdown documents: the editor rescans on every change.
import { findCitations, type CitationLanguage } from '../src/core/citations';

const PARAGRAPHS: Record<CitationLanguage, string> = {
  latex: String.raw`Some text with \emph{markup} and a citation \citep[see][p.~4]{smith2020, doe2021}. % comment \cite{x}` + '\n',
  markdown: 'Some *text* with `code @x` and [see @smith2020, p. 4; @doe2021] and mail a@b.org and @fig-1.\n\n',
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function run(): Promise<void> {
  console.log('\n## Citation scanning (1 MB document, warm, median of 9)\n');
  console.log('| language | citations | median ms | target |');
  console.log('|---|---|---|---|');
  for (const language of ['latex', 'markdown'] as const) {
    const paragraph = PARAGRAPHS[language];
    const text = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    for (let warmUp = 0; warmUp < 3; warmUp++) findCitations(text, language);
    const timings: number[] = [];
    let count = 0;
    for (let run = 0; run < 9; run++) {
      const started = performance.now();
      count = findCitations(text, language).length;
      timings.push(performance.now() - started);
    }
    const ms = median(timings);
    console.log(`| ${language} | ${count} | ${ms.toFixed(1)} | <= 50 ms ${ms <= 50 ? 'PASS' : 'FAIL'} |`);
  }
}
