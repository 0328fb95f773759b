import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { citationDefinition } from '../../src/core/features/definition';
import { bundledLibraryPaths } from '../../src/core/library/bundled';
import { readLibraryText } from '../../src/core/library/formats';
import { Library } from '../../src/core/library/library';
import { libraryOf } from './libraryFixtures';
import { needsShared, readShared, sharedPath } from './shared';

test('a cited key leads to every entry defining it, in library order', () => {
  const library = libraryOf({
    '/p/a.bib': '% refs\n\n  @article{alpha, title={A}}\n',
    '/p/b.yaml': '- id: beta\n  title: B\n- id: alpha\n  title: A again\n',
  });
  const text = String.raw`See \citep{alpha, beta}.`;
  const definition = citationDefinition(text, text.indexOf('alpha') + 2, 'latex', library);
  assert.deepEqual(definition, {
    key: 'alpha',
    start: 11,
    end: 16,
    targets: [
      { path: '/p/a.bib', line: 3, column: 3, bundled: false },
      { path: '/p/b.yaml', line: 3, column: 3, bundled: false },
    ],
  });
});

test('bundled entries are marked; unknown keys have no targets; off a key there is no answer', () => {
  const library = libraryOf({}, { bundled: true });
  const text = 'As [@kiciman2023causal; @nosuchkey] show.';
  const bundled = citationDefinition(text, 6, 'markdown', library)!;
  assert.equal(bundled.targets.length, 1);
  assert.equal(bundled.targets[0]!.path, bundledLibraryPaths()[0]);
  assert.equal(bundled.targets[0]!.bundled, true);
  assert.deepEqual(citationDefinition(text, text.indexOf('nosuchkey'), 'markdown', library)?.targets, []);
  assert.equal(citationDefinition(text, 1, 'markdown', library), undefined);
});

test('a real paper: \\citep{devlin_bert_2019} is defined at line 326 of bib.bib', needsShared, () => {
  const dir = ['corpus', 'papers', 'charlesdedampierre__NeurIPS2024', 'latex'];
  const bibPath = sharedPath(...dir, 'bib.bib');
  const library = new Library();
  library.setFile(bibPath, readLibraryText(bibPath, readShared(...dir, 'bib.bib')));
  const tex = readShared(...dir, 'main.tex');
  const definition = citationDefinition(tex, tex.indexOf('devlin_bert_2019'), 'latex', library);
  assert.deepEqual(definition?.targets, [{ path: bibPath, line: 326, column: 1, bundled: false }]);
});
