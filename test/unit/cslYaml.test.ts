import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCslYaml } from '../../src/core/library/cslYaml';
import { ReferenceSchema } from '../../src/core/library/reference';

const TOP_LEVEL_LIST = `- id: zecevic2023causal
  type: article
  title: "Causal Parrots: Large Language Models May Talk Causality But Are Not Causal"
  author:
    - family: Zečević
      given: Matej
    - family: Willig
      given: Moritz
  issued:
    date-parts:
      - [2023]
  publisher: arXiv
  number: arXiv:2308.13067
  keyword: calm:in, causal parrots
  custom:
    published_version: Transactions on Machine Learning Research, 2023

- id: pearl2009causality
  type: book
  title: Causality
  author:
    - {family: Pearl, given: Judea}
  issued: 2009
  publisher: Cambridge University Press
  DOI: doi:10.1017/CBO9780511803161
`;

const PANDOC_FORM = `---
references:
- id: kiciman2023causal
  type: article
  title: Causal Reasoning and Large Language Models
  author:
  - family: Kıcıman
    given: Emre
  issued:
  - year: 2023
  URL: https://arxiv.org/abs/2305.00050v3
  keyword: [calm:in, calm:with]
- type: book
  title: An entry without an id
- id: 12345
  issued: 2001-05-01
...
`;

test('reads a top-level list of CSL items with their start lines', () => {
  const { references, errors } = readCslYaml(TOP_LEVEL_LIST, 'refs.yaml', { library: 'user' });
  assert.deepEqual(errors, []);
  assert.deepEqual(references.map((reference) => [reference.key, reference.source.line, reference.source.column]), [
    ['zecevic2023causal', 1, 3],
    ['pearl2009causality', 18, 3],
  ]);
  const [parrots, pearl] = references as [(typeof references)[0], (typeof references)[0]];
  assert.equal(parrots.authors[0]?.family, 'Zečević');
  assert.equal(parrots.year, '2023');
  assert.equal(parrots.arxiv, '2308.13067');
  assert.deepEqual(parrots.keywords, ['calm:in', 'causal parrots']);
  assert.equal(parrots.publishedVersion, 'Transactions on Machine Learning Research, 2023');
  assert.equal(pearl.year, '2009');
  assert.equal(pearl.doi, '10.1017/CBO9780511803161');
  assert.equal(pearl.publisher, 'Cambridge University Press');
  for (const reference of references) ReferenceSchema.parse(reference);
});

test('reads the Pandoc `references:` form; an item without id is an error at its line', () => {
  const { references, errors } = readCslYaml(PANDOC_FORM, 'paper.yaml');
  assert.deepEqual(references.map((reference) => reference.key), ['kiciman2023causal', '12345']);
  const [kiciman, numeric] = references as [(typeof references)[0], (typeof references)[0]];
  assert.equal(kiciman.source.line, 3);
  assert.equal(kiciman.year, '2023');
  assert.equal(kiciman.arxiv, '2305.00050');
  assert.deepEqual(kiciman.keywords, ['calm:in', 'calm:with']);
  assert.equal(numeric.year, '2001');
  assert.deepEqual(errors, [{ path: 'paper.yaml', line: 13, column: 3, message: 'Entry has no id.' }]);
});

test('a syntax error costs only the item it is in', () => {
  const text = `- id: before
  title: Fine
- id: broken
  title: [not closed
- id: after
  title: Also fine
`;
  const { references, errors } = readCslYaml(text, 'broken.yaml');
  assert.deepEqual(references.map((reference) => reference.key), ['before', 'after']);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.message, /^Malformed CSL-YAML/);
  assert.ok(errors[0]!.line >= 4 && errors[0]!.line <= 5);
});

test('content that is not a list of items is a located error; an empty file is empty', () => {
  const { references, errors } = readCslYaml('title: just a map\n', 'map.yaml');
  assert.deepEqual(references, []);
  assert.deepEqual(errors.map((error) => error.line), [1]);
  assert.deepEqual(readCslYaml('', 'empty.yaml'), { references: [], errors: [] });
});

test('never throws on arbitrary text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      const { references, errors } = readCslYaml(`- id: a\n${text}`, 'fuzz.yaml');
      for (const error of errors) assert.ok(error.line >= 1 && error.column >= 1);
      for (const reference of references) ReferenceSchema.parse(reference);
    }),
    { numRuns: 300 },
  );
});

test('an unresolvable alias costs only its item', () => {
  const { references, errors } = readCslYaml('- id: a\n- *missing\n- id: b\n', 'alias.yaml');
  assert.deepEqual(references.map((reference) => reference.key), ['a', 'b']);
  assert.ok(errors.some((error) => error.line === 2));
});

