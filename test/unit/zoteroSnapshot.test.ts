import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { workspaceZoteroFiles } from '../../src/core/library/zotero/workspaceFiles';
import { MAX_LIBRARY_FILE_BYTES } from '../../src/core/limits';
import { NodeWorkspace } from '../../src/core/workspace/nodeWorkspace';

/** Zotero's files read through the Node workspace, as the CLI and the language server read them. */
const nodeZoteroFiles = workspaceZoteroFiles(new NodeWorkspace({ folders: [] }), MAX_LIBRARY_FILE_BYTES);
import { readZoteroLibrary, ZoteroDatabaseMissingError, type FileStamp, type ZoteroFiles } from '../../src/core/library/zotero';
import { betterBibtexDatabase, zoteroDatabase } from './zoteroFixtures';

const JOURNAL_MAGIC = Uint8Array.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
const LIVE = { key: 'LIVE2345', fields: { title: 'In the live database' } };
const OLD = { key: 'BACK2345', fields: { title: 'Also in the backup' } };

/** Files in memory, with a hook that runs between the reader's reads (to play Zotero writing). */
function memoryFiles(initial: Record<string, Uint8Array>, onRead?: (file: string, files: Map<string, { bytes: Uint8Array; mtimeMs: number }>) => void): ZoteroFiles {
  const files = new Map(Object.entries(initial).map(([name, bytes]) => [name, { bytes, mtimeMs: 1_700_000_000_000 }]));
  return {
    async stat(file): Promise<FileStamp | undefined> {
      const found = files.get(file);
      return found && { size: found.bytes.length, mtimeMs: found.mtimeMs };
    },
    async read(file) {
      const found = files.get(file);
      if (!found) throw new Error(`ENOENT ${file}`);
      onRead?.(file, files);
      return found.bytes;
    },
    async readStart(file, length) {
      return files.get(file)?.bytes.slice(0, length);
    },
  };
}

