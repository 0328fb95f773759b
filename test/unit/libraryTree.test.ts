import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { libraryTree } from '../../src/core/features/libraryTree';
import { libraryOf, memoryService } from './serviceFixtures';

test('user files first with counts and errors, then the bundled library by the four CALM directions', async () => {
  const { service } = memoryService({
    files: {
      '/p/refs.bib': '@article{alpha, author={Pearl, Judea}, year={2009}, title={<b>Causality</b>}}\n@article{broken, title={x}\n@misc{beta}\n',
      '/p/more.yaml': '- id: gamma\n  title: G\n',
    },
    open: { '/p/paper.tex': '\\bibliography{refs,more.yaml}' },
  });
  const library = await service.library('/p/paper.tex');
  const [bundled, refs, more] = await service.libraryTree('/p/paper.tex');
  assert.equal(refs!.label, 'refs.bib');
  assert.equal(refs!.path, '/p/refs.bib');
  assert.match(refs!.description, /^\d+ references, 1 error$/);
  assert.deepEqual(refs!.entries[0], { reference: library.lookup('alpha'), description: 'Pearl (2009)' });
  assert.deepEqual([more!.label, more!.description], ['more.yaml', '1 reference']);

  assert.equal(bundled!.label, 'CALM 2024 library');
  assert.deepEqual(bundled!.groups.map((group) => group.label), ['In large models', 'For large models', 'With large models', 'Of large models']);
  for (const [group, topic] of bundled!.groups.map((group, index) => [group, ['calm:in', 'calm:for', 'calm:with', 'calm:of'][index]!] as const)) {
    assert.ok(group.entries.length > 0);
    assert.ok(group.entries.every((entry) => entry.reference.keywords.includes(topic)));
    assert.equal(group.description, `${group.entries.length} references`);
  }
  // liu2024large is tagged in, for and with: it appears in each of those three groups.
  const holding = bundled!.groups.filter((group) => group.entries.some((entry) => entry.reference.key === 'liu2024large'));
  assert.deepEqual(holding.map((group) => group.label), ['In large models', 'For large models', 'With large models']);
});

test('a big file is capped, and the group says how many are hidden', async () => {
  const text = Array.from({ length: 25 }, (_, index) => `@misc{k${index}, title={T${index}}}`).join('\n');
  const [group] = libraryTree(await libraryOf({ '/p/big.bib': text }), 10);
  assert.equal(group!.entries.length, 10);
  assert.equal(group!.hidden, 15);
  assert.equal(group!.entries[9]!.reference.key, 'k9');
  assert.equal(group!.description, '25 references');
});
