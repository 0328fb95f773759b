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
