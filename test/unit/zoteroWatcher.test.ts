import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { ServiceLog } from '../../src/core/service/types';
import { ZoteroWatcher } from '../../src/server/zoteroWatcher';
import { makeTempDir } from './tempDirs';

const SILENT: ServiceLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SETTLE_MS = 500;

/** Zotero's data directory is outside the workspace: the language server watches it itself. */
test('a burst of writes to the database and its journal is reported once, after it settles; other files of the data directory are not', async () => {
  const data = makeTempDir('calm-cite-zotero-watch-');
  const database = path.join(data, 'zotero.sqlite');
  fs.writeFileSync(database, 'v1');
  fs.mkdirSync(path.join(data, 'storage'));
  const changes: string[] = [];
  const reportedAt: number[] = [];
  const watcher = new ZoteroWatcher((changed) => {
    changes.push(changed);
    reportedAt.push(performance.now());
  }, SILENT, SETTLE_MS);
  try {
    watcher.watch(database);
    watcher.watch(database);

    // Attachments, preferences and styles change too; none of them is the database.
    fs.writeFileSync(path.join(data, 'storage', 'paper.pdf'), 'x');
    fs.writeFileSync(path.join(data, 'prefs.js'), 'x');
    await sleep(SETTLE_MS * 4);
    assert.deepEqual(changes, []);

    // Positive control: a write as Zotero makes one, journal first, in a burst.
    const writtenAt: number[] = [];
    for (let i = 0; i < 5; i++) {
      fs.writeFileSync(`${database}-journal`, `tx ${i}`);
      fs.writeFileSync(database, `v${i + 2}`);
      writtenAt.push(performance.now());
      await sleep(SETTLE_MS / 10);
    }
    fs.rmSync(`${database}-journal`);
    writtenAt.push(performance.now());
    await waitFor(() => changes.length > 0, SETTLE_MS * 20);
    await sleep(SETTLE_MS * 3);
    // A report comes only once the files have been still for SETTLE_MS. A loaded machine may stretch a pause
    // of the burst past that (then the pause is reported, rightly); one that kept up gets one report.
    for (const at of reportedAt) {
      const lastWrite = Math.max(...writtenAt.filter((written) => written < at));
      assert.ok(at - lastWrite >= SETTLE_MS * 0.9, `reported ${Math.round(at - lastWrite)} ms after a write, before the files settled`);
    }
    assert.ok(changes.length > 0 && changes.every((changed) => changed === database));
    const longestPause = Math.max(...writtenAt.slice(1).map((at, i) => at - writtenAt[i]!));
    if (longestPause < SETTLE_MS * 0.9) assert.equal(changes.length, 1, 'one report for the burst');
    const burstReports = changes.length;

    fs.writeFileSync(path.join(data, 'better-bibtex.sqlite'), 'keys');
    await waitFor(() => changes.length > burstReports, SETTLE_MS * 20);
    assert.equal(changes.at(-1), database, 'Better BibTeX\'s keys changing is a change of the library');
  } finally {
    watcher.dispose();
  }
});

test('a data directory that does not exist is a warning, not a crash', () => {
  const warnings: string[] = [];
  const watcher = new ZoteroWatcher(() => undefined, { ...SILENT, warn: (line) => warnings.push(line) });
  watcher.watch('/no/such/folder/zotero.sqlite');
  watcher.dispose();
  assert.match(warnings[0] ?? '', /Cannot watch \/no\/such\/folder .*Re-read Reference Libraries/);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(20);
  }
}
