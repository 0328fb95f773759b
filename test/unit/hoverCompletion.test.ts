import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { completeCitation } from '../../src/core/features/completion';
import { citationHover } from '../../src/core/features/hover';
import { referenceMarkdown } from '../../src/core/features/referenceMarkdown';
import { LibraryCatalog } from '../../src/core/library/catalog';
import { readLibraryText } from '../../src/core/library/formats';
import type { Library } from '../../src/core/library/library';
import { escapeMarkdown } from '../../src/core/text/markdown';

const OWN_BIB = `@book{pearl2009causality, title={Causality}, author={Pearl, Judea}, year={2009}, publisher={Cambridge University Press}}
@article{evil, title={<img src=x onerror=alert(1)> [click](https://evil.example) **bold**}, author={Mallory, M.}, journal={J}, year={2020},
  abstract={${'A long abstract sentence about causal structure. '.repeat(20)}}}
`;

async function calmAndOwnLibrary(): Promise<Library> {
  const catalog = new LibraryCatalog({ readFile: async (path) => (path === '/paper/refs.bib' ? OWN_BIB : undefined) });
  return (await catalog.resolve({ paths: ['/paper/refs.bib'], includeBundled: true })).library;
}

describe('completion', () => {
  test('inside \\citep{ the partial key is replaced whole and a title word ranks its paper first', async () => {
    const library = await calmAndOwnLibrary();
    const text = 'See \\citep{ladd} for more.';
    const offset = text.indexOf('ladd') + 2; // the cursor inside the partial key
    const completion = (await completeCitation(text, offset, 'latex', () => library))!;
    assert.equal(completion.query, 'la');
    assert.equal(completion.replaceStart, text.indexOf('ladd'));
    assert.equal(completion.replaceEnd, text.indexOf('ladd') + 4);
    const atEnd = (await completeCitation(text, text.indexOf('ladd') + 4, 'latex', () => library))!;
    assert.equal(atEnd.entries[0]!.reference.key, 'jin2023cladder');
  });

  test('an author name without accents finds Zečević; keys already in the group are left out', async () => {
    const library = await calmAndOwnLibrary();
    const text = '[@zecevic';
    assert.equal((await completeCitation(text, text.length, 'markdown', () => library))!.entries[0]!.reference.key, 'zecevic2023causal');
    const group = '[@zecevic2023causal; @zecevic';
    const keys = (await completeCitation(group, group.length, 'markdown', () => library))!.entries.map((entry) => entry.reference.key);
    assert.ok(!keys.includes('zecevic2023causal'));
  });

  test('with an empty query the keys the document cites come first', async () => {
    const library = await calmAndOwnLibrary();
    const text = 'As \\citet{pearl2009causality} showed \\citep{}';
    const completion = (await completeCitation(text, text.length - 1, 'latex', () => library))!;
    assert.equal(completion.entries[0]!.reference.key, 'pearl2009causality');
    assert.equal(completion.entries[0]!.detail, 'Pearl (2009)');
  });

  test('a CALM key the paper\'s .bib also defines (its copy) is offered once, as the paper\'s entry', async () => {
    const copy = `@inproceedings{chen2024causally, title={Causally Testing Gender Bias in {LLMs}}, author={Chen, Yuen}, year={2024}, openreview={T0gy6Lb72A}}\n`;
    const catalog = new LibraryCatalog({ readFile: async (path) => (path === '/paper/refs.bib' ? copy : undefined) });
    const library = (await catalog.resolve({ paths: ['/paper/refs.bib'], includeBundled: true })).library;
    const text = '\\citep{chen';
    const entries = (await completeCitation(text, text.length, 'latex', () => library, { limit: 3 }))!.entries;
    assert.deepEqual(entries.filter((entry) => entry.reference.key === 'chen2024causally').map((entry) => entry.reference.library), ['user']);
    assert.equal(entries.length, 3, 'the limit still holds');
    assert.equal(library.search('chen').filter((hit) => hit.reference.key === 'chen2024causally').length, 1);
  });

  test('outside a citation there is nothing to complete, and the libraries are not even read', async () => {
    const unread = () => assert.fail('the library was asked for outside a citation');
    assert.equal(await completeCitation('plain {text}', 7, 'latex', unread), undefined);
  });
});

