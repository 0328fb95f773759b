import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceZoteroFiles } from '../src/core/library/zotero/workspaceFiles';
import { MAX_LIBRARY_FILE_BYTES } from '../src/core/limits';
import { NodeWorkspace } from '../src/core/workspace/nodeWorkspace';

/** Zotero's files read through the Node workspace, as the CLI and the language server read them. */
const nodeZoteroFiles = workspaceZoteroFiles(new NodeWorkspace({ folders: [] }), MAX_LIBRARY_FILE_BYTES);
import { readZoteroLibrary } from '../src/core/library/zotero';
import { zoteroDatabase, type FixtureItem } from '../test/unit/zoteroFixtures';
import { BENCH_DIR } from './generate';
import { seededRandom } from './random';

/*
 * Reading a Zotero database (sql.js, WebAssembly SQLite): the largest corpus database and a generated
 * 20,000-item library. The first read of a process also compiles the WebAssembly module; later reads are
 * what the editor pays when Zotero changes the database. Times include reading the file and SQLite's
 * integrity check of the tables read.
 */

const CORPUS_DATABASE = path.resolve(__dirname, '..', '..', 'shared', 'corpus', 'zotero', 'kishkash555__NLP-for-TA.sqlite');
const GENERATED_ITEMS = 20_000;
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 5);

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function timeRead(database: string): Promise<Timing & { items: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await readZoteroLibrary(database, nodeZoteroFiles);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (result.errors.length > 0) throw new Error(`${database}: ${result.errors[0]!.message}`);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, items: result.references.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A 20,000-item library like a real one: journal articles and conference papers, 1-8 authors, collections and tags. */
async function ensureGeneratedLibrary(): Promise<string> {
  const file = path.join(BENCH_DIR, `zotero-${GENERATED_ITEMS}.sqlite`);
  if (fs.existsSync(file)) return file;
  const random = seededRandom(15);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const words = ['causal', 'language', 'models', 'reasoning', 'inference', 'discovery', 'counterfactual', 'learning', 'robust', 'graphs', 'benchmark', 'effects'];
  const families = ['Smith', 'Wang', 'Zečević', 'Kıcıman', 'Schölkopf', 'Pearl', 'Peters', 'Janzing', 'Bareinboim', 'Nguyễn'];
  const items: FixtureItem[] = Array.from({ length: GENERATED_ITEMS }, (_, index) => {
    const conference = random() < 0.3;
    return {
      key: `B${String(index).padStart(7, '0')}`,
      type: conference ? 'conferencePaper' : 'journalArticle',
      fields: {
        title: Array.from({ length: 5 + Math.floor(random() * 8) }, () => pick(words)).join(' '),
        date: `${1990 + Math.floor(random() * 36)}-0${1 + Math.floor(random() * 9)}-00 ${index}`,
        [conference ? 'proceedingsTitle' : 'publicationTitle']: `Venue ${Math.floor(random() * 300)}`,
        volume: String(Math.floor(random() * 60)),
        pages: `${index % 900}-${(index % 900) + 12}`,
        DOI: `10.${1000 + (index % 9000)}/bench.${index}`,
        url: `https://example.org/paper/${index}`,
        abstractNote: Array.from({ length: 80 }, () => pick(words)).join(' '),
      },
      creators: Array.from({ length: 1 + Math.floor(random() * 8) }, () => ({ last: pick(families), first: `${pick(['A.', 'B.', 'C.', 'J.', 'M.'])} ${index % 97}` })),
      collections: [1 + (index % 20)],
      tags: [...new Set([pick(words), pick(words)])],
    };
  });
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  fs.writeFileSync(file, await zoteroDatabase({ items, collections: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `Collection ${i}` })) }));
  return file;
}

export async function run(): Promise<void> {
  const inputs = [{ name: 'corpus: kishkash555 (largest, 840 items)', file: CORPUS_DATABASE }];
  if (!fs.existsSync(CORPUS_DATABASE)) inputs.length = 0;
  inputs.push({ name: `generated: ${GENERATED_ITEMS.toLocaleString('en-US')} items`, file: await ensureGeneratedLibrary() });

  const rows: string[] = [];
  let first: Timing | undefined;
  for (const input of inputs) {
    const timings: Timing[] = [];
    let items = 0;
    for (let repetition = 0; repetition <= REPETITIONS; repetition++) {
      const timing = await timeRead(input.file);
      items = timing.items;
      if (repetition === 0) first ??= timing; // the first read of the process compiles the WebAssembly module
      else timings.push(timing);
    }
    const mb = fs.statSync(input.file).size / 1024 / 1024;
    rows.push(
      `| ${input.name}, ${mb.toFixed(1)} MB | ${items} | ${median(timings.map((t) => t.wallMs)).toFixed(0)} | ${median(timings.map((t) => t.cpuMs)).toFixed(0)} |`,
    );
  }
  console.log(`Zotero database reader (sql.js), median of ${REPETITIONS} reads after a first one`);
  console.log('| database | items | wall ms | CPU ms |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);
  if (first) console.log(`first read of the process (compiles the WebAssembly module): ${first.wallMs.toFixed(0)} ms wall, ${first.cpuMs.toFixed(0)} ms CPU`);
}

if (require.main === module) void run();
