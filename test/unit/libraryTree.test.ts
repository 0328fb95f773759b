import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { libraryTree } from '../../src/core/features/libraryTree';
import { libraryOf, memoryService } from './serviceFixtures';

const NO_ACCEPTED_PAPERS = { sessions: new Map(), openReviewIds: new Map() };

test('user files first with counts and errors, then the bundled selected references by the four CALM directions and the accepted papers by session', async () => {
  const { service } = memoryService({
    files: {
      '/p/refs.bib': '@article{alpha, author={Pearl, Judea}, year={2009}, title={<b>Causality</b>}}\n@article{broken, title={x}\n@misc{beta}\n',
      '/p/more.yaml': '- id: gamma\n  title: G\n',
    },
    open: { '/p/paper.tex': '\\bibliography{refs,more.yaml}' },
  });
  const library = await service.library('/p/paper.tex');
  const [refs, more, bundled, accepted] = await service.libraryTree('/p/paper.tex');
  assert.equal(refs!.label, 'refs.bib');
  assert.equal(refs!.path, '/p/refs.bib');
  assert.match(refs!.description, /^\d+ references, 1 error$/);
  assert.deepEqual(refs!.entries[0], { reference: library.lookup('alpha'), description: 'Pearl (2009)' });
  assert.deepEqual([more!.label, more!.description], ['more.yaml', '1 reference']);

  assert.equal(bundled!.label, 'CALM 2024 selected references');
  assert.equal(bundled!.description, '30 references, bundled');
  assert.deepEqual(bundled!.groups.map((group) => group.label), ['In large models', 'For large models', 'With large models', 'Of large models']);
  for (const [group, topic] of bundled!.groups.map((group, index) => [group, ['calm:in', 'calm:for', 'calm:with', 'calm:of'][index]!] as const)) {
    assert.ok(group.entries.length > 0);
    assert.ok(group.entries.every((entry) => entry.reference.keywords.includes(topic)));
    assert.equal(group.description, `${group.entries.length} references`);
  }
  // liu2024large is tagged in, for and with: it appears in each of those three groups.
  const holding = bundled!.groups.filter((group) => group.entries.some((entry) => entry.reference.key === 'liu2024large'));
  assert.deepEqual(holding.map((group) => group.label), ['In large models', 'For large models', 'With large models']);

  assert.equal(accepted!.label, 'CALM 2024 accepted papers');
  assert.equal(accepted!.description, '25 references, bundled');
  assert.deepEqual(accepted!.groups.map((group) => [group.label, group.description]), [['Orals', '4 references'], ['Posters', '21 references']]);
  assert.deepEqual(accepted!.groups[0]!.entries.map((entry) => entry.reference.key), ['rajendran2024causal', 'nakanishi2024using', 'chen2024causally', 'vashishtha2024causal']);
});

test('a big file is capped, and the group says how many are hidden', async () => {
  const text = Array.from({ length: 25 }, (_, index) => `@misc{k${index}, title={T${index}}}`).join('\n');
  const [group] = libraryTree(await libraryOf({ '/p/big.bib': text }), NO_ACCEPTED_PAPERS, 10);
  assert.equal(group!.entries.length, 10);
  assert.equal(group!.hidden, 15);
  assert.equal(group!.entries[9]!.reference.key, 'k9');
  assert.equal(group!.description, '25 references');
});