test('an item nested 3,000 block sequences deep costs only itself: a located error, the items around it read', () => {
  const text = `- id: before\n  title: Fine\n- id: deep\n  note:\n  ${'- '.repeat(3000)}x\n- id: after\n  title: Also fine\n`;
  const { references, errors } = readCslYaml(text, 'deep.yaml');
  assert.deepEqual(references.map((reference) => reference.key), ['before', 'after']);
  assert.ok(errors.length >= 1);
  for (const error of errors) assert.ok(error.line >= 3 && error.line <= 5, JSON.stringify(error));
});

test('items read one by one give what the whole document gives, with spans of the item and of its id', () => {
  const text = '# library\n---\nreferences:\n  - id: "quoted"\n    title: A\n\n    # a comment\n  - type: book\n    id: plain\n    title: |\n      Block\n      - not an item\n  - id: 7\nnocite:\n  - "@plain"\n...\n';
  const { references, errors } = readCslYaml(text, 'spans.yaml');
  assert.deepEqual(errors, []);
  assert.deepEqual(references.map((reference) => [reference.key, reference.title, reference.source.line, reference.source.column]), [
    ['quoted', 'A', 4, 5],
    ['plain', 'Block\n- not an item', 8, 5],
    ['7', undefined, 13, 5],
  ]);
  for (const reference of references) {
    assert.equal(text.slice(reference.keySpan!.start, reference.keySpan!.end), reference.key);
    assert.equal(reference.entrySpan!.start, text.indexOf(reference.key === 'plain' ? 'type: book' : `id: ${reference.key === 'quoted' ? '"' : ''}${reference.key}`));
  }
  assert.deepEqual(references[0]!.keySpan, { start: text.indexOf('quoted'), end: text.indexOf('quoted') + 6, line: 4, column: 10 });
  assert.equal(text.slice(references[1]!.entrySpan!.start, references[1]!.entrySpan!.end), 'type: book\n    id: plain\n    title: |\n      Block\n      - not an item');
});

test('anchors used across items, flow style and several documents are read from the whole file', () => {
  const aliases = readCslYaml('- id: a\n  author: &pearl\n    - family: Pearl\n- id: b\n  author: *pearl\n', 'alias.yaml');
  assert.deepEqual(aliases.errors, []);
  assert.deepEqual(aliases.references.map((reference) => [reference.key, reference.authors[0]?.family]), [['a', 'Pearl'], ['b', 'Pearl']]);
  const flow = readCslYaml('references: [{id: x, title: X}, {id: y}]\n', 'flow.yaml');
  assert.deepEqual(flow.references.map((reference) => reference.key), ['x', 'y']);
  const documents = readCslYaml('- id: one\n---\n- id: two\n', 'docs.yaml');
  assert.deepEqual(documents.references.map((reference) => reference.key), ['one', 'two']);
});

test('a block list is read item by item at any size; other forms and items past 1 MB are refused with a located error', () => {
  const big = `references: [${'{id: k}, '.repeat(150_000)}]\n`;
  const refused = readCslYaml(big, 'flow.yaml');
  assert.deepEqual(refused.references, []);
  assert.deepEqual(refused.errors.map((error) => [error.line, error.column]), [[1, 1]]);
  assert.match(refused.errors[0]!.message, /not a block list of items/);
  const hugeItem = `- id: small\n- id: huge\n  abstract: ${'x'.repeat(1_100_000)}\n- id: last\n`;
  const result = readCslYaml(hugeItem, 'huge.yaml');
  assert.deepEqual(result.references.map((reference) => reference.key), ['small', 'last']);
  assert.deepEqual(result.errors.map((error) => [error.line, error.column]), [[2, 1]]);
  assert.match(result.errors[0]!.message, /CALM Cite reads items up to 1\.0 MB/);
});

test('text after a top-level list is a located error; the items before it are kept', () => {
  const { references, errors } = readCslYaml('- id: a\n- id: b\ntitle: stray\n', 'stray.yaml');
  assert.deepEqual(references.map((reference) => reference.key), ['a', 'b']);
  assert.deepEqual(errors.map((error) => [error.line, error.column]), [[3, 1]]);
});

test('lone-CR line ends: every item is read, on its own line', () => {
  const { references, errors } = readCslYaml('- id: a\r  title: A\r- id: b\r', 'cr.yaml');
  assert.deepEqual(errors, []);
  assert.deepEqual(references.map((reference) => [reference.key, reference.source.line]), [['a', 1], ['b', 3]]);
});
