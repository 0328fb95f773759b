import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { readCslJson } from '../../src/core/library/cslJson';
import { ReferenceSchema } from '../../src/core/library/reference';

const BUNDLED_PATH = path.resolve(__dirname, '..', '..', 'media', 'library', 'calm2024-references.json');
const bundledText = fs.readFileSync(BUNDLED_PATH, 'utf8');

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

test('reads the 30 bundled CALM references without errors', () => {
  const result = readCslJson(bundledText, BUNDLED_PATH, { library: 'bundled' });
  assert.deepEqual(result.errors, []);
  assert.equal(result.references.length, 30);
  for (const reference of result.references) {
    assert.doesNotThrow(() => ReferenceSchema.parse(reference), reference.key);
    assert.equal(reference.library, 'bundled');
  }
});

test('maps names, arXiv ids, published versions and topic keywords of the bundled library', () => {
  const { references } = readCslJson(bundledText, BUNDLED_PATH);
  const byKey = new Map(references.map((reference) => [reference.key, reference]));
  assert.equal(byKey.get('zecevic2023causal')?.authors[0]?.family, 'Zečević');
  const kiciman = byKey.get('kiciman2023causal');
  assert.ok(kiciman);
  assert.equal(kiciman.authors[0]?.family, 'Kıcıman');
  assert.equal(kiciman.arxiv, '2305.00050');
  assert.equal(kiciman.doi, '10.48550/arXiv.2305.00050');
  assert.equal(kiciman.year, '2023');
  assert.equal(kiciman.type, 'article');
  assert.match(kiciman.publishedVersion ?? '', /Transactions on Machine Learning Research/);
  assert.ok(kiciman.keywords.includes('calm:in'));
  assert.equal(kiciman.fields['number'], 'arXiv:2305.00050');
  assert.ok(references.every((reference) => reference.keywords.some((keyword) => keyword.startsWith('calm:'))));
});

test('locates each entry at its opening brace', () => {
  const { references } = readCslJson(bundledText, BUNDLED_PATH);
  const second = references[1]!;
  assert.equal(second.key, 'yang2024critical');
  assert.deepEqual(second.source, { path: BUNDLED_PATH, line: lineOf(bundledText, '"id": "yang2024critical"') - 1, column: 3 });
  const last = references[29]!;
  assert.equal(last.source.line, lineOf(bundledText, `"id": "${last.key}"`) - 1);
});

const TWO_ITEMS = `[
  {"id": "first", "type": "paper-conference", "title": "One", "container-title": "CLeaR", "page": "1-10",
   "volume": 7, "issued": {"raw": "May 2022"}, "author": [{"family": "Gogh", "non-dropping-particle": "van", "given": "Vincent"}, {"literal": "OpenAI"}]},
  {"id": "second", "DOI": "https://doi.org/10.1000/ABC", "URL": "https://arxiv.org/pdf/2101.00001v2.pdf", "keyword": "a; b, c", "issued": {"date-parts": [["2021"]]}}
]`;

test('maps CSL fields: particles, literal names, venue, pages, raw dates, DOI and arXiv URL', () => {
  const { references, errors } = readCslJson(TWO_ITEMS, 'two.json');
  assert.deepEqual(errors, []);
  const [first, second] = references as [(typeof references)[0], (typeof references)[0]];
  assert.deepEqual(first.authors, [{ family: 'van Gogh', given: 'Vincent' }, { family: 'OpenAI', literal: 'OpenAI' }]);
  assert.equal(first.venue, 'CLeaR');
  assert.equal(first.pages, '1-10');
  assert.equal(first.volume, '7');
  assert.equal(first.year, '2022');
  assert.equal(first.type, 'paper-conference');
  assert.equal(second.doi, '10.1000/ABC');
  assert.equal(second.arxiv, '2101.00001');
  assert.deepEqual(second.keywords, ['a', 'b', 'c']);
  assert.equal(second.year, '2021');
  assert.equal(second.type, 'document');
  assert.equal(second.fields['doi'], 'https://doi.org/10.1000/ABC');
  assert.equal(second.source.line, 4);
});

