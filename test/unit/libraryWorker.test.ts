import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { BibtexReference } from '../../src/core/library/bibtex';
import { createWorkerParser, WORKER_THRESHOLD_CHARS } from '../../src/core/library/worker/workerParser';
import { readZoteroDatabase } from '../../src/core/library/zotero';
import { makeTempDir } from './tempDirs';
import { zoteroDatabase } from './zoteroFixtures';

/** The built extension runs dist/libraryWorker.js; here a bootstrap loads the TypeScript entry point through tsx. */
function workerScript(): string {
  const directory = makeTempDir('calm-worker-');
  const script = path.join(directory, 'worker.js');
  const entry = path.resolve(__dirname, '../../src/core/library/worker/parseWorkerMain.ts');
  fs.writeFileSync(script, `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(entry)});\n`);
  return script;
}

test('a big BibTeX file read in the worker arrives as BibtexReferences whose display fields decode on this side', async () => {
  const entry = (i: number) => `@article{key${i},\n  title = {Caf{\\'e} number ${i}},\n  author = {M{\\"u}ller, Anna and Bo Smith},\n  doi = {https://doi.org/10.1/X${i}},\n}\n`;
  const entries: string[] = [];
  let length = 0;
  for (let i = 0; length <= WORKER_THRESHOLD_CHARS; i++) {
    entries.push(entry(i));
    length += entries[i]!.length;
  }
  const problems: string[] = [];
  const parser = createWorkerParser(workerScript(), (message) => problems.push(message));
  try {
    const result = await parser.parse('/big.bib', entries.join(''), {});
    const fromBytes = await parser.parse('/big.bib', new TextEncoder().encode(entries.join('')), {});
    assert.deepEqual(problems, []);
    assert.deepEqual(fromBytes, result);
    assert.equal(result.references.length, entries.length);
    const last = result.references.at(-1)!;
    assert.ok(last instanceof BibtexReference);
    assert.equal(last.title, `Café number ${entries.length - 1}`);
    assert.deepEqual(last.authors, [{ family: 'Müller', given: 'Anna' }, { family: 'Smith', given: 'Bo' }]);
    assert.equal(last.doi, `10.1/X${entries.length - 1}`);
    assert.deepEqual(last.source, { path: '/big.bib', line: 5 * (entries.length - 1) + 1, column: 1 });
    // The spans cross the thread boundary with the raw data.
    const start = entries.slice(0, -1).join('').length;
    assert.deepEqual(last.entrySpan, { start, end: start + entries.at(-1)!.length - 1, line: last.source.line, column: 1 });
    assert.deepEqual(last.keySpan, { start: start + 9, end: start + 9 + last.key.length, line: last.source.line, column: 10 });
  } finally {
    parser.dispose();
  }
});

test('a Zotero database read in the worker gives what it gives on this thread', async () => {
  const database = await zoteroDatabase({
    items: [
      { key: 'AAAAAAAA', fields: { title: 'Causal parrots', date: '2023', abstractNote: 'Correlations of causal facts.' }, creators: [{ last: 'Zečević', first: 'Matej' }], tags: ['llm'] },
      { key: 'BBBBBBBB', type: 'conferencePaper', fields: { title: 'Seven tools', date: '2019', proceedingsTitle: 'Proc. X', citationKey: 'pearl2019seven' }, creators: [{ last: 'Pearl', first: 'Judea' }] },
    ],
  });
  const input = { database: { path: '/z/zotero.sqlite', bytes: database } };
  const problems: string[] = [];
  const parser = createWorkerParser(workerScript(), (message) => problems.push(message));
  try {
    const inWorker = await parser.readZotero(input);
    assert.deepEqual(problems, [], 'read in the worker, not by the fallback');
    assert.deepEqual(inWorker, await readZoteroDatabase(input));
    assert.deepEqual(inWorker.references.map((reference) => reference.key), ['zecevic2023causal', 'pearl2019seven']);
  } finally {
    parser.dispose();
  }
});

test('the worker stops when idle and starts again for the next big file, which is no failure', async () => {
  const text = Array.from({ length: 8000 }, (_, i) => `@misc{key${i}, title = {Title number ${i} of a file big enough for the worker}}\n`).join('');
  assert.ok(text.length > WORKER_THRESHOLD_CHARS);
  const problems: string[] = [];
  const idleMs = 20;
  const parser = createWorkerParser(workerScript(), (message) => problems.push(message), idleMs);
  try {
    const first = await parser.parse('/first.bib', text, {});
    // The idle worker is being stopped while the next file arrives.
    await new Promise((resolve) => setTimeout(resolve, idleMs + 5));
    const second = await parser.parse('/second.bib', text, {});
    await new Promise((resolve) => setTimeout(resolve, idleMs * 5));
    const third = await parser.parse('/third.bib', text, {});
    assert.deepEqual(problems, []);
    for (const result of [first, second, third]) assert.equal(result.references.length, 8000);
    assert.equal(third.references[0]!.source.path, '/third.bib');
  } finally {
    parser.dispose();
  }
});
