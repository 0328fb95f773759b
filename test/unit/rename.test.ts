import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { keyRenameRefusal, newKeyProblem, renameKeyEdits, type KeyRename } from '../../src/core/features/rename';

const bib = '@article{alpha,\n  title={alpha}}\n@misc{beta, title={B}}\n';
const base: KeyRename = {
  oldKey: 'alpha',
  newKey: 'pearl2009',
  libraryFiles: [{ path: '/p/refs.bib', text: bib }],
  documents: [
    { path: '/p/a.tex', text: String.raw`\citep{beta,alpha}`, language: 'latex' },
    { path: '/p/b.md', text: '[@alpha, p. 3]', language: 'markdown' },
  ],
  keyExists: (key) => key === 'alpha' || key === 'beta',
};

test('one edit per entry key and per citation, exactly over the old key', () => {
  assert.deepEqual(renameKeyEdits(base), [
    { path: '/p/refs.bib', start: 9, end: 14, newText: 'pearl2009' },
    { path: '/p/a.tex', start: 12, end: 17, newText: 'pearl2009' },
    { path: '/p/b.md', start: 2, end: 7, newText: 'pearl2009' },
  ]);
  assert.deepEqual(renameKeyEdits({ ...base, newKey: 'alpha' }), []);
});

test('refused: an existing key, an invalid key, an entry of the read-only bundled library', () => {
  assert.throws(() => renameKeyEdits({ ...base, newKey: 'beta' }), /"beta" already exists/);
  for (const bad of ['two words', 'a,b', 'a{b', 'a}b', 'a%b', 'a#b', 'a"b', 'a@b', '']) {
    assert.throws(() => renameKeyEdits({ ...base, newKey: bad }), /not a valid citation key|cannot be empty/, bad);
  }
  assert.throws(
    () => renameKeyEdits({ ...base, libraryFiles: [{ path: '/ext/calm.bib', text: bib, readOnly: true }] }),
    /read-only: copy the entry into your own \.bib first/,
  );
});

test('keyRenameRefusal refuses a key of a read-only library before any new key is typed', () => {
  assert.match(keyRenameRefusal('alpha', [{ path: '/ext/calm.bib', text: bib, readOnly: true }]) ?? '', /"alpha" is defined in the CALM library.*read-only/);
  assert.equal(keyRenameRefusal('alpha', base.libraryFiles), undefined);
});

test('newKeyProblem accepts keys with internal punctuation', () => {
  for (const good of ['pearl:2009', 'rdk+23', '10.1007/x-1', 'a_b']) assert.equal(newKeyProblem(good, () => false), undefined, good);
});
