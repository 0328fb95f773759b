import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RequestRefused, type Location } from '../../src/core/service/types';
import { memoryService, nodeService, offsetsOf, positionAt, positionOf } from './serviceFixtures';
import { needsShared, readShared, sharedPath } from './shared';

const bib = '@article{alpha,\n  title={alpha and beta}}\n@misc{beta, title={B}}\n';
const tex = String.raw`\citep{alpha, beta} and \citet{alpha} % \cite{alpha}` + '\n\\bibliography{refs}\n';
const md = '---\nbibliography: refs.bib\n---\nAs [@alpha; -@beta] and @alpha say; mail alpha@alpha.org.\n';
const texts: Record<string, string> = { '/p/refs.bib': bib, '/p/a.tex': tex, '/p/b.md': md };

function project() {
  return memoryService({ files: { ...texts }, settings: { '*': { library: { includeBundled: false } } } });
}

/** Each location as [path, start offset, end offset] in its file's text. */
function spans(locations: readonly Location[], textOf: (path: string) => string = (path) => texts[path]!) {
  return locations.map((location) => {
    const { start, end } = offsetsOf(textOf(location.path), location.range);
    return [location.path, start, end];
  });
}

test('the key under the cursor: a citation in a document, an entry key in a library file', async () => {
  const { service } = project();
  const cited = await service.prepareRename('/p/a.tex', positionAt(tex, 15));
  assert.deepEqual([cited.placeholder, offsetsOf(tex, cited.range)], ['beta', { start: 14, end: 18 }]);
  const entry = await service.prepareRename('/p/refs.bib', positionAt(bib, 10));
  assert.deepEqual([entry.placeholder, offsetsOf(bib, entry.range)], ['alpha', { start: 9, end: 14 }]);
  await assert.rejects(service.prepareRename('/p/refs.bib', positionAt(bib, 30)), RequestRefused, 'a title word is not a key');
  await assert.rejects(service.prepareRename('/p/a.tex', positionAt(tex, 2)), RequestRefused, 'the command name is not a key');
  assert.deepEqual(await service.references('/p/a.tex', positionAt(tex, 2), true), []);
});

test('occurrences: definitions first, then citations in document order, never comments or e-mails', async () => {
  const { service } = project();
  const mdStart = md.indexOf('As [@');
  const expected = [
    ['/p/refs.bib', 9, 14],
    ['/p/a.tex', 7, 12],
    ['/p/a.tex', 31, 36],
    ['/p/b.md', mdStart + 5, mdStart + 10],
    ['/p/b.md', mdStart + 25, mdStart + 30],
  ];
  // From a citation, from the entry key and from another document: the same places.
  assert.deepEqual(spans(await service.references('/p/a.tex', positionAt(tex, 8), true)), expected);
  assert.deepEqual(spans(await service.references('/p/refs.bib', positionAt(bib, 10), true)), expected);
  assert.deepEqual(spans(await service.references('/p/b.md', positionOf(md, '@alpha', 1), true)), expected);
  assert.deepEqual(spans(await service.references('/p/a.tex', positionAt(tex, 8), false)), expected.slice(1), 'without the declaration');
  assert.deepEqual(spans(await service.references('/p/b.md', positionOf(md, 'beta'), true)), [['/p/refs.bib', 48, 52], ['/p/a.tex', 14, 18], ['/p/b.md', mdStart + 14, mdStart + 18]]);
});

test('a real Quarto paper cites rubin2009should twice; its .bib defines it twice (lines 74 and 118), both are found', needsShared, async () => {
  const dir = ['corpus', 'papers', 'LucyMcGowan__writing-quartet'];
  const qmd = readShared(...dir, 'manuscript.qmd');
  const bibText = readShared(...dir, 'citations.bib');
  const qmdPath = sharedPath(...dir, 'manuscript.qmd');
  const bibPath = sharedPath(...dir, 'citations.bib');
  const { service } = nodeService(sharedPath(...dir));
  const occurrences = await service.references(qmdPath, positionOf(qmd, '@rubin2009should', 1), true);
  const textOf = (path: string) => (path === bibPath ? bibText : qmd);
  assert.deepEqual(occurrences.map((occurrence) => occurrence.path), [bibPath, bibPath, qmdPath, qmdPath]);
  const found = spans(occurrences, textOf);
  for (const [path, start, end] of found) assert.equal(textOf(path as string).slice(start as number, end as number), 'rubin2009should');
  assert.deepEqual(occurrences.slice(0, 2).map((occurrence) => occurrence.range.start.line), [74, 118]);
  assert.equal(found[2]![1], qmd.indexOf('@rubin2009should') + 1);
});