test('a broken element in the middle costs only itself, with an error where it breaks', () => {
  const text = bundledText.replace('"id": "yang2024critical",', '"id": "yang2024critical" "oops",');
  const { references, errors } = readCslJson(text, 'broken.json');
  assert.equal(references.length, 29);
  assert.ok(!references.some((reference) => reference.key === 'yang2024critical'));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.line, lineOf(text, '"oops"'));
  assert.match(errors[0]!.message, /Malformed CSL-JSON entry/);
});

test('an element missing its closing brace does not swallow the next ones', () => {
  const text = bundledText.replace(/("id": "yang2024critical",[\s\S]*?)\n {2}},/, '$1\n');
  const { references, errors } = readCslJson(text, 'unclosed.json');
  assert.equal(references.length, 29);
  assert.equal(errors.length, 1);
  assert.ok(references.some((reference) => reference.key === 'anwar2024foundational'));
});

test('trailing garbage after the array is reported and every entry is kept', () => {
  const text = `${bundledText.trimEnd()}\n,{"id": "extra"}`;
  const { references, errors } = readCslJson(text, 'trailing.json');
  assert.equal(references.length, 30);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.line, text.split('\n').length);
  assert.match(errors[0]!.message, /after the CSL-JSON data/);
});

test('an entry without id, a non-object and a missing ] are located errors', () => {
  const text = '[\n  {"title": "no id"},\n  42,\n  {"id": "ok"}\n';
  const { references, errors } = readCslJson(text, 'x.json');
  assert.deepEqual(references.map((reference) => reference.key), ['ok']);
  assert.deepEqual(
    errors.map((error) => [error.line, error.column, error.message]),
    [
      [2, 3, 'Entry has no id.'],
      [3, 3, 'Entry is not an object.'],
      [5, 1, 'The CSL-JSON array is not closed with ].'],
    ],
  );
});

test('a single item object and an empty file are accepted', () => {
  assert.deepEqual(readCslJson('{"id": "solo"}', 'solo.json').references.map((reference) => reference.key), ['solo']);
  assert.deepEqual(readCslJson('  \n', 'empty.json'), { references: [], errors: [] });
  assert.equal(readCslJson('"text"', 'scalar.json').errors.length, 1);
});

test('never throws, and every error is located inside the file', () => {
  const fragments = fc.constantFrom('[', ']', '{', '}', ',', '"id"', ':', '"x"', '\n', ' ', '1', 'null', '"a\\"b"', '"');
  fc.assert(
    fc.property(fc.array(fragments, { maxLength: 60 }), (pieces) => {
      const text = pieces.join('');
      const { references, errors } = readCslJson(text, 'fuzz.json');
      const lineCount = text.split('\n').length;
      for (const error of errors) assert.ok(error.line >= 1 && error.line <= lineCount && error.column >= 1);
      for (const reference of references) ReferenceSchema.parse(reference);
    }),
    { numRuns: 500 },
  );
});

test('entry and key spans: the item as scanned, the id where it is written (not when escapes or a number form change it)', () => {
  const text = '\uFEFF[\r\n  {"type": "book", "title": "id", "id": " k1 "},\r\n  {"id":42, "note": {"id": "inner"}},\r\n  {"id": "a\\u0062"},\r\n  {"id": 1e3}\r\n]';
  const body = text.slice(1);
  const { references, errors } = readCslJson(text, 'spans.json');
  assert.deepEqual(errors, []);
  assert.deepEqual(references.map((reference) => reference.key), ['k1', '42', 'ab', '1000']);
  const [k1, n42, escaped, exponent] = references;
  const item = '{"type": "book", "title": "id", "id": " k1 "}';
  assert.deepEqual(k1!.entrySpan, { start: 5, end: 5 + item.length, line: 2, column: 3 });
  assert.equal(body.slice(5, 5 + item.length), item);
  const keyAt = body.indexOf('k1');
  assert.deepEqual(k1!.keySpan, { start: keyAt, end: keyAt + 2, line: 2, column: keyAt - 3 + 1 });
  assert.equal(body.slice(n42!.keySpan!.start, n42!.keySpan!.end), '42');
  assert.equal(escaped!.keySpan, undefined);
  assert.equal(exponent!.keySpan, undefined);
});
