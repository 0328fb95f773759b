import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readLibraryText } from '../../src/core/library/formats';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { BUNDLED, memoryService, positionAt, positionOf } from './serviceFixtures';

const OWN_BIB = `@book{pearl2009causality, title={Causality}, author={Pearl, Judea}, year={2009}, publisher={Cambridge University Press}}
@article{evil, title={<img src=x onerror=alert(1)> [click](https://evil.example) **bold**}, author={Mallory, M.}, journal={J}, year={2020},
  abstract={${'A long abstract sentence about causal structure. '.repeat(20)}}}
`;

/** A paper open in the editor with `text`, seeing its own refs.bib (by the folder's settings) and the bundled CALM library. */
function paper(text: string, file = '/paper/paper.tex', bib = OWN_BIB) {
  const { workspace, service } = memoryService({
    folders: ['/paper'],
    files: { '/paper/refs.bib': bib },
    open: { [file]: text },
    settings: { '*': { library: { paths: ['refs.bib'] } } },
  });
  return { workspace, service, file };
}

describe('completion', () => {
  test('inside \\citep{ the partial key is replaced whole and a title word ranks its paper first', async () => {
    const text = 'See \\citep{ladd} for more.';
    const { service, file } = paper(text);
    // The cursor inside the partial key.
    const completion = (await service.completion(file, positionOf(text, 'ladd', 2)))!;
    assert.equal(completion.query, 'la');
    assert.deepEqual(completion.range, { start: positionOf(text, 'ladd'), end: positionOf(text, 'ladd', 4) });
    const atEnd = (await service.completion(file, positionOf(text, 'ladd', 4)))!;
    assert.equal(atEnd.items[0]!.key, 'jin2023cladder');
  });

  test('an author name without accents finds Zečević; keys already in the group are left out', async () => {
    const text = '[@zecevic';
    const single = paper(text, '/paper/paper.md');
    assert.equal((await single.service.completion(single.file, positionAt(text, text.length)))!.items[0]!.key, 'zecevic2023causal');
    const group = '[@zecevic2023causal; @zecevic';
    const grouped = paper(group, '/paper/paper.md');
    const keys = (await grouped.service.completion(grouped.file, positionAt(group, group.length)))!.items.map((item) => item.key);
    assert.ok(keys.includes('zecevic2023causal') === false);
    assert.ok(keys.length > 0, 'the other keys are still offered');
  });

  test('with an empty query the keys the document cites come first', async () => {
    const text = 'As \\citet{pearl2009causality} showed \\citep{}';
    const { service, file } = paper(text);
    const completion = (await service.completion(file, positionAt(text, text.length - 1)))!;
    assert.equal(completion.items[0]!.key, 'pearl2009causality');
    assert.equal(completion.items[0]!.detail, 'Pearl (2009)');
  });

  test('a CALM key the paper\'s .bib also defines (its copy) is offered once, as the paper\'s entry', async () => {
    const copy = `@inproceedings{chen2024causally, title={Causally Testing Gender Bias in {LLMs}}, author={Chen, Yuen}, year={2024}, openreview={T0gy6Lb72A}}\n`;
    const text = '\\citep{chen';
    const { service, file } = paper(text, '/paper/paper.tex', copy);
    const items = (await service.completion(file, positionAt(text, text.length)))!.items;
    assert.deepEqual(items.filter((item) => item.key === 'chen2024causally').map((item) => item.library), ['user']);
    const library = await service.library(file);
    assert.equal(library.search('chen', { limit: 3 }).length, 3, 'the limit still holds');
    assert.equal(library.search('chen').filter((hit) => hit.reference.key === 'chen2024causally').length, 1);
  });

  test('outside a citation there is nothing to complete, and the libraries are not even read', async () => {
    const text = 'plain {text} \\citep{}';
    const { workspace, service, file } = paper(text);
    assert.equal(await service.completion(file, positionAt(text, 7)), undefined);
    assert.deepEqual(workspace.opened, []);
    // Positive control: inside the citation the libraries are read.
    assert.ok(await service.completion(file, positionAt(text, text.length - 1)));
    assert.deepEqual([...workspace.opened].sort(), [...BUNDLED.files, '/paper/refs.bib'].sort());
  });
});

