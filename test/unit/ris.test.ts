import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readRis } from '../../src/core/library/ris';
import { ReferenceSchema } from '../../src/core/library/reference';

const THREE_RECORDS = [
  'TY  - JOUR',
  'ID  - zecevic2023causal',
  'AU  - Zečević, Matej',
  'AU  - Willig, Moritz',
  'TI  - Causal Parrots: Large Language Models May Talk Causality But Are Not Causal',
  'JO  - Transactions on Machine Learning Research',
  'PY  - 2023',
  'DA  - 2023/08/01',
  'VL  - 2023',
  'SP  - 1',
  'EP  - 22',
  'DO  - https://doi.org/10.48550/arXiv.2308.13067',
  'UR  - https://openreview.net/forum?id=tv46tCzs83',
  'AB  - Some argue scale is all you need; we argue that',
  '  large models are causal parrots.',
  'KW  - calm:in',
  'KW  - causal parrots',
  'ER  - ',
  '',
  'TY  - CONF',
  'AU  - Kıcıman, Emre',
  'TI  - Causal Reasoning and Large Language Models',
  'T2  - NeurIPS Workshop',
  'Y1  - 2023///',
  'UR  - https://arxiv.org/abs/2305.00050v2',
  'N1  - A note',
  'ER  - ',
  '',
  'TY  - BOOK',
  'AU  - OpenAI',
  'TI  - Without a year',
  'ER  -',
].join('\r\n');

test('reads RIS records into CSL-typed references', () => {
  const { references, errors } = readRis(THREE_RECORDS, 'lib.ris', { library: 'user' });
  assert.deepEqual(errors, []);
  assert.equal(references.length, 3);
  const [parrots, kiciman, book] = references as [(typeof references)[0], (typeof references)[0], (typeof references)[0]];

  assert.equal(parrots.key, 'zecevic2023causal');
  assert.equal(parrots.type, 'article-journal');
  assert.deepEqual(parrots.authors, [{ family: 'Zečević', given: 'Matej' }, { family: 'Willig', given: 'Moritz' }]);
  assert.equal(parrots.venue, 'Transactions on Machine Learning Research');
  assert.equal(parrots.year, '2023');
  assert.equal(parrots.pages, '1-22');
  assert.equal(parrots.doi, '10.48550/arXiv.2308.13067');
  assert.equal(parrots.arxiv, '2308.13067');
  assert.equal(parrots.abstract, 'Some argue scale is all you need; we argue that large models are causal parrots.');
  assert.deepEqual(parrots.keywords, ['calm:in', 'causal parrots']);
  assert.equal(parrots.fields['au'], 'Zečević, Matej; Willig, Moritz');
  assert.deepEqual(parrots.source, { path: 'lib.ris', line: 1, column: 1 });

  assert.equal(kiciman.type, 'paper-conference');
  assert.equal(kiciman.key, 'kiciman2023causal', 'generated like the bundled keys when ID is missing');
  assert.equal(kiciman.venue, 'NeurIPS Workshop');
  assert.equal(kiciman.year, '2023');
  assert.equal(kiciman.arxiv, '2305.00050');
  assert.equal(kiciman.note, 'A note');
  assert.equal(kiciman.source.line, 20);

  assert.equal(book.type, 'book');
  assert.deepEqual(book.authors, [{ family: 'OpenAI', literal: 'OpenAI' }]);
  assert.equal(book.year, undefined);
  for (const reference of references) ReferenceSchema.parse(reference);
});

test('a record without ER is reported at its TY line and its neighbours survive', () => {
  const text = [
    'TY  - JOUR', 'ID  - first', 'TI  - First', 'ER  - ',
    'TY  - JOUR', 'ID  - broken', 'TI  - Never closed',
    'TY  - JOUR', 'ID  - third', 'TI  - Third', 'ER  - ',
  ].join('\n');
  const { references, errors } = readRis(text, 'broken.ris');
  assert.deepEqual(references.map((reference) => reference.key), ['first', 'third']);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.line, 5);
  assert.match(errors[0]!.message, /not closed/);
});

test('stray lines, a lone ER and an unclosed last record are located errors', () => {
  const text = ['garbage before', 'AU  - Orphan, Tag', 'ER  - ', 'TY  - GEN', 'ID  - ok', 'ER  - ', 'TY  - JOUR', 'TI  - cut off'].join('\n');
  const { references, errors } = readRis(text, 'x.ris');
  assert.deepEqual(references.map((reference) => reference.key), ['ok']);
  assert.deepEqual(errors.map((error) => error.line), [1, 3, 7]);
});

