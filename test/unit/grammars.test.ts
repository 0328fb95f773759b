import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CITING_COMMANDS, MULTICITE_COMMANDS } from '../../src/core/citations/index';

const SYNTAXES = path.resolve(__dirname, '..', '..', 'syntaxes');
const PACKAGE = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'));

interface Grammar {
  scopeName: string;
  repository: Record<string, { match?: string; begin?: string; end?: string; patterns?: { match: string; name: string }[] }>;
}

function grammar(file: string): Grammar {
  return JSON.parse(fs.readFileSync(path.join(SYNTAXES, file), 'utf8'));
}

/** Every regex of a grammar, compiled by JavaScript (the patterns keep to the syntax Oniguruma and JS share). */
function regexes(file: string): RegExp[] {
  return Object.values(grammar(file).repository).flatMap((rule) =>
    [rule.match, rule.begin, rule.end, ...(rule.patterns ?? []).map((pattern) => pattern.match)].filter((source): source is string => !!source).map((source) => new RegExp(source, 'g')),
  );
}

test('both grammars parse, compile, and are contributed as injections', () => {
  for (const file of fs.readdirSync(SYNTAXES)) {
    assert.ok(regexes(file).length > 0, file);
    const contribution = PACKAGE.contributes.grammars.find((entry: { path: string }) => entry.path === `./syntaxes/${file}`);
    assert.equal(contribution?.scopeName, grammar(file).scopeName, file);
    assert.ok(contribution.injectTo.length > 0);
  }
});

test('Pandoc: keys of [@key], @key, -@key and @{key}, with internal punctuation; not e-mail addresses', () => {
  const key = new RegExp(grammar('pandoc-citations.tmLanguage.json').repository['citation-key']!.match!, 'g');
  const line = 'See [@pearl2009; -@doe:2020.a, p. 3], @smith04 says, @{odd.key.}. Mail me@example.org or @end.';
  assert.deepEqual([...line.matchAll(key)].map((match) => [match[1], match[3]]), [
    ['', 'pearl2009'],
    ['-', 'doe:2020.a'],
    ['', 'smith04'],
    ['', '{odd.key.}'],
    ['', 'end'],
  ]);
});

test('LaTeX: every citing command opens a key list; other commands do not', () => {
  const citation = grammar('latex-citations.tmLanguage.json').repository['citation']!;
  const begin = new RegExp(`^${citation.begin}`);
  for (const name of [...CITING_COMMANDS, ...MULTICITE_COMMANDS]) {
    assert.ok(begin.test(`\\${name}{a}`), name);
    assert.ok(begin.test(`\\${name}*[see][p.~4]{a}`), `${name}*`);
  }
  for (const name of ['citestyle', 'dictcite', 'excite', 'citation']) assert.ok(!begin.test(`\\${name}{a}`), name);
  const match = begin.exec(String.raw`\parencites(see)[p. 1]{a, b}`)!;
  assert.equal(match[3], '(see)[p. 1]');
  const key = new RegExp(citation.patterns!.find((pattern) => pattern.name === 'constant.other.reference.citation.latex')!.match, 'g');
  assert.deepEqual('a:b, rdk+23 ,10.1007/x'.match(key), ['a:b', 'rdk+23', '10.1007/x']);
});