describe('hover', () => {
  test('a bundled key shows the APA entry, its summary, links, CALM topics, the published version and where it is defined', async () => {
    const text = 'Known \\citep{jin2023cladder, kiciman2023causal}.';
    const { service, file } = paper(text);
    const hover = (await service.hover(file, positionOf(text, 'kiciman', 3)))!;
    assert.equal(hover.key, 'kiciman2023causal');
    assert.equal(hover.known, true);
    assert.deepEqual(hover.range, { start: positionOf(text, 'kiciman'), end: positionOf(text, 'kiciman2023causal', 17) });
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
    const shown = async (key: string) => {
      const text = `[@${key}]`;
      const { service, file } = paper(text, '/paper/paper.md');
      return (await service.hover(file, positionAt(text, 4)))!.markdown.replace(/\\(.)/g, '$1');
    };
    const oral = await shown('chen2024causally');
    assert.match(oral, /\*\*CALM 2024 accepted paper, oral\*\*/);
    assert.match(oral, /\[OpenReview\]\(<https:\/\/openreview\.net\/forum\?id=T0gy6Lb72A>\)/);
    assert.match(oral, /\*Other versions:\* Findings of the Association for Computational Linguistics: NAACL 2025, pp\. 4984-5004/);
    assert.doesNotMatch(oral, /\[URL\]/, 'the OpenReview address is the entry\'s url: one link, not two');
    const poster = await shown('carro2024ufos');
    assert.match(poster, /\*\*CALM 2024 accepted paper, poster\*\*/);
    assert.doesNotMatch(poster, /Other versions/, '"None found." is not a version');
    // A selected reference is not an accepted paper, even when it was presented at the workshop.
    assert.doesNotMatch(await shown('kiciman2023causal'), /accepted paper/);
  });

  test('the paper\'s copy of a CALM entry is shown as its own, with the accepted-paper facts and no duplicate warning', async () => {
    const bib = [
      '@inproceedings{chen2024causally, title={Causally Testing Gender Bias in {LLMs}}, author={Chen, Yuen}, year={2024}, openreview={T0gy6Lb72A}}',
      '@misc{carro2024ufos, title={Another paper under the same key}, author={Other, Ann}, year={2021}}',
    ].join('\n');
    const hover = async (text: string) => {
      const { service, file } = paper(text, '/paper/paper.md', bib);
      return (await service.hover(file, positionAt(text, 4)))!.markdown.replace(/\\(.)/g, '$1');
    };
    const copy = await hover('[@chen2024causally]');
    assert.match(copy, /Defined in \[refs\.bib:1\]/);
    assert.match(copy, /\*\*CALM 2024 accepted paper, oral\*\*/);
    assert.doesNotMatch(copy, /Also defined/);
    // Same key, another paper (no matching OpenReview id): the user's entry, and no claim that it is the workshop's.
    const other = await hover('[@carro2024ufos]');
    assert.match(other, /Another paper under the same key/);
    assert.doesNotMatch(other, /accepted paper/);
  });

  test('an unknown key says so and suggests the nearest keys', async () => {
    const text = '\\cite{Kiciman2023causal}';
    const { service, file } = paper(text);
    const hover = (await service.hover(file, positionAt(text, 8)))!;
    assert.equal(hover.known, false);
    assert.match(hover.markdown, /not defined in any library this document uses\. Did you mean ` kiciman2023causal `/);
  });

  test('library text cannot inject HTML, links or formatting; a long abstract is shortened with a link to the whole', async () => {
    const { service, file } = paper('\\cite{evil}');
    const markdown = (await service.describe(file, 'evil', { fullAbstractLink: (key) => `command:calmCite.showReference?${key === 'evil' ? 'x' : key}` }))!;
    assert.ok(!markdown.includes('<img'), markdown);
    assert.ok(!markdown.includes('[click](https://evil.example)'));
    assert.match(markdown, /&lt;img src=x onerror=alert\(1\)&gt; \\\[click\\\]\(https:\/\/evil\.example\) \\\*\\\*bold\\\*\\\*/);
    assert.match(markdown, /… \[whole abstract\]\(<command:calmCite\.showReference\?x>\)/);
    const whole = (await service.describe(file, 'evil', { fullAbstract: true, fullAbstractLink: () => 'command:x' }))!;
    assert.equal(whole.split('causal structure.').length - 1, 20, 'all 20 sentences of the abstract');
    assert.ok(!whole.includes('whole abstract'));
  });

  test('escapeMarkdown neutralises every Markdown and HTML construct, and escapes nothing else (plain-text viewers show each backslash)', () => {
    assert.equal(escapeMarkdown('*a* _b_ [c](d) <e> & `f` #g (2024).'), '\\*a\\* \\_b\\_ \\[c\\](d) &lt;e&gt; & \\`f\\` #g (2024).');
    // Entities, and block markers at the start of a line; indentation that would open a code block goes.
    assert.equal(escapeMarkdown('a &amp; b\n# h\n- i\n2. j\n\n    code'), 'a \\&amp; b\n\\# h\n\\- i\n2\\. j\n\ncode');
  });

  test('whatever library text holds, a CommonMark parser reads its escaped form back as that text and nothing else', () => {
    const commonMark = new MarkdownIt({ html: true });
    const pieces = fc.constantFrom('\\', '`', '*', '**', '_', '[', ']', '(', ')', '![', '](', '<', '>', '<img src=x>', '<http://x.y>', '&', '&amp;', '&#123;', '#', '# ', '-', '- ', '+ ', '1. ', '2) ', '=', '===', '---', '|', ':-', '~', '~~~', '```', '    ', '\n', '\n\n', ' ', 'a', '1', '.', ':', 'http://x.y');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        // As the hover places it: after text of its own, within a paragraph that may break.
        const blocks = commonMark.parse(`Title: ${escapeMarkdown(text)}`, {});
        assert.deepEqual(blocks.filter((token) => !['paragraph_open', 'inline', 'paragraph_close'].includes(token.type)).map((token) => token.type), []);
        const paragraphs = blocks.filter((token) => token.type === 'inline').map((token) => token.children ?? []);
        assert.deepEqual(paragraphs.flat().filter((token) => !['text', 'softbreak', 'hardbreak'].includes(token.type)).map((token) => token.type), []);
        const shown = paragraphs.map((inline) => inline.map((token) => (token.type === 'text' ? token.content : ' ')).join('')).join(' ');
        assert.equal(shown.replace(/\s+/g, ' ').trim(), `Title: ${text}`.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 3000 },
    );
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
  const json = JSON.stringify(HOSTILE_IDS.map((id) => ({ id, type: 'book', title: 'T' })));

  test('a near miss lists them literally in code spans, and a defined one is shown literally as the heading', async () => {
    for (const id of HOSTILE_IDS) {
      const nearMiss = `${id}z`;
      for (const key of [nearMiss, id]) {
        const text = `[@{${key}}]`;
        const file = '/paper/paper.md';
        const { service } = memoryService({
          folders: ['/paper'],
          files: { '/paper/refs.json': json },
          open: { [file]: text },
          settings: { '*': { library: { paths: ['refs.json'], includeBundled: false } } },
        });
        const hover = (await service.hover(file, positionAt(text, 4)))!;
        assert.equal(hover.key, key);
        const html = render.render(hover.markdown);
        // The only link a known key's hover has is its "Defined in" link to the library file.
        const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]!);
        assert.deepEqual(links.filter((link) => !link.startsWith('file://')), [], html);
        assert.ok(!html.includes('<img'), html);
        if (key === nearMiss) assert.ok(html.includes(`<code>${render.utils.escapeHtml(id)}</code>`), html);
      }
    }
  });

  test('completion offers them as plain keys, and their documentation links nothing but the entry\'s DOI and file', async () => {
    const withDoi = JSON.stringify(HOSTILE_IDS.map((id) => ({ id, type: 'book', title: 'T', DOI: '10.1000/calm' })));
    const text = '[@';
    const file = '/paper/paper.md';
    const { service } = memoryService({
      folders: ['/paper'],
      files: { '/paper/refs.json': withDoi },
      open: { [file]: text },
      settings: { '*': { library: { paths: ['refs.json'], includeBundled: false } } },
    });
    const completion = (await service.completion(file, positionAt(text, text.length)))!;
    assert.deepEqual(completion.items.map((item) => item.key).sort(), [...HOSTILE_IDS].sort());
    for (const item of completion.items) {
      // What the language server sends as the item's documentation.
      const html = render.render((await service.describe(file, item.key))!);
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]!);
      // Positive control: the DOI does become a link, so a link made from the id would be seen here too.
      assert.deepEqual([...new Set(links)], ['https://doi.org/10.1000/calm'], html);
      assert.ok(!html.includes('<img') && !html.includes('evil.example/i.png"'), html);
    }
  });
});
