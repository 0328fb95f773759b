import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { entryKeyAt, entryKeyRanges } from '../../src/core/library/entryKeys';
import { readLibraryText } from '../../src/core/library/formats';
import { LineIndex } from '../../src/core/text/lineIndex';
import { needsShared, readShared, sharedPath } from './shared';

const keyRanges = (path: string, text: string) => {
  const file = readLibraryText(path, text);
  return entryKeyRanges(text, file.references).map((range) => [range.reference.key, range.start, range.end]);
};

test('LineIndex.offset inverts position', () => {
  const lines = new LineIndex('ab\ncde\n\nf');
  for (const offset of [0, 1, 3, 5, 7, 8]) assert.equal(lines.offset(lines.position(offset)), offset);
  assert.equal(lines.offset({ line: 2, column: 2 }), 4);
});

test('BibTeX keys after @type{ and @type( with spaces; the key, not the type', () => {
  const text = '@article{alpha,\n title={A}}\n\n@Book ( beta ,\n title={B})\n';
  assert.deepEqual(keyRanges('x.bib', text), [
    ['alpha', 9, 14],
    ['beta', 37, 41],
  ]);
});

test('CSL-JSON "id", CSL-YAML id: and RIS ID keys, wherever they sit in the item', () => {
  const json = '[\n {"type": "book", "title": "id", "id": "k1"},\n {"id":"k2"}\n]';
  assert.deepEqual(keyRanges('x.json', json), [
    ['k1', json.indexOf('k1'), json.indexOf('k1') + 2],
    ['k2', json.indexOf('k2'), json.indexOf('k2') + 2],
  ]);
  const yaml = 'references:\n- type: book\n  id: k1\n- id: "k2"\n';
  assert.deepEqual(keyRanges('x.yaml', yaml), [
    ['k1', 31, 33],
    ['k2', 41, 43],
  ]);
  const ris = 'TY  - JOUR\nTI  - ID  - fake\nID  - k1\nER  - \n';
  assert.deepEqual(keyRanges('x.ris', ris), [['k1', 34, 36]]);
});

test('entryKeyAt finds the entry under the cursor, edges included, and nothing elsewhere', () => {
  const text = '@article{alpha,\n title={beta}}\n@misc{beta, title={x}}\n';
  assert.equal(entryKeyAt('x.bib', text, 9)?.reference.key, 'alpha');
  assert.equal(entryKeyAt('x.bib', text, 14)?.reference.key, 'alpha');
  assert.equal(entryKeyAt('x.bib', text, 26), undefined, 'a word in a field is not a key');
  const beta = entryKeyAt('x.bib', text, text.indexOf('beta,') + 2);
  assert.deepEqual([beta?.reference.key, beta?.start, beta?.end], ['beta', 37, 41]);
});

test('every entry of a real corpus .bib has its key located', needsShared, () => {
  const path = sharedPath('corpus', 'papers', 'charlesdedampierre__NeurIPS2024', 'latex', 'bib.bib');
  const text = readShared('corpus', 'papers', 'charlesdedampierre__NeurIPS2024', 'latex', 'bib.bib');
  const file = readLibraryText(path, text);
  const ranges = entryKeyRanges(text, file.references);
  assert.equal(ranges.length, file.references.length);
  for (const range of ranges) assert.equal(text.slice(range.start, range.end), range.reference.key);
  const devlin = ranges.find((range) => range.reference.key === 'devlin_bert_2019')!;
  assert.equal(new LineIndex(text).position(devlin.start).line, 326);
});
