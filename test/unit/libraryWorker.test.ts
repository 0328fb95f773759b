import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { BibtexReference } from '../../src/core/library/bibtex';
import { createWorkerParser, WORKER_THRESHOLD_CHARS } from '../../src/core/library/worker/workerParser';
import { makeTempDir } from './tempDirs';

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
