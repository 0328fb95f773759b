import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { newKeyProblem } from '../../src/core/features/rename';
import { RequestRefused, type FileEdit } from '../../src/core/service/types';
import { memoryService, offsetsOf, positionOf } from './serviceFixtures';

const bib = '@article{alpha,\n  title={alpha}}\n@misc{beta, title={B}}\n';
const tex = String.raw`\citep{beta,alpha}` + '\n\\bibliography{refs}\n';
const md = '---\nbibliography: refs.bib\n---\n[@alpha, p. 3]\n';
const texts: Record<string, string> = { '/p/refs.bib': bib, '/p/a.tex': tex, '/p/b.md': md };
const MD_BODY = md.indexOf('[@');

function project(includeBundled = false) {
  return memoryService({ files: { ...texts }, settings: { '*': { library: { includeBundled } } } });
}

function spans(edits: readonly FileEdit[]) {
  return edits.map((edit) => ({ path: edit.path, ...offsetsOf(texts[edit.path]!, edit.range), newText: edit.newText }));
}

test('one edit per entry key and per citation, exactly over the old key', async () => {
  const { service } = project();
  const expected = [
    { path: '/p/refs.bib', start: 9, end: 14, newText: 'pearl2009' },
    { path: '/p/a.tex', start: 12, end: 17, newText: 'pearl2009' },
    { path: '/p/b.md', start: MD_BODY + 2, end: MD_BODY + 7, newText: 'pearl2009' },
  ];
  assert.deepEqual(spans(await service.rename('/p/a.tex', positionOf(tex, 'alpha'), 'pearl2009')), expected);
  assert.deepEqual(spans(await service.rename('/p/refs.bib', positionOf(bib, 'alpha', 2), 'pearl2009')), expected, 'from the entry key');
  assert.deepEqual(await service.rename('/p/a.tex', positionOf(tex, 'alpha'), 'alpha'), []);
});

test('refused: an existing key, an invalid key, an entry of the read-only bundled library', async () => {
  const { service } = project();
  const at = positionOf(tex, 'alpha');
  await assert.rejects(service.rename('/p/a.tex', at, 'beta'), (error: unknown) => error instanceof RequestRefused && /"beta" already exists/.test(error.message));
  for (const bad of ['two words', 'a,b', 'a{b', 'a}b', 'a%b', 'a#b', 'a"b', 'a@b', '']) {
    await assert.rejects(
      service.rename('/p/a.tex', at, bad),
      (error: unknown) => error instanceof RequestRefused && /not a valid citation key|cannot be empty/.test(error.message),
      bad,
    );
  }
  const calm = '\\citep{kiciman2023causal}';
  const bundled = memoryService({ open: { '/p/calm.tex': calm } }).service;
  await assert.rejects(
    bundled.rename('/p/calm.tex', positionOf(calm, 'kiciman'), 'kiciman2023'),
    (error: unknown) => error instanceof RequestRefused && /read-only: copy the entry into your own \.bib first/.test(error.message),
  );
});

test('prepareRename refuses a key of the read-only bundled library before any new key is typed', async () => {
  const calm = '\\citep{kiciman2023causal}';
  const { service } = memoryService({ open: { '/p/calm.tex': calm } });
  await assert.rejects(
    service.prepareRename('/p/calm.tex', positionOf(calm, 'kiciman')),
    (error: unknown) => error instanceof RequestRefused && /"kiciman2023causal" is defined in the CALM library.*read-only/.test(error.message),
  );
  const own = await project(true).service.prepareRename('/p/a.tex', positionOf(tex, 'alpha'));
  assert.equal(own.placeholder, 'alpha');
});

test('newKeyProblem accepts keys with internal punctuation', async () => {
  for (const good of ['pearl:2009', 'rdk+23', '10.1007/x-1', 'a_b']) assert.equal(newKeyProblem(good, () => false), undefined, good);
  const edits = await project().service.rename('/p/a.tex', positionOf(tex, 'alpha'), 'pearl:2009');
  assert.deepEqual(edits.map((edit) => edit.newText), ['pearl:2009', 'pearl:2009', 'pearl:2009']);
});
