import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from './random';

/** Where generated inputs live; gitignored. */
export const BENCH_DIR = path.resolve(__dirname, '..', '.bench');
export const ANTHOLOGY_PATH = path.join(BENCH_DIR, 'anthology-90k.bib');
const ENTRY_COUNT = 90_000;

const GIVEN = ['Anna', 'Bo', 'Chen', 'David', 'Elif', 'Fatima', 'Günter', 'Hiroshi', 'Ingrid', 'José', 'Katarzyna',
  'Li', 'Mohammed', 'Noah', 'Olga', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Thảo', 'Uma', 'Vikram', 'Wei', 'Yusuf', 'Zoë'];
const FAMILY = ['Smith', 'Wang', 'M{\\"u}ller', 'Garc{\\\'\\i}a', 'Nguyen', 'Kowalski', 'Ze{\\v{c}}evi{\\\'c}', 'Tanaka',
  'Okafor', 'Johansson', 'Rossi', 'Dubois', 'Schölkopf', 'Patel', 'Kim', 'Ivanova', 'O\'Brien', 'de la Cruz', 'Øster',
  'K{\\i}c{\\i}man', 'Fern{\\\'a}ndez', 'Li', 'Chen', 'Cohen', 'Andersen', 'Haddad'];
const WORDS = ('language model causal inference translation neural parsing semantic representation learning ' +
  'dialogue generation evaluation multilingual corpus annotation retrieval question answering reasoning ' +
  'transformer attention benchmark low-resource speech summarization entity relation extraction graph ' +
  'robust efficient unsupervised contrastive pretraining alignment bias fairness interpretability').split(' ');
const VENUES = ['Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics',
  'Proceedings of the 2020 Conference on Empirical Methods in Natural Language Processing (EMNLP)',
  'Findings of the Association for Computational Linguistics: NAACL 2022',
  'Proceedings of the 29th International Conference on Computational Linguistics',
  'Proceedings of the Thirteenth Language Resources and Evaluation Conference'];
const CITIES = ['Online', 'Seattle, Washington', 'Dublin, Ireland', 'Gyeongju, Republic of Korea', 'Marseille, France'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function words(random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pick(random, WORDS));
  return out.join(' ');
}

function people(random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${pick(random, FAMILY)}, ${pick(random, GIVEN)}`);
  return out.join(' and\n      ');
}

function entry(random: () => number, index: number): string {
  const year = 2000 + (index % 25);
  const key = `${year}.acl-long.${index}`;
  const title = words(random, 5 + Math.floor(random() * 7));
  const accentedTitle = random() < 0.2 ? `{BERT}-style ${title} for {\\'E}cole and na{\\"\\i}ve M{\\"u}nchen` : title;
  const abstractSentences: string[] = [];
  const sentences = random() < 0.6 ? 1 : 2;
  for (let s = 0; s < sentences; s++) abstractSentences.push(`${words(random, 8 + Math.floor(random() * 6))}.`);
  const abstract = abstractSentences.join(' ') + (random() < 0.1 ? " We reach 95\\% accuracy with $O(n \\log n)$ time --- a ``new'' result." : '');
  const start = 1 + Math.floor(random() * 9000);
  return `@inproceedings{${key},
    title = "${accentedTitle}",
    author = "${people(random, 1 + Math.floor(random() * 4))}",
    editor = "${people(random, 2)}",
    booktitle = "${pick(random, VENUES)}",
    month = ${pick(random, MONTHS)},
    year = "${year}",
    address = "${pick(random, CITIES)}",
    publisher = "Association for Computational Linguistics",
    url = "https://aclanthology.org/${key}",
    doi = "10.18653/v1/${key}",
    pages = "${start}--${start + 8 + Math.floor(random() * 10)}",
${random() < 0.5 ? `    abstract = "${abstract}",\n` : ''}}

`;
}

/** Writes the 90k-entry anthology-like file unless it already exists; returns its path. */
export function ensureAnthology(): string {
  return ensureGeneratedLibrary(ENTRY_COUNT, ANTHOLOGY_PATH);
}

/** Writes `count` anthology-like entries to `filePath` unless it exists (the first `count` of the 90k file); returns the path. */
export function ensureGeneratedLibrary(count: number, filePath: string): string {
  if (fs.existsSync(filePath)) return filePath;
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const random = seededRandom(20241214);
  const chunks: string[] = [];
  for (let i = 0; i < count; i++) chunks.push(entry(random, i));
  const temporary = `${filePath}.tmp`;
  fs.writeFileSync(temporary, chunks.join(''));
  fs.renameSync(temporary, filePath);
  return filePath;
}

if (require.main === module) console.log(ensureAnthology());
