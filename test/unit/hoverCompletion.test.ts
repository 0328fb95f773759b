import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
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

  test('an unknown key says so and suggests the nearest keys', async () => {
    const library = await calmAndOwnLibrary();
    const text = '\\cite{Kiciman2023causal}';
    const hover = citationHover(text, 8, 'latex', library)!;
    assert.equal(hover.known, false);
    assert.match(hover.markdown, /not defined in any library this document uses\. Did you mean `kiciman2023causal`\?/);
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

describe('keys and ids from a library never become links or images in a hover', () => {
  const HOSTILE_IDS = ['a`b`c', '<https://evil.example/a>', '![x](https://evil.example/i.png)', 'https://evil.example/c', '[y](command:evil)'];
  const render = new MarkdownIt({ linkify: true }); // VS Code's hover renderer turns bare URLs into links too

  async function hostileLibrary(): Promise<Library> {
    const json = JSON.stringify(HOSTILE_IDS.map((id) => ({ id, type: 'book', title: 'T' })));
    const catalog = new LibraryCatalog({ readFile: async (path) => (path === '/paper/refs.json' ? json : undefined) });
    return (await catalog.resolve({ paths: ['/paper/refs.json'], includeBundled: false })).library;
  }

  test('a near miss lists them literally in code spans, and a defined one is shown literally as the heading', async () => {
    const library = await hostileLibrary();
    for (const id of HOSTILE_IDS) {
      const nearMiss = `${id}z`;
      for (const key of [nearMiss, id]) {
        const text = `[@{${key}}]`;
        const hover = citationHover(text, 4, 'markdown', library)!;
        assert.equal(hover.key, key);
        const html = render.render(hover.markdown);
        // The only link a known key's hover has is its "Defined in" link to the library file.
        const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);
        assert.deepEqual(links.filter((link) => !link!.startsWith('file://')), [], html);
        assert.ok(!html.includes('<img'), html);
        if (key === nearMiss) assert.ok(html.includes(`<code>${render.utils.escapeHtml(id)}</code>`), html);
      }
    }
  });
});
