import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { main } from '../../src/cli/main';
import { runCli as run } from './cliRunner';
import { fixturePath } from './fixtures';
import { needsShared, sharedPath } from './shared';
import { makeTempDir } from './tempDirs';

describe('calm-cite index', () => {
  test('--bundled --format json lists the CALM library with the documented shape', async () => {
    const { code, stdout } = await run(['index', '--bundled', '--format', 'json']);
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.entryCount, 55, '30 selected references and 25 accepted papers');
    assert.equal(new Set(report.entries.map((entry: { key: string }) => entry.key)).size, 55);
    const accepted = report.entries.find((entry: { key: string }) => entry.key === 'chen2024causally');
    assert.equal(accepted.venue, 'NeurIPS 2024 Workshop on Causality and Large Models');
    assert.match(accepted.source.path, /calm2024-accepted\.bib$/);
    assert.deepEqual(report.errors, []);
    assert.equal(typeof report.durationMs, 'number');
    const kiciman = report.entries.find((entry: { key: string }) => entry.key === 'kiciman2023causal');
    assert.deepEqual(Object.keys(kiciman), ['key', 'type', 'title', 'authors', 'year', 'venue', 'doi', 'source']);
    assert.equal(kiciman.authors[0], 'Emre Kıcıman');
    assert.equal(kiciman.year, '2023');
    assert.equal(kiciman.doi, '10.48550/arXiv.2305.00050');
    assert.match(kiciman.source.path, /calm2024-references\.bib$/);
    assert.equal(kiciman.source.line, 355);
  });

  test('--bundled --format stats counts the 55 bundled entries', async () => {
    const { code, stdout } = await run(['index', '--bundled', '--format', 'stats']);
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.entryCount, 55);
    assert.deepEqual(report.errors, []);
  });

  test('--format stats has no entries but the counts, and entry errors do not fail the command', async () => {
    const dir = makeTempDir('calm-cite-cli-');
    const file = path.join(dir, 'broken.bib');
    fs.writeFileSync(file, '@article{good1, title={One}, year=2020}\n\n@article{broken, title={Two\n\n@article{good2, title={Three}, year=2021}\n');
    const { code, stdout } = await run(['index', file, '--format', 'stats']).finally(() => fs.rmSync(dir, { recursive: true }));
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.entries, undefined);
    // The broken entry keeps its key, as BibTeX keeps it; its error is data.
    assert.equal(report.entryCount, 3);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].path, file);
    assert.equal(report.errors[0].line, 3);
  });

  test('macros flow from an earlier file to a later one, as with \\bibliography{abbrev,articles}', async () => {
    const [abbrev, articles] = ['abbrev.bib', 'articles.bib'].map((name) => fixturePath('macros', name));
    const venues = async (files: string[]) => {
      const { code, stdout } = await run(['index', ...files, '--format', 'json']);
      assert.equal(code, 0);
      return JSON.parse(stdout).entries.map((entry: { venue: string | null }) => entry.venue);
    };
    assert.deepEqual(await venues([abbrev!, articles!]), [
      'Advances in Neural Information Processing Systems',
      'International Conference on Learning Representations',
      'Journal of Machine Learning Research',
    ]);
    // Read alone, the entries keep the macro names: the venues above came from abbrev.bib.
    assert.deepEqual(await venues([articles!]), ['neurips', 'iclr', 'jmlr']);
  });

  test('macros flow through the iridia set of the corpus (abbrev, journals, authors, articles)', needsShared, async () => {
    const files = ['iridia_abbrev.bib', 'iridia_journals.bib', 'iridia_authors.bib', 'iridia_articles.bib'].map((name) => sharedPath('corpus', 'bib', name));
    const { code, stdout } = await run(['index', ...files, '--format', 'json']);
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.entryCount, 1509);
    const withVenue = report.entries.filter((entry: { venue: string | null }) => entry.venue && !/^[a-z-]+$/.test(entry.venue));
    assert.ok(withVenue.length > 1400, `venues resolved through macros: ${withVenue.length}`);
  });

  test('an unreadable file exits 2 with a plain message and no stack trace', async () => {
    const { code, stdout, stderr } = await run(['index', '/nonexistent/refs.bib']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /cannot read \/nonexistent\/refs\.bib: no such file$/m);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  test('usage mistakes exit 2', async () => {
    assert.equal((await run(['index'])).code, 2);
    assert.equal((await run(['index', '--bundled', '--format', 'xml'])).code, 2);
    assert.equal((await run(['index', '--bogus'])).code, 2);
    assert.equal((await run(['frobnicate'])).code, 2);
  });
});

describe('calm-cite index --format json on large libraries', () => {
  test('the report is written in pieces as it is made, never as one string as long as the output', async () => {
    const dir = makeTempDir('calm-cite-json-');
    const file = path.join(dir, 'big.bib');
    fs.writeFileSync(file, Array.from({ length: 20_000 }, (_, i) => `@article{k${i}, title = {Title ${i} ${'x'.repeat(60)}}, author = {Doe, Jane}, year = 2020}`).join('\n'));
    const pieces: string[] = [];
    const code = await main(['index', file, '--format', 'json'], (text) => pieces.push(text), () => undefined);
    assert.equal(code, 0);
    assert.ok(pieces.length > 10, `${pieces.length} pieces`);
    assert.ok(pieces.every((piece) => piece.length < 128 * 1024), `largest piece ${Math.max(...pieces.map((piece) => piece.length))}`);
    const report = JSON.parse(pieces.join('\n'));
    assert.equal(report.entryCount, 20_000);
    assert.equal(report.entries.length, 20_000);
    assert.deepEqual(report.entries[19_999].key, 'k19999');
    assert.deepEqual(report.errors, []);
    assert.equal(typeof report.durationMs, 'number');
  });
});
