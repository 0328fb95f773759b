import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTex, parseNames } from '../../src/core/library/bibtex';

test('decodeTex: accents in every spelling', () => {
  const cases: Array<[string, string]> = [
    ["Ze{\\v{c}}evi{\\'c}", 'Zečević'],
    ['K{\\i}c{\\i}man', 'Kıcıman'],
    ['Sch{\\"o}lkopf', 'Schölkopf'],
    ['\\v c', 'č'],
    ["\\'{c}", 'ć'],
    ["{\\'E}cole", 'École'],
    ["Garc{\\'\\i}a", 'García'],
    ["na{\\\"\\i}ve", 'naïve'],
    ['\\c{c}a', 'ça'],
    ['\\c c', 'ç'],
    ['{\\o}ster \\O', 'øster Ø'],
    ['Stra\\ss e', 'Straße'],
    ['\\aa{}ngstr\\"om \\AA', 'ångström Å'],
    ['\\H{o}', 'ő'],
    ['\\k{a}', 'ą'],
    ['\\l{}ód\\\'z', 'łódź'],
    ['\\~n', 'ñ'],
    ['\\^{e}', 'ê'],
    ['\\`a', 'à'],
    ['\\={a}', 'ā'],
    ['\\u{g}', 'ğ'],
  ];
  for (const [tex, unicode] of cases) assert.equal(decodeTex(tex), unicode, tex);
});

test('decodeTex: dashes, quotes, ties, escapes, braces and text commands', () => {
  assert.equal(decodeTex('pages 1--10 --- really'), 'pages 1–10 — really');
  assert.equal(decodeTex("``quoted''"), '“quoted”');
  assert.equal(decodeTex('J.~Amer. Math. Soc.'), 'J. Amer. Math. Soc.');
  assert.equal(decodeTex('R\\&D 50\\% a\\_b \\$5 \\#1'), 'R&D 50% a_b $5 #1');
  assert.equal(decodeTex('{CLadder}: {{Nested}} {B}races'), 'CLadder: Nested Braces');
  assert.equal(decodeTex('\\emph{a} \\textit{b} \\textbf{c} {\\em d} {\\bf e} \\textsc{f}'), 'a b c d e f');
  assert.equal(decodeTex('\\enquote{q}'), '“q”');
  assert.equal(decodeTex('{\\noopsort{a}}Zed'), 'Zed');
  assert.equal(decodeTex('line\n   broken\ttext  '), 'line broken text');
});

test('decodeTex: math keeps its text without the dollars, an unclosed $ does not throw', () => {
  assert.equal(decodeTex('time $O(n \\log n)$ here'), 'time O(n \\log n) here');
  assert.equal(decodeTex('cost $x^2 and more'), 'cost x^2 and more');
  assert.equal(decodeTex('unterminated \\'), 'unterminated');
  assert.equal(decodeTex('unbalanced {brace'), 'unbalanced brace');
});

test('decodeTex: plain text and non-ASCII come back unchanged (the same string)', () => {
  const plain = 'Large Language Models and Causal Inference';
  assert.equal(decodeTex(plain), plain);
  assert.equal(decodeTex('Tramèr, Günther, Ó hÉigeartaigh'), 'Tramèr, Günther, Ó hÉigeartaigh');
  assert.equal(decodeTex("it's a single-dash"), "it's a single-dash");
});

test('parseNames: "Last, First" lists split on top-level and', () => {
  assert.deepEqual(parseNames('Jin, Zhijing and Chen, Yuen and {Gonzalez Adauto}, Fernando'), [
    { family: 'Jin', given: 'Zhijing' },
    { family: 'Chen', given: 'Yuen' },
    { family: 'Gonzalez Adauto', given: 'Fernando' },
  ]);
  assert.deepEqual(parseNames('Smith, Anna  and\n      Wang, Bo'), [{ family: 'Smith', given: 'Anna' }, { family: 'Wang', given: 'Bo' }]);
  assert.deepEqual(parseNames('Anderson, Sandy AND Band, Rand'), [{ family: 'Anderson', given: 'Sandy' }, { family: 'Band', given: 'Rand' }]);
});

test('parseNames: First von Last, von Last, Jr, and TeX in names', () => {
  assert.deepEqual(parseNames('Emmanuel Abbe and Jean de la Fontaine and Ludwig van Beethoven'), [
    { family: 'Abbe', given: 'Emmanuel' },
    { family: 'de la Fontaine', given: 'Jean' },
    { family: 'van Beethoven', given: 'Ludwig' },
  ]);
  assert.deepEqual(parseNames('King, Jr, Martin Luther'), [{ family: 'King Jr', given: 'Martin Luther' }]);
  assert.deepEqual(parseNames("Ze{\\v{c}}evi{\\'c}, Matej and K{\\i}c{\\i}man, Emre"), [
    { family: 'Zečević', given: 'Matej' },
    { family: 'Kıcıman', given: 'Emre' },
  ]);
  assert.deepEqual(parseNames('Torr, Philip H. S.'), [{ family: 'Torr', given: 'Philip H. S.' }]);
  assert.deepEqual(parseNames('Aristotle'), [{ family: 'Aristotle' }]);
});

test('parseNames: braced literal names, organisations with "and" inside braces, others skipped', () => {
  assert.deepEqual(parseNames('{Ó hÉigeartaigh}, Seán and {Schroeder de Witt}, Christian'), [
    { family: 'Ó hÉigeartaigh', given: 'Seán' },
    { family: 'Schroeder de Witt', given: 'Christian' },
  ]);
  assert.deepEqual(parseNames('{Barnes and Noble} and {World Health Organization} and others'), [
    { family: 'Barnes and Noble', literal: 'Barnes and Noble' },
    { family: 'World Health Organization', literal: 'World Health Organization' },
  ]);
  assert.deepEqual(parseNames('{Ó hÉigeartaigh}'), [{ family: 'Ó hÉigeartaigh', literal: 'Ó hÉigeartaigh' }]);
  assert.deepEqual(parseNames(''), []);
  assert.deepEqual(parseNames('Doe, John and others'), [{ family: 'Doe', given: 'John' }]);
});
