import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { citationContextAt, findCitations, keyAt, yamlNocite } from '../../src/core/citations/index';

const keys = (text: string): string[] => findCitations(text, 'markdown').map((citation) => citation.key);

function contextAt(marked: string) {
  const offset = marked.indexOf('|');
  return citationContextAt(marked.slice(0, offset) + marked.slice(offset + 1), offset, 'markdown');
}

test('bracketed groups with prefixes, locators and several keys', () => {
  const text = 'As shown [see @a, p. 3; @b, ch. 2] and [@c].';
  const citations = findCitations(text, 'markdown');
  assert.deepEqual(citations.map((citation) => citation.key), ['a', 'b', 'c']);
  assert.deepEqual(citations[0], { key: 'a', start: 15, end: 16, group: { start: 9, end: 34 } });
  assert.deepEqual(citations[1]!.group, { start: 9, end: 34 });
  assert.deepEqual(citations[2]!.group, { start: 39, end: 43 });
});

test('suppress-author and narrative citations, with a narrative locator', () => {
  const text = 'Flavell -@flavell1979 said [-@doe]. @smith04 [p. 33] says so, as does @jones.';
  const citations = findCitations(text, 'markdown');
  assert.deepEqual(citations.map((citation) => citation.key), ['flavell1979', 'doe', 'smith04', 'jones']);
  assert.equal(text.slice(citations[0]!.group.start, citations[0]!.group.end), '-@flavell1979');
  assert.equal(text.slice(citations[2]!.group.start, citations[2]!.group.end), '@smith04 [p. 33]');
  assert.equal(text.slice(citations[3]!.group.start, citations[3]!.group.end), '@jones');
});

test('key characters: internal punctuation kept, trailing punctuation dropped, braced keys', () => {
  assert.deepEqual(keys('[@author:elk] @a.b-c+d/e. @x_1? @{odd key!} @1998x @doe://x @Ünïcode'), [
    'author:elk', 'a.b-c+d/e', 'x_1', 'odd key!', '1998x', 'doe://x', 'Ünïcode',
  ]);
});

test('e-mail addresses, mailto links and bookdown references are not citations', () => {
  assert.deepEqual(keys('Write to glitt@mit.edu or [me](mailto:glitt@mit.edu). See Figure \\@ref(fig:x), @real.'), ['real']);
});

test('Quarto cross-references are not citations', () => {
  assert.deepEqual(keys('See @fig-1. and @tbl-2, @eq-col, @sec-intro, @thm-a, @suppfig-3 (@fig-3-2) but @fig and @figure2.'), [
    'fig', 'figure2',
  ]);
});

test('code spans, fenced and indented code, HTML comments and YAML are skipped', () => {
  const text = [
    '---',
    'title: "@notakey"',
    'nocite: |',
    '  @n1, @n2',
    '---',
    '',
    'Text `@code` and ``@code2 ` `` then [@a].',
    '',
    '```{r}',
    'x <- "@chunk"',
    '```',
    '',
    '~~~',
    '@tilde',
    '~~~',
    '',
    '    @indented',
    '',
    '- item',
    '',
    '    continued [@b]',
    '',
    '<!-- @comment',
    '```',
    '@stillcomment -->',
    '',
    'End [@c] <https://x.org/@handle>.',
  ].join('\n');
  assert.deepEqual(keys(text), ['a', 'b', 'c']);
});

test('yamlNocite returns keys with offsets and leaves out @*', () => {
  const text = '---\ntitle: x\nnocite: |\n  @n1, @n2, @*\nbibliography: refs.bib\n---\n\n[@a]\n\n---\nnocite: "@n3"\n...\n';
  const nocite = yamlNocite(text);
  assert.deepEqual(nocite.map((entry) => entry.key), ['n1', 'n2', 'n3']);
  assert.equal(text.slice(nocite[1]!.start, nocite[1]!.end), 'n2');
  assert.deepEqual(keys(text), ['a']);
});

test('keyAt on a Pandoc key', () => {
  const text = 'see [@alpha; @beta]';
  assert.equal(keyAt(text, 7, 'markdown')?.key, 'alpha');
  assert.equal(keyAt(text, 14, 'markdown')?.key, 'beta');
  assert.equal(keyAt(text, 1, 'markdown'), undefined);
});

