import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Person, Reference } from '../../src/core/library/reference';
import { readCslJson } from '../../src/core/library/cslJson';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { foldText } from '../../src/core/text/fold';

interface Draft {
  key: string;
  authors?: Person[];
  title?: string;
  year?: string;
  venue?: string;
  keywords?: string[];
  file?: string;
}

function reference(draft: Draft): Reference {
  return {
    key: draft.key,
    type: 'article',
    title: draft.title,
    authors: draft.authors ?? [],
    year: draft.year,
    venue: draft.venue,
    keywords: draft.keywords ?? [],
    fields: {},
    source: { path: draft.file ?? 'library.bib', line: 1, column: 1 },
    library: 'user',
  };
}

const keysOf = (hits: { reference: Reference }[]) => hits.map((hit) => hit.reference.key);

const bundled = readCslJson(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'media', 'library', 'calm2024-references.json'), 'utf8'),
  'calm2024-references.json',
  { library: 'bundled' },
).references;

test('finds authors whatever their accents, dotless i included', () => {
  const index = new SearchIndex(bundled);
  assert.equal(keysOf(index.search('zecevic'))[0], 'zecevic2023causal');
  assert.equal(keysOf(index.search('Zečević'))[0], 'zecevic2023causal');
  assert.equal(keysOf(index.search('kiciman'))[0], 'kiciman2023causal');
  assert.equal(keysOf(index.search('KICIMAN 2023'))[0], 'kiciman2023causal');
  assert.ok(index.search('calm:with').length > 0);
});

test('ranks key prefix > word in key > family name > title word > venue or keyword', () => {
  const index = new SearchIndex([
    reference({ key: 'a', venue: 'Causal Learning and Reasoning' }),
    reference({ key: 'b', title: 'Towards causal models' }),
    reference({ key: 'c', authors: [{ family: 'Causalson', given: 'Ann' }] }),
    reference({ key: 'smith2020causal' }),
    reference({ key: 'causal2020' }),
    reference({ key: 'd', title: 'Unrelated' }),
  ]);
  const hits = index.search('causal');
  assert.deepEqual(keysOf(hits), ['causal2020', 'smith2020causal', 'c', 'b', 'a']);
  assert.deepEqual(
    hits.map((hit) => hit.matchedFields),
    [['key'], ['key'], ['author'], ['title'], ['venue']],
  );
});

test('terms must all match, at the start of a word', () => {
  const index = new SearchIndex([
    reference({ key: 'pearl2009', authors: [{ family: 'Pearl', given: 'Judea' }], title: 'Causality', year: '2009' }),
    reference({ key: 'pearl2000', authors: [{ family: 'Pearl', given: 'Judea' }], title: 'Causality', year: '2000' }),
    reference({ key: 'spearman1904', authors: [{ family: 'Spearman' }], year: '1904' }),
  ]);
  assert.deepEqual(keysOf(index.search('pearl 2009')), ['pearl2009']);
  assert.deepEqual(keysOf(index.search('judea caus')), ['pearl2009', 'pearl2000']);
  assert.deepEqual(keysOf(index.search('earl')), [], 'no match inside a word');
  assert.deepEqual(keysOf(index.search('pearl nothing')), []);
});

test('more matched fields and earlier positions rank higher; an exact year beats a year prefix', () => {
  const index = new SearchIndex([
    reference({ key: 'x1', title: 'A study of graphs' }),
    reference({ key: 'x2', title: 'Graphs' }),
    reference({ key: 'x3', title: 'Graphs', keywords: ['graphs'] }),
    reference({ key: 'y1', year: '2023', title: 'Twenty' }),
    reference({ key: 'y2', year: '2020', title: 'Twenty' }),
  ]);
  assert.deepEqual(keysOf(index.search('graph')), ['x3', 'x2', 'x1']);
  assert.deepEqual(keysOf(index.search('2020 twenty')), ['y2']);
  const prefixHits = index.search('202');
  assert.deepEqual(keysOf(prefixHits), ['y1', 'y2']);
  assert.ok(index.search('2023')[0]!.score > prefixHits[0]!.score);
});

test('cited keys rank first among equal matches, and come first for an empty query', () => {
  const references = ['one', 'two', 'three'].map((word) => reference({ key: `${word}2020`, title: 'Same title' }));
  const index = new SearchIndex(references);
  const citedKeys = new Set(['three2020']);
  assert.deepEqual(keysOf(index.search('same', { citedKeys })), ['three2020', 'one2020', 'two2020']);
  assert.deepEqual(keysOf(index.search('same')), ['one2020', 'two2020', 'three2020']);
  assert.deepEqual(keysOf(index.search('  ', { citedKeys })), ['three2020', 'one2020', 'two2020']);
  assert.deepEqual(keysOf(index.search('', { citedKeys, limit: 2 })), ['three2020', 'one2020']);
  assert.deepEqual(index.search('same', { limit: 0 }), []);
});