describe('Zotero snapshots: which file is read', () => {
  let live: Uint8Array;
  let backup: Uint8Array;
  before(async () => {
    live = await zoteroDatabase({ items: [OLD, LIVE] });
    backup = await zoteroDatabase({ items: [OLD] });
  });
  const itemKeys = (result: Awaited<ReturnType<typeof readZoteroLibrary>>) => result.references.map((reference) => reference.zotero!.itemKey);

  test('Zotero not running: the database itself, with its modification time', async () => {
    const result = await readZoteroLibrary('/z/zotero.sqlite', memoryFiles({ '/z/zotero.sqlite': live, '/z/zotero.sqlite.bak': backup }));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(itemKeys(result), ['BACK2345', 'LIVE2345']);
    assert.deepEqual(result.snapshot, { kind: 'database', path: '/z/zotero.sqlite', modifiedMs: 1_700_000_000_000 });
  });

  test('Zotero writing (live rollback journal): the backup, saying why and from when', async () => {
    const journal = new Uint8Array(512);
    journal.set(JOURNAL_MAGIC);
    const result = await readZoteroLibrary('/z/zotero.sqlite', memoryFiles({ '/z/zotero.sqlite': live, '/z/zotero.sqlite-journal': journal, '/z/zotero.sqlite.bak': backup }));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(itemKeys(result), ['BACK2345']);
    assert.equal(result.snapshot?.kind, 'backup');
    assert.equal(result.snapshot?.path, '/z/zotero.sqlite.bak');
    assert.match(result.snapshot!.reason!, /Zotero was writing to it \(its rollback journal is live\)/);
  });

  test('a journal left with a zeroed header (Zotero running, nothing being written) does not count as a write', async () => {
    const result = await readZoteroLibrary('/z/zotero.sqlite', memoryFiles({ '/z/zotero.sqlite': live, '/z/zotero.sqlite-journal': new Uint8Array(512), '/z/zotero.sqlite.bak': backup }));
    assert.equal(result.snapshot?.kind, 'database');
    assert.deepEqual(itemKeys(result), ['BACK2345', 'LIVE2345']);
  });

  test('Zotero writes while the file is being read: the backup', async () => {
    const files = memoryFiles({ '/z/zotero.sqlite': live, '/z/zotero.sqlite.bak': backup }, (file, all) => {
      if (file === '/z/zotero.sqlite') all.get(file)!.mtimeMs += 1;
    });
    const result = await readZoteroLibrary('/z/zotero.sqlite', files);
    assert.equal(result.snapshot?.kind, 'backup');
    assert.match(result.snapshot!.reason!, /Zotero wrote to it while it was being read/);
  });

  test('a torn copy (SQLite finds it damaged): the backup', async () => {
    const torn = live.slice();
    torn.fill(0x5a, 4096 * 3, torn.length - 1024);
    const result = await readZoteroLibrary('/z/zotero.sqlite', memoryFiles({ '/z/zotero.sqlite': torn, '/z/zotero.sqlite.bak': backup }));
    assert.deepEqual(result.errors, []);
    assert.equal(result.snapshot?.kind, 'backup');
    assert.match(result.snapshot!.reason!, /damaged or half-written/);
  });

  test('no usable backup: one located error that says what to do; nothing read half-written', async () => {
    const journal = new Uint8Array(512);
    journal.set(JOURNAL_MAGIC);
    const result = await readZoteroLibrary('/z/zotero.sqlite', memoryFiles({ '/z/zotero.sqlite': live, '/z/zotero.sqlite-journal': journal }));
    assert.deepEqual(result.references, []);
    assert.deepEqual(result.errors, [
      {
        path: '/z/zotero.sqlite',
        line: 1,
        column: 1,
        message: "Zotero's database was not read because Zotero was writing to it (its rollback journal is live), and there is no usable backup (zotero.sqlite.bak) beside it. Try again in a moment, or close Zotero.",
      },
    ]);
  });

  test('a missing database throws (the caller says "no such file"); a missing backup or BBT file is normal', async () => {
    await assert.rejects(readZoteroLibrary('/z/zotero.sqlite', memoryFiles({})), ZoteroDatabaseMissingError);
  });

  test("Better BibTeX's database is found beside Zotero's: better-bibtex.sqlite, or NAME.better-bibtex.sqlite for NAME.sqlite", async () => {
    const bbt = await betterBibtexDatabase([{ libraryId: 1, itemKey: 'LIVE2345', citationKey: 'liveKey2024' }]);
    for (const [database, betterBibtex] of [
      ['/z/zotero.sqlite', '/z/better-bibtex.sqlite'],
      ['/copies/lab.sqlite', '/copies/lab.better-bibtex.sqlite'],
    ] as const) {
      const result = await readZoteroLibrary(database, memoryFiles({ [database]: live, [betterBibtex]: bbt }));
      assert.equal(result.betterBibtex?.path, betterBibtex);
      assert.ok(result.references.some((reference) => reference.key === 'liveKey2024'), database);
    }
  });

  test("a Better BibTeX database being written is a located error (its keys are missing this time), not a silent change of keys", async () => {
    const bbt = await betterBibtexDatabase([{ libraryId: 1, itemKey: 'LIVE2345', citationKey: 'liveKey2024' }]);
    const journal = new Uint8Array(512);
    journal.set(JOURNAL_MAGIC);
    const result = await readZoteroLibrary('/z/zotero.sqlite', memoryFiles({ '/z/zotero.sqlite': live, '/z/better-bibtex.sqlite': bbt, '/z/better-bibtex.sqlite-journal': journal }));
    assert.equal(result.references.length, 2);
    assert.equal(result.betterBibtex, undefined);
    assert.deepEqual(result.errors.map((error) => [error.path, error.line, error.column]), [['/z/better-bibtex.sqlite', 1, 1]]);
    assert.match(result.errors[0]!.message, /^Better BibTeX's citation keys are missing from this read: it was not read because Zotero was writing to it/);
  });
});

/**
 * Zotero keeps its database open with `PRAGMA locking_mode=EXCLUSIVE` and writes through a rollback journal.
 * A real SQLite in another process plays Zotero here: Python's sqlite3 module (python3 is on every machine
 * of this project; CI fails rather than skips when it is missing).
 */
const pythonSqlite = spawnSync('python3', ['-c', 'import sqlite3'], { stdio: 'ignore' }).status === 0;
const needsPythonSqlite = { skip: pythonSqlite || process.env['CI'] ? false : 'needs python3 with its sqlite3 module (a real SQLite to play a running Zotero)' } as const;

const ZOTERO_STANDIN = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute('PRAGMA locking_mode=EXCLUSIVE')
db.execute('PRAGMA cache_size=10')  # a small cache makes a big transaction spill pages into the file before it commits
for line in sys.stdin:
    command = line.strip()
    if command == 'commit':
        db.execute('BEGIN')
        db.execute("INSERT INTO items (itemTypeID, libraryID, key) SELECT itemTypeID, 1, 'ADDED234' FROM itemTypesCombined WHERE typeName = 'journalArticle'")
        db.execute("INSERT INTO itemDataValues (value) VALUES ('Added while Zotero runs')")
        db.execute("INSERT INTO itemData SELECT (SELECT itemID FROM items WHERE key = 'ADDED234'), (SELECT fieldID FROM fieldsCombined WHERE fieldName = 'title'), (SELECT valueID FROM itemDataValues WHERE value = 'Added while Zotero runs')")
        db.execute('COMMIT')
    elif command == 'begin':
        db.execute('BEGIN')
        db.execute("UPDATE itemDataValues SET value = 'half-written' WHERE value = 'In the live database'")
        db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO fulltextWords (word) SELECT hex(randomblob(100)) FROM n")
    else:
        break
    print(command, flush=True)
`;

describe('Zotero snapshots: a running Zotero (a real SQLite holding the exclusive lock in another process)', needsPythonSqlite, () => {
  let dir: string;
  let database: string;
  let zotero: ChildProcessWithoutNullStreams;
  let replies: AsyncIterator<string>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-zotero-'));
    database = path.join(dir, 'zotero.sqlite');
    fs.writeFileSync(database, await zoteroDatabase({ items: [OLD, LIVE] }));
    fs.writeFileSync(`${database}.bak`, await zoteroDatabase({ items: [OLD] }));
    fs.writeFileSync(path.join(dir, 'better-bibtex.sqlite'), await betterBibtexDatabase([{ libraryId: 1, itemKey: 'BACK2345', citationKey: 'backKey2020' }]));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(`${database}.bak`, anHourAgo, anHourAgo);
    zotero = spawn('python3', ['-c', ZOTERO_STANDIN, database]);
    replies = createInterface({ input: zotero.stdout })[Symbol.asyncIterator]();
  });

  after(() => {
    zotero.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function tellZotero(command: string): Promise<void> {
    zotero.stdin.write(`${command}\n`);
    const reply = await replies.next();
    assert.equal(reply.value, command, `the stand-in Zotero did not do '${command}'`);
  }

  /** Every file in the folder: name, size, modification time and SHA-256 of the bytes. */
  function fingerprint(): string[] {
    return fs.readdirSync(dir).sort().map((name) => {
      const file = path.join(dir, name);
      const stats = fs.statSync(file);
      return `${name} ${stats.size} ${stats.mtimeMs} ${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`;
    });
  }

  async function readUntouched() {
    const beforeRead = fingerprint();
    const started = performance.now();
    const result = await readZoteroLibrary(database, nodeZoteroFiles);
    const elapsed = performance.now() - started;
    assert.deepEqual(fingerprint(), beforeRead, "reading changed the user's Zotero files");
    return { result, elapsed };
  }

  test('after Zotero committed a write and kept its lock: the database is read, as it is, without waiting', { timeout: 60_000 }, async () => {
    await tellZotero('commit');
    // Positive control: the lock is real; a second SQLite connection, even read-only, is refused.
    const blocked = spawnSync('python3', ['-c', 'import sqlite3, sys; sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, timeout=0).execute("SELECT count(*) FROM items").fetchall()', database], { encoding: 'utf8' });
    assert.match(blocked.stderr, /database is locked/);

    const { result, elapsed } = await readUntouched();
    assert.deepEqual(result.errors, []);
    assert.equal(result.snapshot?.kind, 'database');
    assert.deepEqual(result.references.map((reference) => [reference.zotero!.itemKey, reference.title]), [
      ['BACK2345', 'Also in the backup'],
      ['LIVE2345', 'In the live database'],
      ['ADDED234', 'Added while Zotero runs'],
    ]);
    assert.equal(result.references[0]!.key, 'backKey2020');
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
  });

  test('while Zotero is halfway through a write: its backup is read, and the result says so and how old it is', { timeout: 60_000 }, async () => {
    const beforeWrite = fs.statSync(database);
    await tellZotero('begin');
    // Positive controls: the journal is live and the database file itself has been written mid-transaction.
    const journal = fs.readFileSync(`${database}-journal`).subarray(0, 8);
    assert.deepEqual([...journal], [...JOURNAL_MAGIC]);
    const duringWrite = fs.statSync(database);
    assert.ok(duringWrite.mtimeMs !== beforeWrite.mtimeMs || duringWrite.size !== beforeWrite.size, 'the stand-in did not spill its transaction into the file');

    const { result } = await readUntouched();
    assert.deepEqual(result.errors, []);
    assert.equal(result.snapshot?.kind, 'backup');
    assert.equal(result.snapshot?.path, `${database}.bak`);
    assert.match(result.snapshot!.reason!, /rollback journal is live/);
    assert.ok(Date.now() - result.snapshot!.modifiedMs >= 3_500_000, 'the backup is an hour old');
    assert.deepEqual(result.references.map((reference) => reference.title), ['Also in the backup']);
  });
});
