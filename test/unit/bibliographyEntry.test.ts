import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { bibliographyTarget, entryAddition, needsBibliographyEntry, type EntryEdit, type WritableFormat } from '../../src/core/features/bibliographyEntry';
import { readLibraryText } from '../../src/core/library/formats';
import type { Reference } from '../../src/core/library/reference';
import { BUNDLED, libraryOf } from './serviceFixtures';

/** The shipped libraries' references, read as the service reads them. */
const bundledReferences = (): Reference[] => BUNDLED.files.flatMap((file) => readLibraryText(file, fs.readFileSync(file, 'utf8'), { library: 'bundled' }).references);
const bundled = (key: string): Reference => bundledReferences().find((reference) => reference.key === key)!;
const sourceOf = (reference: Reference): string => fs.readFileSync(reference.source.path, 'utf8');

function applied(text: string, edit: EntryEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** Adds the bundled entry to a file of the given format and reads the result back with the project's own reader. */
function addTo(format: WritableFormat, filePath: string, text: string | undefined, key: string) {
  const reference = bundled(key);
  const addition = entryAddition({ path: filePath, format, text }, reference, sourceOf(reference));
  assert.ok(addition.ok, addition.ok ? '' : addition.message);
  const result = applied(text ?? '', addition.edit);
  const read = readLibraryText(filePath, result);
  assert.deepEqual(read.errors, [], result);
  return { text: result, read, edit: addition.edit };
}

describe('needsBibliographyEntry', () => {
  test('a key only the bundled library defines needs an entry; one the document\'s own .bib defines, or nobody defines, does not', async () => {
    const library = await libraryOf({ '/p/refs.bib': '@book{pearl2009causality, title={Causality}, author={Pearl, Judea}, year={2009}}\n@misc{jin2023cladder, title={Mine}}\n' }, { bundled: true });
    assert.equal(needsBibliographyEntry(library, 'kiciman2023causal'), true);
    assert.equal(needsBibliographyEntry(library, 'chen2024causally'), true, 'an accepted paper too');
    assert.equal(needsBibliographyEntry(library, 'pearl2009causality'), false);
    assert.equal(needsBibliographyEntry(library, 'jin2023cladder'), false, 'the user\'s own entry under a bundled key wins');
    assert.equal(needsBibliographyEntry(library, 'nosuchkey'), false);
  });
});

describe('bibliographyTarget', () => {
  test('LaTeX: the first .bib the paper names; Markdown: the first .bib, .json or .yaml, never RIS', () => {
    assert.deepEqual(bibliographyTarget(['/p/a.bib', '/p/b.bib'], 'latex', 'k'), { ok: true, path: '/p/a.bib', format: 'bibtex' });
    assert.deepEqual(bibliographyTarget(['/p/refs.ris', '/p/refs.yaml', '/p/a.bib'], 'markdown', 'k'), { ok: true, path: '/p/refs.yaml', format: 'csl-yaml' });
    assert.deepEqual(bibliographyTarget(['/p/refs.json'], 'markdown', 'k'), { ok: true, path: '/p/refs.json', format: 'csl-json' });
    assert.deepEqual(bibliographyTarget(['/p/refs.json', '/p/a.bib'], 'latex', 'k'), { ok: true, path: '/p/a.bib', format: 'bibtex' });
  });

  test('no bibliography named: nothing to write to, and the message says what to add', () => {
    const latex = bibliographyTarget([], 'latex', 'kiciman2023causal');
    assert.ok(!latex.ok);
    assert.match(latex.message, /'kiciman2023causal' is cited.*\\bibliography\{references\}.*\\addbibresource\{references\.bib\}/);
    const markdown = bibliographyTarget(['/p/refs.ris'], 'markdown', 'kiciman2023causal');
    assert.ok(!markdown.ok);
    assert.match(markdown.message, /RIS files \(refs\.ris\).*`bibliography: references\.bib`/);
  });
});

describe('entryAddition', () => {
  test('BibTeX: the bundled entry is appended as written, after a blank line, with its summary note as annote', () => {
    const before = '@book{pearl2009causality,\n  title = {Causality},\n  author = {Pearl, Judea},\n  year = {2009}\n}\n';
    const { text, read, edit } = addTo('bibtex', '/p/refs.bib', before, 'kiciman2023causal');
    assert.equal(edit.start, before.length);
    assert.ok(text.startsWith(`${before}\n@misc{kiciman2023causal,\n  title            = {Causal Reasoning and Large Language Models`), text);
    assert.deepEqual(read.references.map((reference) => reference.key), ['pearl2009causality', 'kiciman2023causal']);
    const added = read.references[1]!;
    const original = bundled('kiciman2023causal');
    assert.equal(added.fields.note, undefined, 'styles such as plainnat print note');
    assert.equal(added.fields.annote, original.fields.note);
    assert.match(text, /\n {2}annote {11}= \{/);
    const { annote: _annote, ...addedRest } = added.fields;
    const { note: _note, ...originalRest } = original.fields;
    assert.deepEqual(addedRest, originalRest, 'every other field as in the CALM library');
    assert.equal(added.publishedVersion, original.publishedVersion, 'the published version stays, so the preprint check still sees it');
  });

  test('BibTeX: an empty or missing file gets just the entry; a file without a final newline gets one', () => {
    assert.match(addTo('bibtex', '/p/new.bib', undefined, 'chen2024causally').text, /^@inproceedings\{chen2024causally,\n[^]*\}\n$/);
    assert.match(addTo('bibtex', '/p/empty.bib', '\n', 'chen2024causally').text, /^\n@inproceedings\{chen2024causally,/);
    assert.ok(addTo('bibtex', '/p/a.bib', '@misc{a, title={A}}', 'chen2024causally').text.startsWith('@misc{a, title={A}}\n\n@inproceedings{chen2024causally,'));
  });

  test('BibTeX from a CSL source: written from the decoded fields, with LaTeX specials escaped', () => {
    const csl = readLibraryText('/z/zotero.json', JSON.stringify([
      { id: 'smith2024r&d', type: 'article-journal', title: 'Causal R&D at 100% {scale}', author: [{ family: 'Smith', given: 'Ann' }, { literal: 'The CALM Team' }], issued: { 'date-parts': [[2024]] }, 'container-title': 'Journal of Causal_Inference', page: '1-20', DOI: '10.1/x_y' },
    ])).references[0]!;
    const addition = entryAddition({ path: '/p/refs.bib', format: 'bibtex', text: '' }, csl, undefined);
    assert.ok(addition.ok);
    assert.equal(
      addition.edit.text,
      [
        '@article{smith2024r&d,',
        '  title   = {{Causal R\\&D at 100\\% scale}},',
        '  author  = {Smith, Ann and {The CALM Team}},',
        '  year    = {2024},',
        '  journal = {Journal of Causal\\_Inference},',
        '  pages   = {1--20},',
        '  doi     = {10.1/x_y}',
        '}',
        '',
      ].join('\n'),
    );
    const read = readLibraryText('/p/refs.bib', addition.edit.text);
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.references[0]!.authors, [{ family: 'Smith', given: 'Ann' }, { family: 'The CALM Team', literal: 'The CALM Team' }]);
  });

  test('CSL-JSON: the item joins the array, indented like the items there; an empty array or file gets a first item', () => {
    const before = '[\n    {\n        "id": "pearl2009causality",\n        "type": "book",\n        "title": "Causality"\n    }\n]\n';
    const { text, read } = addTo('csl-json', '/p/refs.json', before, 'kiciman2023causal');
    assert.deepEqual(read.references.map((reference) => reference.key), ['pearl2009causality', 'kiciman2023causal']);
    assert.ok(text.includes('    },\n    {\n        "id": "kiciman2023causal",'), text);
    const added = read.references[1]!;
    assert.equal(added.title, 'Causal Reasoning and Large Language Models: Opening a New Frontier for Causality');
    assert.equal(added.authors[0]!.family, 'Kıcıman');
    assert.equal(added.year, '2023');
    assert.equal(added.doi, '10.48550/arXiv.2305.00050');
    assert.equal(added.note, undefined, 'no library summary in the user\'s items');

    for (const empty of ['[]', '[\n]\n', '', '  \n']) {
      const result = addTo('csl-json', '/p/refs.json', empty, 'chen2024causally');
      assert.deepEqual(result.read.references.map((reference) => reference.key), ['chen2024causally'], JSON.stringify(empty));
    }
    const minified = addTo('csl-json', '/p/refs.json', '[{"id":"a","type":"book"}]', 'chen2024causally');
    assert.equal(minified.text.split('\n').length, 1);
    assert.deepEqual(minified.read.references.map((reference) => reference.key), ['a', 'chen2024causally']);
  });

  test('CSL-JSON that is not a list is refused with a message', () => {
    const addition = entryAddition({ path: '/p/one.json', format: 'csl-json', text: '{"id": "a", "type": "book"}\n' }, bundled('chen2024causally'));
    assert.ok(!addition.ok);
    assert.match(addition.message, /one\.json is not a list of CSL-JSON items/);
  });

  test('CSL-YAML: the item joins a references: list or a top-level list, indented like the items there', () => {
    const pandoc = '---\nreferences:\n  - id: pearl2009causality\n    type: book\n    title: Causality\n  # my own items above\n...\n';
    const { text, read } = addTo('csl-yaml', '/p/refs.yaml', pandoc, 'kiciman2023causal');
    assert.deepEqual(read.references.map((reference) => reference.key), ['pearl2009causality', 'kiciman2023causal']);
    assert.ok(text.includes('    title: Causality\n  - id: kiciman2023causal\n    type: article\n'), text);
    assert.ok(text.endsWith('...\n'));
    assert.equal(read.references[1]!.authors[0]!.family, 'Kıcıman');

    const topLevel = addTo('csl-yaml', '/p/refs.yml', '- id: a\n  type: book', 'chen2024causally');
    assert.deepEqual(topLevel.read.references.map((reference) => reference.key), ['a', 'chen2024causally']);
    assert.ok(topLevel.text.startsWith('- id: a\n  type: book\n- id: chen2024causally\n'), topLevel.text);

    const fresh = addTo('csl-yaml', '/p/new.yaml', undefined, 'chen2024causally');
    assert.deepEqual(fresh.read.references.map((reference) => reference.key), ['chen2024causally']);
  });

  test('CSL-YAML without a block list of items is refused with a message', () => {
    for (const text of ['title: Not a bibliography\n', 'references: []\n']) {
      const addition = entryAddition({ path: '/p/refs.yaml', format: 'csl-yaml', text }, bundled('chen2024causally'));
      assert.ok(!addition.ok, text);
      assert.match(addition.message, /refs\.yaml has no block list of CSL items/);
    }
  });

  test('every bundled entry can be added to each format and reads back under its key', () => {
    assert.equal(BUNDLED.files.length, 2);
    for (const reference of bundledReferences()) {
      for (const [format, file] of [['bibtex', '/p/r.bib'], ['csl-json', '/p/r.json'], ['csl-yaml', '/p/r.yaml']] as const) {
        const { read } = addTo(format, file, undefined, reference.key);
        assert.deepEqual(read.references.map((each) => each.key), [reference.key], `${reference.key} as ${format}`);
        assert.equal(read.references[0]!.title, reference.title, `${reference.key} as ${format}`);
      }
    }
  });
});
