import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readLibraryText } from '../../src/core/library/formats';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { BUNDLED_LIBRARY, memoryService, positionAt, positionOf } from './serviceFixtures';

const OWN_BIB = `@book{pearl2009causality, title={Causality}, author={Pearl, Judea}, year={2009}, publisher={Cambridge University Press}}
@article{evil, title={<img src=x onerror=alert(1)> [click](https://evil.example) **bold**}, author={Mallory, M.}, journal={J}, year={2020},
  abstract={${'A long abstract sentence about causal structure. '.repeat(20)}}}
`;

/** A paper open in the editor with `text`, seeing its own refs.bib (by the folder's settings) and the bundled CALM library. */
function paper(text: string, file = '/paper/paper.tex') {
  const { workspace, service } = memoryService({
    folders: ['/paper'],
    files: { '/paper/refs.bib': OWN_BIB },
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

  test('outside a citation there is nothing to complete, and the libraries are not even read', async () => {
    const text = 'plain {text} \\citep{}';
    const { workspace, service, file } = paper(text);
    assert.equal(await service.completion(file, positionAt(text, 7)), undefined);
    assert.deepEqual(workspace.opened, []);
    // Positive control: inside the citation the libraries are read.
    assert.ok(await service.completion(file, positionAt(text, text.length - 1)));
    assert.deepEqual([...workspace.opened].sort(), [BUNDLED_LIBRARY, '/paper/refs.bib'].sort());
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

  test('an unknown key says so and suggests the nearest keys', async () => {
    const text = '\\cite{Kiciman2023causal}';
    const { service, file } = paper(text);
    const hover = (await service.hover(file, positionAt(text, 8)))!;
    assert.equal(hover.known, false);
    assert.match(hover.markdown, /not defined in any library this document uses\. Did you mean ` kiciman2023causal `\?/);
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
