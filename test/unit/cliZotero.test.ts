import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './cliRunner';
import { zoteroDatabase } from './zoteroFixtures';

describe('calm-cite index on a Zotero database', () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-cli-zotero-'));
    const bytes = await zoteroDatabase({
      libraries: [
        { id: 1, type: 'user' },
        { id: 2, type: 'group', group: { id: 77, name: 'Lab' } },
      ],
      items: [
        { key: 'AAAA2345', fields: { title: 'Causal Reasoning and Large Language Models', date: '2023-00-00 2023', DOI: '10.48550/arXiv.2305.00050' }, creators: [{ last: 'Kıcıman', first: 'Emre' }] },
        { key: 'BBBB2345', library: 2, fields: { title: 'Group paper', extra: 'Citation Key: lab2024' } },
      ],
    });
    fs.writeFileSync(path.join(dir, 'zotero.sqlite'), bytes);
    fs.writeFileSync(path.join(dir, 'zotero.sqlite.bak'), bytes);
    fs.writeFileSync(path.join(dir, 'library.bib'), '@misc{other, title={A BibTeX entry}}\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('--format json: the entries in the documented shape, plus what was read from which library', async () => {
    const { code, stdout } = await runCli(['index', path.join(dir, 'zotero.sqlite'), path.join(dir, 'library.bib'), '--format', 'json']);
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.errors, []);
    assert.equal(report.entryCount, 3);
    assert.deepEqual(report.entries[0], {
      key: 'kiciman2023causal',
      type: 'article',
      title: 'Causal Reasoning and Large Language Models',
      authors: ['Emre Kıcıman'],
      year: '2023',
      venue: null,
      doi: '10.48550/arXiv.2305.00050',
      source: { path: path.join(dir, 'zotero.sqlite'), line: 1 },
    });
    assert.equal(report.entries[1].key, 'lab2024');
    assert.equal(report.entries[2].key, 'other');
    const [zotero] = report.zotero;
    assert.equal(zotero.path, path.join(dir, 'zotero.sqlite'));
    assert.equal(zotero.snapshot.kind, 'database');
    assert.equal(typeof zotero.snapshot.ageSeconds, 'number');
    assert.equal(zotero.betterBibtex, null);
    assert.deepEqual(zotero.schema, { userdata: 125, globalSchema: 42 });
    assert.deepEqual(zotero.libraries, [
      { id: 1, kind: 'user', name: 'My Library', items: 1 },
      { id: 2, kind: 'group', name: 'Lab', groupId: 77, items: 1 },
    ]);
    assert.deepEqual(zotero.keySources, { native: 0, extra: 1, 'better-bibtex': 0, generated: 1 });
  });

  test('a database not named .sqlite is recognised by its SQLite header (zotero.sqlite.bak)', async () => {
    const { code, stdout } = await runCli(['index', path.join(dir, 'zotero.sqlite.bak'), '--format', 'stats']);
    assert.equal(code, 0);
    assert.equal(JSON.parse(stdout).entryCount, 2);
  });

  test('the text format names items by zotero:// links, group items by their group', async () => {
    const { code, stdout } = await runCli(['index', path.join(dir, 'zotero.sqlite')]);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.match(lines[0]!, /^kiciman2023causal\t2023\tKıcıman\tCausal Reasoning and Large Language Models\tzotero:\/\/select\/library\/items\/AAAA2345$/);
    assert.match(lines[1]!, /\tzotero:\/\/select\/groups\/77\/items\/BBBB2345$/);
    assert.match(lines[2]!, /zotero\.sqlite: Zotero library, 1 in My Library, 1 in Lab; keys: 1 from Extra, 1 generated; read the database file, saved .* UTC \(just now\)$/);
  });

  test('a missing database exits 2 with a plain message', async () => {
    const { code, stdout, stderr } = await runCli(['index', path.join(dir, 'missing.sqlite')]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /cannot read .*missing\.sqlite: no such file/);
  });
});
