import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTex, readBibtex, resolveCrossrefs } from '../../src/core/library/bibtex';
import { MAX_CROSSREF_DEPTH } from '../../src/core/library/bibtex/crossref';

const good = (key: string) => `@article{${key},\n  title = {Good ${key}},\n  author = {Doe, Jane},\n  year = 2020,\n}\n`;

function keys(text: string): string[] {
  return readBibtex(text, 'broken.bib').references.map((r) => r.key);
}

test('an unclosed brace mid-file that swallows the entry\'s closing brace: located error, later entries survive', () => {
  const text = good('one') + '\n@article{broken,\n  title = {Never closed,\n  year = 2020,\n}\n\n' + good('two') + good('three');
  const result = readBibtex(text, 'broken.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['one', 'two', 'three']);
  assert.equal(result.errors.length, 1);
  const [error] = result.errors;
  // The title's `{` pairs with the entry's `}` on line 10, so the entry (its @ on line 7) is what is unclosed.
  assert.deepEqual(error, {
    path: 'broken.bib', line: 7, column: 1,
    message: "entry 'broken' is not closed: expected '}' before the next entry at line 12",
  });
});

test('a value brace that is never closed is reported where it opens, the next entry survives', () => {
  const text = good('one') + '@article{broken,\n  title = {Never closed,\n  year = 2020\n\n' + good('two');
  const result = readBibtex(text, 'broken.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['one', 'two']);
  assert.deepEqual(result.errors, [{
    path: 'broken.bib', line: 7, column: 11,
    message: "entry 'broken', field 'title': the value is not closed: '{' has no matching '}' before the next entry at line 10",
  }]);
});

test('an entry missing its closing brace is reported at its @, the next entry survives', () => {
  const text = '@article{open,\n  title = {T},\n  year = 2020\n\n  @article{next, title = {N}}\n';
  const result = readBibtex(text, 'x.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['next']);
  assert.deepEqual(result.errors.map((e) => [e.line, e.column, e.message]), [
    [1, 1, "entry 'open' is not closed: expected '}' before the next entry at line 5"],
  ]);
});

test('missing comma after the key, missing = and missing comma between fields', () => {
  const text = [
    '@article{nokeycomma', '  title = {A}}', good('ok1'),
    '@article{noequals,', '  title {A}}', good('ok2'),
    '@article{nofieldcomma,', '  title = {A}', '  year = 2000}', good('ok3'),
  ].join('\n');
  const result = readBibtex(text, 'x.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['ok1', 'ok2', 'ok3']);
  assert.deepEqual(result.errors.map((e) => [e.line, e.column, e.message]), [
    [2, 3, "missing comma after key 'nokeycomma': found 't'"],
    [10, 9, "entry 'noequals': missing '=' after field 'title', found '{'"],
    [19, 3, "entry 'nofieldcomma': missing comma after field 'title', found 'y'"],
  ]);
});

test('an unclosed quote and an unclosed brace at the end of the file', () => {
  const quote = readBibtex(good('a') + '@misc{q, title = "no end,\n note = {x}}\n', 'q.bib');
  assert.deepEqual(quote.references.map((r) => r.key), ['a']);
  assert.match(quote.errors[0]!.message, /'"' has no matching '"' before the end of the file/);
  const brace = readBibtex(good('a') + '@misc{b, title = {no end', 'b.bib');
  assert.deepEqual(brace.references.map((r) => r.key), ['a']);
  assert.match(brace.errors[0]!.message, /before the end of the file/);
  assert.equal(brace.errors[0]!.line, 6);
});

test('an entry header indented by whitespace still stops a runaway value', () => {
  const text = '@misc{runaway, title = {oops\n   @book{indented, title = {I}}\n';
  const result = readBibtex(text, 'i.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['indented']);
  assert.equal(result.errors.length, 1);
});

test('NUL bytes and U+FFFD garbage: errors, no throw, good entries kept', () => {
  const garbage = '\u0000\uFFFD\uFFFD'.repeat(50);
  const text = good('before') + garbage + '\n@article{bad\u0000key, title = {x}}\n' + '\uFFFD'.repeat(20) + '\n' + good('after');
  const result = readBibtex(text, 'bin.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['before', 'after']);
  const messages = result.errors.map((e) => e.message).join('\n');
  assert.match(messages, /NUL bytes/);
  assert.match(messages, /not valid UTF-8/);
});

test('a 20 MB single line and 200k unbalanced braces finish without throwing', () => {
  const line = `@misc{long, title = {${'x'.repeat(20_000_000)}}}` + '\n' + good('after');
  assert.deepEqual(keys(line), ['long', 'after']);
  const noNewline = '%'.repeat(20_000_000) + '@misc{tail, title={t}}';
  assert.deepEqual(keys(noNewline), ['tail']);
  const braces = readBibtex('@misc{deep, title = ' + '{'.repeat(200_000) + '\n' + good('after'), 'deep.bib');
  assert.deepEqual(braces.references.map((r) => r.key), ['after']);
  assert.equal(braces.errors.length, 1);
  assert.deepEqual(keys('{'.repeat(200_000)), []);
  assert.deepEqual(keys('@misc{x,' + ' title = {a} #'.repeat(100_000)), []);
  assert.deepEqual(keys('@'.repeat(200_000) + '@misc{a,}'), ['a']);
});

test('nothing throws on hostile or truncated input', () => {
  const inputs = ['', '@', '@article', '@article{', '@article{k', '@article{k,', '@article{k, title', '@article{k, title =',
    '@article{k, title = {', '@article{k, title = "', '@article{k, title = a #', '@string{', '@string{x =', '@comment{',
    '@preamble{"x"', '}}}}', '@article{k, __proto__ = {x}, constructor = {y}}', '@article{,}'];
  for (const input of inputs) {
    const result = readBibtex(input, 'h.bib');
    assert.ok(Array.isArray(result.references) && Array.isArray(result.errors), JSON.stringify(input));
    for (const error of result.errors) assert.ok(error.line >= 1 && error.column >= 1, JSON.stringify(input));
  }
  const proto = readBibtex('@article{k, __proto__ = {x}, constructor = {y}}', 'p.bib').references[0]!;
  assert.equal(Object.getPrototypeOf(proto.fields), Object.prototype);
  assert.equal(proto.fields.constructor, 'y');
});

test('crossref chains inherit from the top down; cycles and 100k-long chains neither hang nor throw', () => {
  const text = [
    '@inproceedings{paper, title = {P}, crossref = {Volume}}',
    '@proceedings{volume, title = {Vol}, crossref = {series}}',
    '@proceedings{series, title = {S}, publisher = {Pub}, year = 1999}',
    '@misc{x, crossref = {y}}',
    '@misc{y, crossref = {x}, note = {from y}}',
  ].join('\n');
  const read = readBibtex(text, 'c.bib').references;
  const { references } = resolveCrossrefs(read);
  const paper = references.find((r) => r.key === 'paper')!;
  assert.equal(paper.venue, 'Vol');
  assert.equal(paper.publisher, 'Pub', 'inherited through volume from series');
  assert.equal(paper.year, '1999');
  assert.equal(references.find((r) => r.key === 'x')!.note, 'from y');
  assert.equal(read.find((r) => r.key === 'paper')!.venue, undefined, 'the references as read are never changed');

  let chain = '';
  for (let i = 0; i < 100_000; i++) chain += `@misc{k${i}, crossref = {k${i + 1}}}\n`;
  chain += '@misc{k100000, year = 2001}\n';
  const long = resolveCrossrefs(readBibtex(chain, 'long.bib').references);
  // Inheritance runs MAX_CROSSREF_DEPTH entries down from the top; below that each child is kept as written, with a located problem.
  assert.equal(long.references[100_000 - MAX_CROSSREF_DEPTH]!.year, '2001');
  assert.equal(long.references[100_000 - MAX_CROSSREF_DEPTH - 1]!.year, undefined);
  assert.equal(long.references[0]!.year, undefined);
  assert.equal(long.problems.length, 100_000 - MAX_CROSSREF_DEPTH);
  assert.deepEqual(long.problems[0]!.reference.source, { path: 'long.bib', line: 100_000 - MAX_CROSSREF_DEPTH, column: 1 });
  assert.match(long.problems[0]!.message, new RegExp(`crossref chain deeper than ${MAX_CROSSREF_DEPTH} entries: 'k${100_000 - MAX_CROSSREF_DEPTH - 1}' inherits nothing`));
});

test('decodeTex survives absurdly deep nesting', () => {
  const deep = '\\emph{'.repeat(100_000) + 'x' + '}'.repeat(100_000);
  assert.doesNotThrow(() => decodeTex(deep));
  assert.doesNotThrow(() => decodeTex("\\'{".repeat(100_000)));
  const { references, errors } = readBibtex(`@misc{deep, title = {${deep}}}`, 'd.bib');
  assert.equal(references.length, 1);
  assert.deepEqual(errors, []);
});