describe('hover', () => {
  test('a bundled key shows the APA entry, its summary, links, CALM topics, the published version and where it is defined', async () => {
    const library = await calmAndOwnLibrary();
    const text = 'Known \\citep{jin2023cladder, kiciman2023causal}.';
    const hover = citationHover(text, text.indexOf('kiciman') + 3, 'latex', library)!;
    assert.equal(hover.key, 'kiciman2023causal');
    assert.equal(hover.start, text.indexOf('kiciman'));
    // What the reader sees once the Markdown escapes are rendered.
    const shown = hover.markdown.replace(/\\(.)/g, '$1').replace(/&amp;/g, '&');
    assert.match(shown, /Kıcıman, E\., Ness, R\., Sharma, A\., & Tan, C\. \(2023\)\. Causal Reasoning and Large Language Models/);
    assert.match(shown, /\*Summary:\* Behavioral study finding GPT-3\.5\/4-based methods/);
    assert.match(shown, /\[arXiv:2305\.00050\]\(<https:\/\/arxiv\.org\/abs\/2305\.00050>\)/);
    assert.match(shown, /CALM topics:\* Causality in large models, Causality with large models/);
    assert.match(shown, /Preprint; published version:\* Transactions on Machine Learning Research, 2024/);
    assert.match(shown, /Defined in \[calm2024-references\.bib:355\]\(<file:\/\/.*calm2024-references\.bib#L355>\)/);
  });

  test('an accepted CALM 2024 paper says oral or poster, links OpenReview and names a later version when one is recorded', async () => {
    const library = await calmAndOwnLibrary();
    const shown = (key: string) => {
      const text = `[@${key}]`;
      return citationHover(text, 4, 'markdown', library)!.markdown.replace(/\\(.)/g, '$1');
    };
    const oral = shown('chen2024causally');
    assert.match(oral, /\*\*CALM 2024 accepted paper, oral\*\*/);
    assert.match(oral, /\[OpenReview\]\(<https:\/\/openreview\.net\/forum\?id=T0gy6Lb72A>\)/);
    assert.match(oral, /\*Other versions:\* Findings of the Association for Computational Linguistics: NAACL 2025, pp\. 4984-5004/);
    assert.doesNotMatch(oral, /\[URL\]/, 'the OpenReview address is the entry\'s url: one link, not two');
    const poster = shown('carro2024ufos');
    assert.match(poster, /\*\*CALM 2024 accepted paper, poster\*\*/);
    assert.doesNotMatch(poster, /Other versions/, '"None found." is not a version');
    // A selected reference is not an accepted paper, even when it was presented at the workshop.
    assert.doesNotMatch(shown('kiciman2023causal'), /accepted paper/);
  });

  test('the paper\'s copy of a CALM entry is shown as its own, with the accepted-paper facts and no duplicate warning', async () => {
    const bib = [
      '@inproceedings{chen2024causally, title={Causally Testing Gender Bias in {LLMs}}, author={Chen, Yuen}, year={2024}, openreview={T0gy6Lb72A}}',
      '@misc{carro2024ufos, title={Another paper under the same key}, author={Other, Ann}, year={2021}}',
    ].join('\n');
    const catalog = new LibraryCatalog({ readFile: async (path) => (path === '/paper/refs.bib' ? bib : undefined) });
    const library = (await catalog.resolve({ paths: ['/paper/refs.bib'], includeBundled: true })).library;
    const copy = citationHover('[@chen2024causally]', 4, 'markdown', library)!.markdown.replace(/\\(.)/g, '$1');
    assert.match(copy, /Defined in \[refs\.bib:1\]/);
    assert.match(copy, /\*\*CALM 2024 accepted paper, oral\*\*/);
    assert.doesNotMatch(copy, /Also defined/);
    // Same key, another paper (no matching OpenReview id): the user's entry, and no claim that it is the workshop's.
    const other = citationHover('[@carro2024ufos]', 4, 'markdown', library)!.markdown.replace(/\\(.)/g, '$1');
    assert.match(other, /Another paper under the same key/);
    assert.doesNotMatch(other, /accepted paper/);
  });

  test('an unknown key says so and suggests the nearest keys', async () => {
    const library = await calmAndOwnLibrary();
    const text = '\\cite{Kiciman2023causal}';
    const hover = citationHover(text, 8, 'latex', library)!;
    assert.equal(hover.known, false);
    assert.match(hover.markdown, /not defined in any library this document uses\. Did you mean `kiciman2023causal`/);
  });

  test('library text cannot inject HTML, links or formatting; a long abstract is shortened with a link to the whole', async () => {
    const library = await calmAndOwnLibrary();
    const markdown = referenceMarkdown(library.lookup('evil')!, { fullAbstractLink: 'command:calmCite.showReference?x' });
    assert.ok(!markdown.includes('<img'), markdown);
    assert.ok(!markdown.includes('[click](https://evil.example)'));
    assert.match(markdown, /&lt;img src=x onerror=alert\\\(1\\\)&gt;/);
    assert.match(markdown, /… \[whole abstract\]\(<command:calmCite\.showReference\?x>\)/);
    assert.ok(!referenceMarkdown(library.lookup('evil')!, { fullAbstract: true }).includes('whole abstract'));
  });

  test('escapeMarkdown neutralises every Markdown and HTML special character', () => {
    assert.equal(escapeMarkdown('*a* _b_ [c](d) <e> & `f` #g'), '\\*a\\* \\_b\\_ \\[c\\]\\(d\\) &lt;e&gt; &amp; \\`f\\` \\#g');
  });
});

describe('readLibraryText', () => {
  test('a .bib file is read as BibTeX, every entry in order', () => {
    const result = readLibraryText('/x/refs.bib', OWN_BIB);
    assert.equal(result.format, 'bibtex');
    assert.deepEqual(result.references.map((reference) => reference.key), ['pearl2009causality', 'evil']);
  });
});