test('returns at most 100 hits unless told otherwise', () => {
  const index = new SearchIndex(Array.from({ length: 150 }, (_, number) => reference({ key: `k${number}`, title: 'Causal' })));
  assert.equal(index.search('causal').length, 100);
  assert.equal(index.search('causal', { limit: 120 }).length, 120);
  assert.equal(index.search('').length, 100);
});

test('replaceFile swaps one file’s entries and keeps the file order', () => {
  const index = new SearchIndex([
    reference({ key: 'bundled1', title: 'Causal', file: 'bundled.json' }),
    reference({ key: 'user1', title: 'Causal', file: 'user.bib' }),
  ]);
  index.replaceFile('bundled.json', [reference({ key: 'bundled2', title: 'Causal', file: 'bundled.json' })]);
  assert.deepEqual(keysOf(index.search('causal')), ['bundled2', 'user1']);
  assert.equal(index.size, 2);
  index.replaceFile('user.bib', []);
  assert.deepEqual(keysOf(index.search('')), ['bundled2']);
  index.replaceFile('new.ris', [reference({ key: 'ris1', file: 'new.ris' })]);
  assert.deepEqual(keysOf(index.search('', { citedKeys: new Set(['ris1']) })), ['ris1', 'bundled2']);
  index.replaceFile('new.ris', [reference({ key: 'ris2', file: 'new.ris' })]);
  assert.deepEqual(keysOf(index.search('', { citedKeys: new Set(['ris1']) })), ['bundled2', 'ris2'], 'a replaced key is no longer cited');
});

// Property tests: the index against a direct reading of the matching rule, on random small libraries.
const WORDS = ['causal', 'cause', 'Zečević', 'Kıcıman', 'model', 'models', 'graph', 'pearl', 'ł', 'straße', 'ai', '2023', 'calm:in'];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 4 }).map((words) => words.join(' '));
const draft = fc.record({
  family: fc.constantFrom(...WORDS),
  title: text,
  year: fc.constantFrom('2020', '2023', '1999'),
  venue: text,
  keyword: fc.constantFrom(...WORDS),
});
const library = fc.array(draft, { maxLength: 40 }).map((drafts) =>
  drafts.map((entry, number) =>
    reference({
      key: `${foldText(entry.family).replace(/[^a-z]/g, '')}${entry.year}${number}`,
      authors: [{ family: entry.family, given: 'Given' }],
      title: entry.title,
      year: entry.year,
      venue: entry.venue,
      keywords: [entry.keyword],
      file: `file${number % 3}.bib`,
    }),
  ),
);
const query = fc
  .array(
    fc.constantFrom(...WORDS).chain((word) => fc.integer({ min: 1, max: word.length }).map((length) => word.slice(0, length))),
    { minLength: 1, maxLength: 3 },
  )
  .map((terms) => terms.join(' '));

/** Whether `term` starts a word of `value`: after a non-letter-or-digit, or (in keys) at a letter/digit switch. */
function startsWord(value: string, term: string, isKey: boolean): boolean {
  const folded = foldText(value);
  const wordChar = (char: string) => /[a-z0-9]/.test(char) || char > '\u007f';
  const digit = (char: string) => /[0-9]/.test(char);
  for (let position = 0; position < folded.length; position++) {
    const previous = folded[position - 1];
    const starts = previous === undefined || !wordChar(previous) || (isKey && digit(previous) !== digit(folded[position]!));
    if (starts && folded.startsWith(term, position)) return true;
  }
  return false;
}

function matchesDirectly(entry: Reference, query: string): boolean {
  return foldText(query)
    .split(/\s+/)
    .filter(Boolean)
    .every(
      (term) =>
        startsWord(entry.key, term, true) ||
        [...entry.authors.flatMap((person) => [person.family, person.given ?? '']), entry.title ?? '', entry.year ?? '', entry.venue ?? '', ...entry.keywords].some(
          (value) => startsWord(value, term, false),
        ),
    );
}

test('finds exactly the entries the matching rule selects', () => {
  fc.assert(
    fc.property(library, query, (references, text) => {
      const found = new Set(keysOf(new SearchIndex(references).search(text, { limit: 1000 })));
      const expected = new Set(references.filter((entry) => matchesDirectly(entry, text)).map((entry) => entry.key));
      assert.deepEqual(found, expected);
    }),
    { numRuns: 300 },
  );
});

test('a small limit returns the head of the full ranking (pruning never changes the order)', () => {
  fc.assert(
    fc.property(library, query, fc.integer({ min: 1, max: 5 }), fc.boolean(), (references, text, limit, cite) => {
      const index = new SearchIndex(references);
      const citedKeys = new Set(cite ? references.filter((_, number) => number % 4 === 0).map((entry) => entry.key) : []);
      const full = index.search(text, { limit: 1000, citedKeys });
      for (let hit = 1; hit < full.length; hit++) assert.ok(full[hit - 1]!.score >= full[hit]!.score);
      assert.deepEqual(index.search(text, { limit, citedKeys }), full.slice(0, limit));
    }),
    { numRuns: 300 },
  );
});
