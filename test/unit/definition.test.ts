import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Location } from '../../src/core/service/types';
import { BUNDLED_LIBRARY, memoryService, nodeService, positionAt, positionOf } from './serviceFixtures';
import { needsShared, readShared, sharedPath } from './shared';

/** Where each location starts, as the editor jumps there. */
function starts(locations: readonly Location[]) {
  return locations.map((location) => ({ path: location.path, line: location.range.start.line, column: location.range.start.column }));
}

test('a cited key leads to every entry defining it, in library order', async () => {
  const text = String.raw`See \citep{alpha, beta}.`;
  const { service } = memoryService({
    files: { '/p/a.bib': '% refs\n\n  @article{alpha, title={A}}\n', '/p/b.yaml': '- id: beta\n  title: B\n- id: alpha\n  title: A again\n' },
    open: { '/p/paper.tex': text },
    settings: { '*': { library: { paths: ['a.bib', 'b.yaml'], includeBundled: false } } },
  });
  const definition = await service.definition('/p/paper.tex', positionOf(text, 'alpha', 2));
  assert.deepEqual(starts(definition), [
    { path: '/p/a.bib', line: 3, column: 3 },
    { path: '/p/b.yaml', line: 3, column: 3 },
  ]);
  // Either edge of the key counts; the comma after it does not.
  assert.equal((await service.definition('/p/paper.tex', positionAt(text, 11))).length, 2);
  assert.equal((await service.definition('/p/paper.tex', positionAt(text, 16))).length, 2);
  assert.deepEqual(await service.definition('/p/paper.tex', positionAt(text, 17)), []);
  assert.deepEqual(starts(await service.definition('/p/paper.tex', positionOf(text, 'beta'))), [{ path: '/p/b.yaml', line: 1, column: 3 }]);
});

test('bundled entries lead into the bundled library; unknown keys have no targets; off a key there is no answer', async () => {
  const text = 'As [@kiciman2023causal; @nosuchkey] show.';
  const { service } = memoryService({ open: { '/p/paper.md': text } });
  const bundled = await service.definition('/p/paper.md', positionAt(text, 6));
  assert.equal(bundled.length, 1);
  assert.equal(bundled[0]!.path, BUNDLED_LIBRARY);
  assert.deepEqual(await service.definition('/p/paper.md', positionOf(text, 'nosuchkey')), []);
  assert.deepEqual(await service.definition('/p/paper.md', positionAt(text, 1)), []);
});

test('a real paper: \\citep{devlin_bert_2019} is defined at line 326 of bib.bib', needsShared, async () => {
  const folder = sharedPath('corpus', 'papers', 'charlesdedampierre__NeurIPS2024');
  const tex = readShared('corpus', 'papers', 'charlesdedampierre__NeurIPS2024', 'latex', 'main.tex');
  const { service } = nodeService(folder);
  const definition = await service.definition(sharedPath('corpus', 'papers', 'charlesdedampierre__NeurIPS2024', 'latex', 'main.tex'), positionOf(tex, 'devlin_bert_2019'));
  assert.deepEqual(starts(definition), [{ path: sharedPath('corpus', 'papers', 'charlesdedampierre__NeurIPS2024', 'latex', 'bib.bib'), line: 326, column: 1 }]);
});
