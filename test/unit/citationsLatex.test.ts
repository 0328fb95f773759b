import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DelimitedArguments } from '../../src/core/citations/latexLexer';
import { citationContextAt, findCitations, isCitingCommand, keyAt, CITING_COMMANDS, MULTICITE_COMMANDS } from '../../src/core/citations/index';

const keys = (text: string, extraCommands?: string[]): string[] =>
  findCitations(text, 'latex', extraCommands ? { extraCommands } : undefined).map((citation) => citation.key);

/** Context with the cursor at the `|` in `marked`. */
function contextAt(marked: string, extraCommands?: string[]) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return citationContextAt(text, offset, 'latex', extraCommands ? { extraCommands } : undefined);
}

test('natbib and biblatex commands, capitalised and starred', () => {
  const text = String.raw`\citep{a} \citet*{b} \Citep{c} \citeauthor*{d} \parencite{e} \Textcite{f} \footcitetext{g} \citeyearpar{h} \fullcite{i} \supercite{j} \citeurl{k} \citedate{l} \Smartcite{m} \Autocite*{n}`;
  assert.deepEqual(keys(text), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n']);
  assert.deepEqual(findCitations(text, 'latex').map((citation) => citation.command).slice(0, 4), ['citep', 'citet*', 'Citep', 'citeauthor*']);
});

test('key offsets and the group cover the key and the whole command', () => {
  const text = String.raw`See \citep[see][p.~4]{alpha, beta}.`;
  const [alpha, beta] = findCitations(text, 'latex');
  assert.deepEqual(alpha, { key: 'alpha', start: 22, end: 27, command: 'citep', group: { start: 4, end: 34 } });
  assert.equal(text.slice(beta!.start, beta!.end), 'beta');
  assert.equal(text.slice(alpha!.group.start, alpha!.group.end), String.raw`\citep[see][p.~4]{alpha, beta}`);
});

test('optional arguments with braces, brackets and ~; whitespace and line breaks before arguments', () => {
  assert.deepEqual(keys(String.raw`\cite[{see [1]}][p.~4]{a}`), ['a']);
  assert.deepEqual(keys('\\citep\n  [see]\n  []\n  {a}'), ['a']);
  assert.deepEqual(keys('\\citet {a}'), ['a']);
  // A blank line is a paragraph break: what follows is no longer an argument.
  assert.deepEqual(keys('\\cite\n\n{a}'), []);
});

test('key lists across lines with spaces around commas; key characters', () => {
  assert.deepEqual(keys('\\nocite{a ,\n  b,\n c }'), ['a', 'b', 'c']);
  assert.deepEqual(keys(String.raw`\cite{author:elk, rdk+23, 10.1007/s00138-007-0098-7, amz-page-load, x_1}`), [
    'author:elk', 'rdk+23', '10.1007/s00138-007-0098-7', 'amz-page-load', 'x_1',
  ]);
});

test('multicite commands with notes and several groups', () => {
  const text = String.raw`\parencites(see)(and more)[p.~1]{a,b}[ch.~2]{c} \textcites{d}{e} \footcites [x] {f} text`;
  const citations = findCitations(text, 'latex');
  assert.deepEqual(citations.map((citation) => citation.key), ['a', 'b', 'c', 'd', 'e', 'f']);
  assert.equal(text.slice(citations[2]!.group.start, citations[2]!.group.end), String.raw`\parencites(see)(and more)[p.~1]{a,b}[ch.~2]{c}`);
  assert.equal(citations[3]!.command, 'textcites');
});

test('comments and escaped percent', () => {
  assert.deepEqual(keys('% \\cite{a}\n\\cite{b} % \\cite{c}\n50\\% \\cite{d}'), ['b', 'd']);
  assert.deepEqual(keys('\\cite{a, % b,\n c}'), ['a', 'c']);
});

test('verbatim environments and \\verb are skipped', () => {
  const text = [
    '\\begin{verbatim}\\cite{a}\\end{verbatim}',
    '\\begin{Verbatim}\\cite{b}\\end{Verbatim}',
    '\\begin{lstlisting}\\cite{c}\\end{lstlisting}',
    '\\begin{minted}{latex}\\cite{d}\\end{minted}',
    '\\begin{comment}\\cite{e}\\end{comment}',
    '\\verb|\\cite{f}| \\verb+\\cite{g}+ \\cite{h}',
    '\\begin{figure}\\caption{\\cite{i}}\\end{figure}',
  ].join('\n');
  assert.deepEqual(keys(text), ['h', 'i']);
});

test('look-alikes are not citations; \\nocite{*} is not a key', () => {
  assert.deepEqual(keys(String.raw`\dictcite{CAD}{picture} \setcitestyle{numbers} \citestyle{ieee} \bibliographystyle{plain} \nocite{*} \citation{x}`), []);
  assert.equal(isCitingCommand('dictcite'), false);
  assert.equal(isCitingCommand('citestyle'), false);
  assert.equal(isCitingCommand('citep*'), true);
  assert.equal(isCitingCommand('Parencites'), true);
  assert.ok(CITING_COMMANDS.includes('citeauthor') && MULTICITE_COMMANDS.includes('autocites'));
});

test('extra commands from the setting, with or without backslash', () => {
  assert.deepEqual(keys(String.raw`\mycite{a} \othercite[p.~2]{b}`, ['mycite', '\\othercite']), ['a', 'b']);
  assert.deepEqual(keys(String.raw`\mycite{a}`), []);
  assert.equal(isCitingCommand('mycite*', ['mycite']), true);
});

test('an unclosed key list is not reported and does not swallow later citations', () => {
  assert.deepEqual(keys('\\cite{ab\n\\cite{c}'), ['c']);
});

test('keyAt finds the key under the cursor, edges included', () => {
  const text = String.raw`\citep{alpha, beta}`;
  assert.equal(keyAt(text, 7, 'latex')?.key, 'alpha');
  assert.equal(keyAt(text, 12, 'latex')?.key, 'alpha');
  assert.equal(keyAt(text, 16, 'latex')?.key, 'beta');
  assert.equal(keyAt(text, 3, 'latex'), undefined);
});

test('completion right after the opening brace', () => {
  assert.deepEqual(contextAt('see \\citep{|'), { prefix: '', replaceStart: 11, replaceEnd: 11, keysInGroup: [], syntax: 'latex' });
  assert.deepEqual(contextAt('see \\citep{|}'), { prefix: '', replaceStart: 11, replaceEnd: 11, keysInGroup: [], syntax: 'latex' });
});

test('completion after a comma, with and without a partial key', () => {
  assert.deepEqual(contextAt('\\citep{a,|'), { prefix: '', replaceStart: 9, replaceEnd: 9, keysInGroup: ['a'], syntax: 'latex' });
  assert.deepEqual(contextAt('\\citep{a, b|'), { prefix: 'b', replaceStart: 10, replaceEnd: 11, keysInGroup: ['a'], syntax: 'latex' });
});

test('completion replaces the whole key around the cursor', () => {
  assert.deepEqual(contextAt('\\cite{a, sm|ith2020, c}'), {
    prefix: 'sm', replaceStart: 9, replaceEnd: 18, keysInGroup: ['a', 'c'], syntax: 'latex',
  });
});

test('completion after optional arguments and in a multi-line list', () => {
  assert.deepEqual(contextAt('\\citep[see][]{|'), { prefix: '', replaceStart: 14, replaceEnd: 14, keysInGroup: [], syntax: 'latex' });
  assert.deepEqual(contextAt('\\nocite{a,\n  b,\n  c|\n}'), { prefix: 'c', replaceStart: 18, replaceEnd: 19, keysInGroup: ['a', 'b'], syntax: 'latex' });
});

test('completion in the second group of a multicite', () => {
  assert.deepEqual(contextAt('\\cites{a}{|'), { prefix: '', replaceStart: 10, replaceEnd: 10, keysInGroup: ['a'], syntax: 'latex' });
});

test('no completion outside a key list', () => {
  assert.equal(contextAt('\\citep{a} |'), undefined);
  assert.equal(contextAt('\\citep{a}|'), undefined);
  assert.equal(contextAt('\\citep[se|]{a}'), undefined);
  assert.equal(contextAt('% \\citep{|'), undefined);
  assert.equal(contextAt('\\dictcite{|'), undefined);
  assert.equal(contextAt('\\cite|'), undefined);
  assert.equal(contextAt('\\mycite{|'), undefined);
  assert.deepEqual(contextAt('\\mycite{|', ['mycite'])?.replaceStart, 8);
});

test('a 1 MB document is scanned whole: every citation of every paragraph is found', () => {
  // Speed on such documents is measured by `npm run bench` (bench/citations.ts), not here.
  const paragraph = String.raw`Some text with \emph{markup} and a citation \citep[see][p.~4]{smith2020, doe2021}. % comment \cite{x}` + '\n';
  const copies = Math.ceil(1_000_000 / paragraph.length);
  assert.equal(findCitations(paragraph.repeat(copies), 'latex').length, 2 * copies);
});

/** The argument scan as it was: searched from each opener, in time proportional to the rest of its paragraph. */
function directArgumentEnd(text: string, from: number, close: string): number {
  let depth = 0;
  for (let position = from + 1; position < text.length; position++) {
    const char = text[position];
    if (char === '\\') {
      position++;
    } else if (char === '%') {
      const newline = text.indexOf('\n', position);
      position = newline === -1 ? text.length : newline;
    } else if (char === '\n') {
      let next = position + 1;
      while (text[next] === ' ' || text[next] === '\t' || text[next] === '\r') next++;
      if (text[next] === '\n') return -1;
    } else if (char === close && depth === 0) {
      return position + 1;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      if (depth === 0) return -1;
      depth--;
    }
  }
  return -1;
}

test('DelimitedArguments ends every argument where a scan from its opener ends it, asked in text order', () => {
  const closer: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
  const piece = fc.constantFrom('[', ']', '(', ')', '{', '}', '\\', '\\x', '%', '\n', '\n\n', ' ', 'a', '\\]', 'ab'.repeat(600));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const text = pieces.join('');
      const args = new DelimitedArguments(text);
      // The lexer never asks at an escaped opener or inside a comment: ask where a left-to-right read sees one.
      for (let p = 0; p < text.length; p++) {
        const char = text[p]!;
        if (char === '\\') p++;
        else if (char === '%') p = text.indexOf('\n', p) === -1 ? text.length : text.indexOf('\n', p);
        else if (char in closer) assert.equal(args.end(p), directArgumentEnd(text, p, closer[char]!), JSON.stringify({ text, p }));
      }
    }),
    { numRuns: 2000, seed: 20241215 },
  );
});

test('unclosed optional arguments and key lists on every line: later citations are still found, unclosed ones are not', () => {
  const text = `${'\\cite[x\n'.repeat(3)}\n\\citep[see][p.~4]{a}\n\\bibliography{x\n\n\\cite{b}`;
  assert.deepEqual(keys(text), ['a', 'b']);
  // A command whose optional argument never closes is not a citation; the commands after it still are.
  assert.equal(contextAt(`\\cite[x\n\\cite[y\n\\cite{|`)?.syntax, 'latex');
  assert.equal(contextAt(`\\cite[x|`), undefined);
});
