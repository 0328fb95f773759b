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
  const watcher = new ZoteroWatcher((changed) => changes.push(changed), SILENT, SETTLE_MS);
  try {
    watcher.watch(database);
    watcher.watch(database);

    // Attachments, preferences and styles change too; none of them is the database.
    fs.writeFileSync(path.join(data, 'storage', 'paper.pdf'), 'x');
    fs.writeFileSync(path.join(data, 'prefs.js'), 'x');
    await sleep(SETTLE_MS * 4);
    assert.deepEqual(changes, []);

    // Positive control: a write as Zotero makes one, journal first, in a burst.
    for (let i = 0; i < 5; i++) {
      fs.writeFileSync(`${database}-journal`, `tx ${i}`);
      fs.writeFileSync(database, `v${i + 2}`);
      await sleep(SETTLE_MS / 10);
    }
    fs.rmSync(`${database}-journal`);
    assert.deepEqual(changes, [], 'nothing while Zotero is still writing');
    await waitFor(() => changes.length > 0, SETTLE_MS * 20);
    await sleep(SETTLE_MS * 3);
    assert.deepEqual(changes, [database], 'one report for the burst');

    fs.writeFileSync(path.join(data, 'better-bibtex.sqlite'), 'keys');
    await waitFor(() => changes.length > 1, SETTLE_MS * 20);
    assert.deepEqual(changes, [database, database], 'Better BibTeX\'s keys changing is a change of the library');
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