test('generated keys stay unique within a file', () => {
  const record = ['TY  - JOUR', 'AU  - Pearl, Judea', 'PY  - 2009', 'TI  - Causality', 'ER  - '];
  const { references } = readRis([...record, ...record].join('\n'), 'dup.ris');
  assert.deepEqual(references.map((reference) => reference.key), ['pearl2009causality', 'pearl2009causality-2']);
});

test('never throws on arbitrary tag soup', () => {
  const lines = fc.oneof(
    fc.constantFrom('TY  - JOUR', 'ER  - ', 'AU  - A, B', 'TI  - T', 'ID  - k', 'PY  - 2020', '', 'junk'),
    fc.string({ maxLength: 20 }),
  );
  fc.assert(
    fc.property(fc.array(lines, { maxLength: 40 }), (parts) => {
      const { references, errors } = readRis(parts.join('\n'), 'fuzz.ris');
      for (const error of errors) assert.ok(error.line >= 1 && error.line <= parts.length);
      for (const reference of references) ReferenceSchema.parse(reference);
    }),
    { numRuns: 500 },
  );
});

test('garbage lines after an ID are reported, never glued onto the key; wrapped prose still continues', () => {
  const text = ['TY  - JOUR', 'ID  - k1', 'garbage line', 'more garbage', 'AB  - An abstract', 'wrapped onto a second line', 'ER  - '].join('\n');
  const { references, errors } = readRis(text, 'g.ris');
  assert.deepEqual(references.map((reference) => [reference.key, reference.abstract]), [['k1', 'An abstract wrapped onto a second line']]);
  assert.deepEqual(errors.map((error) => [error.line, error.column]), [[3, 1]]);
  assert.match(errors[0]!.message, /Line 3 is not an RIS tag line/);
});

test('lone-CR line ends: every record is read and lines are counted', () => {
  const text = ['TY  - JOUR', 'ID  - a', 'ER  - ', 'TY  - JOUR', 'ID  - b', 'TI  - Second', 'ER  - '].join('\r');
  const { references, errors } = readRis(text, 'cr.ris');
  assert.deepEqual(errors, []);
  assert.deepEqual(references.map((reference) => [reference.key, reference.source.line, reference.title]), [['a', 1, undefined], ['b', 4, 'Second']]);
});

test('entry and key spans: the record from TY to the end of ER, the ID value where it is written; no span for a generated key', () => {
  const text = '\uFEFFTY  - JOUR\r\nID  -   key1\r\nER  - \r\nTY  - BOOK\r\nAU  - Pearl, Judea\r\nER  - \r\n';
  const { references } = readRis(text, 's.ris');
  const body = text.slice(1);
  assert.deepEqual(references[0]!.entrySpan, { start: 0, end: 32, line: 1, column: 1 });
  assert.equal(body.slice(0, 32), 'TY  - JOUR\r\nID  -   key1\r\nER  - ');
  assert.deepEqual(references[0]!.keySpan, { start: 20, end: 24, line: 2, column: 9 });
  assert.equal(body.slice(20, 24), 'key1');
  assert.equal(references[1]!.key, 'pearl');
  assert.equal(references[1]!.keySpan, undefined);
  assert.deepEqual(references[1]!.entrySpan, { start: 34, end: 72, line: 4, column: 1 });
  assert.equal(body.slice(34, 72), 'TY  - BOOK\r\nAU  - Pearl, Judea\r\nER  - ');
});

test('10,000 records without an ID get unique keys without probing every suffix again', () => {
  const record = 'TY  - JOUR\nAU  - Smith, Jane\nPY  - 2020\nTI  - Causal models\nER  - \n';
  const { references } = readRis(`TY  - JOUR\nID  - smith2020causal-3\nER  - \n${record.repeat(10_000)}`, 'many.ris');
  const keys = references.map((reference) => reference.key);
  assert.equal(new Set(keys).size, 10_001);
  assert.deepEqual(keys.slice(0, 5), ['smith2020causal-3', 'smith2020causal', 'smith2020causal-2', 'smith2020causal-4', 'smith2020causal-5']);
});
