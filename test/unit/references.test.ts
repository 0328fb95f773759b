import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { keyOccurrences, keyTargetAt } from '../../src/core/features/references';
import { needsShared, readShared, sharedPath } from './shared';

const bib = '@article{alpha,\n  title={alpha and beta}}\n@misc{beta, title={B}}\n';
const tex = String.raw`\citep{alpha, beta} and \citet{alpha} % \cite{alpha}`;
const md = 'As [@alpha; -@beta] and @alpha say; mail alpha@alpha.org.\n';

test('the key under the cursor: a citation in a document, an entry key in a library file', () => {
  assert.deepEqual(keyTargetAt({ path: '/p/a.tex', text: tex, language: 'latex' }, 15), { key: 'beta', start: 14, end: 18, kind: 'citation' });
  assert.deepEqual(keyTargetAt({ path: '/p/refs.bib', text: bib }, 10), { key: 'alpha', start: 9, end: 14, kind: 'definition' });
  assert.equal(keyTargetAt({ path: '/p/refs.bib', text: bib }, 30), undefined, 'a title word is not a key');
  assert.equal(keyTargetAt({ path: '/p/a.tex', text: tex, language: 'latex' }, 2), undefined, 'the command name is not a key');
});

test('occurrences: definitions first, then citations in document order, never comments or e-mails', () => {
  const occurrences = keyOccurrences('alpha', {
    libraryFiles: [{ path: '/p/refs.bib', text: bib }],
    documents: [
      { path: '/p/a.tex', text: tex, language: 'latex' },
      { path: '/p/b.md', text: md, language: 'markdown' },
    ],
  });
  assert.deepEqual(occurrences, [
    { path: '/p/refs.bib', start: 9, end: 14, kind: 'definition' },
    { path: '/p/a.tex', start: 7, end: 12, kind: 'citation' },
    { path: '/p/a.tex', start: 31, end: 36, kind: 'citation' },
    { path: '/p/b.md', start: 5, end: 10, kind: 'citation' },
    { path: '/p/b.md', start: 25, end: 30, kind: 'citation' },
  ]);
  assert.deepEqual(
    keyOccurrences('beta', { libraryFiles: [{ path: '/p/refs.bib', text: bib }], documents: [{ path: '/p/b.md', text: md, language: 'markdown' }] }).map((o) => [o.path, o.start]),
    [['/p/refs.bib', 48], ['/p/b.md', 14]],
  );
});

test('a real Quarto paper cites rubin2009should twice; its .bib defines it twice (lines 74 and 118), both are found', needsShared, () => {
  const dir = ['corpus', 'papers', 'LucyMcGowan__writing-quartet'];
  const qmd = readShared(...dir, 'manuscript.qmd');
  const bibText = readShared(...dir, 'citations.bib');
  const occurrences = keyOccurrences('rubin2009should', {
    libraryFiles: [{ path: sharedPath(...dir, 'citations.bib'), text: bibText }],
    documents: [{ path: sharedPath(...dir, 'manuscript.qmd'), text: qmd, language: 'markdown' }],
  });
  assert.deepEqual(occurrences.map((occurrence) => occurrence.kind), ['definition', 'definition', 'citation', 'citation']);
  for (const occurrence of occurrences) {
    const text = occurrence.kind === 'definition' ? bibText : qmd;
    assert.equal(text.slice(occurrence.start, occurrence.end), 'rubin2009should');
  }
  assert.deepEqual(occurrences.slice(0, 2).map((occurrence) => bibText.slice(0, occurrence.start).split('\n').length), [74, 118]);
  assert.equal(occurrences[2]!.start, qmd.indexOf('@rubin2009should') + 1);
});