test('completion in bracketed groups', () => {
  assert.deepEqual(contextAt('see [@|'), { prefix: '', replaceStart: 6, replaceEnd: 6, keysInGroup: [], syntax: 'pandoc-bracket' });
  assert.deepEqual(contextAt('see [@ab|'), { prefix: 'ab', replaceStart: 6, replaceEnd: 8, keysInGroup: [], syntax: 'pandoc-bracket' });
  assert.deepEqual(contextAt('[@a; @|]'), { prefix: '', replaceStart: 6, replaceEnd: 6, keysInGroup: ['a'], syntax: 'pandoc-bracket' });
  assert.deepEqual(contextAt('[see @|'), { prefix: '', replaceStart: 6, replaceEnd: 6, keysInGroup: [], syntax: 'pandoc-bracket' });
  assert.deepEqual(contextAt('[@a; @sm|ith20; @c]'), { prefix: 'sm', replaceStart: 6, replaceEnd: 13, keysInGroup: ['a', 'c'], syntax: 'pandoc-bracket' });
  assert.deepEqual(contextAt('[-@|'), { prefix: '', replaceStart: 3, replaceEnd: 3, keysInGroup: [], syntax: 'pandoc-bracket' });
});

test('completion for narrative citations', () => {
  assert.deepEqual(contextAt('As @ab| says'), { prefix: 'ab', replaceStart: 4, replaceEnd: 6, keysInGroup: [], syntax: 'pandoc-narrative' });
  assert.deepEqual(contextAt('Flavell -@fl|'), { prefix: 'fl', replaceStart: 10, replaceEnd: 12, keysInGroup: [], syntax: 'pandoc-narrative' });
  assert.deepEqual(contextAt('See @fig|'), { prefix: 'fig', replaceStart: 5, replaceEnd: 8, keysInGroup: [], syntax: 'pandoc-narrative' });
});

test('no completion in e-mails, code, comments, YAML or cross-references', () => {
  assert.equal(contextAt('mail glitt@|'), undefined);
  assert.equal(contextAt('code `[@|`'), undefined);
  assert.equal(contextAt('```\n[@|\n```'), undefined);
  assert.equal(contextAt('<!-- [@| -->'), undefined);
  assert.equal(contextAt('---\ntitle: "@|"\n---\n'), undefined);
  assert.equal(contextAt('See @fig-|'), undefined);
  assert.equal(contextAt('See @tbl-a|'), undefined);
  assert.equal(contextAt('no at sign|'), undefined);
});

test('a 1 MB document is scanned whole: every citation of every paragraph is found', () => {
  // Speed on such documents is measured by `npm run bench` (bench/citations.ts), not here.
  const paragraph = 'Some *text* with `code @x` and [see @smith2020, p. 4; @doe2021] and mail a@b.org and @fig-1.\n\n';
  const copies = Math.ceil(1_000_000 / paragraph.length);
  assert.equal(findCitations(paragraph.repeat(copies), 'markdown').length, 2 * copies);
});

test('code spans close at the next run of as many backticks in the paragraph, however many runs are left open', () => {
  const keys = (text: string) => findCitations(text, 'markdown').map((citation) => citation.key);
  assert.deepEqual(keys('`` a ` @no ` b `` @yes'), ['yes']);
  assert.deepEqual(keys('` `` ``` @a ```` @b'), ['a', 'b'], 'no run closes another of a different length');
  assert.deepEqual(keys('`` @a\n\n`` @b'), ['a', 'b'], 'a paragraph break ends the search');
  assert.deepEqual(keys('\\`` x `` @a ` @b `'), ['b'], 'after an escaped backtick, the next one opens a span of one');
  let rising = '';
  for (let run = 1; run <= 300; run++) rising += `${'`'.repeat(run)} @k${run} `;
  assert.equal(keys(rising).length, 300);
});

test('a narrative citation followed by an unclosed [ reads no locator past its line', () => {
  const text = '@a [p. 3\n\nlater ] text @b [p. 4]';
  const citations = findCitations(text, 'markdown');
  assert.deepEqual(citations.map((citation) => [citation.key, text.slice(citation.group.start, citation.group.end)]), [['a', '@a'], ['b', '@b [p. 4]']]);
});
