import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeTex, readBibtex, readBibtexBytes, readBibtexFile, resolveCrossrefs, type BibtexFileReadOptions } from '../../src/core/library/bibtex';
import { CROSSREF_BUDGET_PER_FIELD, MAX_CROSSREF_DEPTH, MAX_LIBRARY_FILE_BYTES } from '../../src/core/limits';
import { NodeWorkspace } from '../../src/core/workspace/nodeWorkspace';

/** `readBibtexFile` of a file on disk, opened as the workspace opens it. */
async function readFromDisk(file: string, options: BibtexFileReadOptions = {}) {
  const opened = await new NodeWorkspace({ folders: [path.dirname(file)] }).open(file, { maxBytes: MAX_LIBRARY_FILE_BYTES });
  if (!opened.ok) throw new Error(`cannot open ${file}`);
  return readBibtexFile(opened.handle, file, options).finally(() => opened.handle.close());
}

const good = (key: string) => `@article{${key},\n  title = {Good ${key}},\n  author = {Doe, Jane},\n  year = 2020,\n}\n`;

function keys(text: string): string[] {
  return readBibtex(text, 'broken.bib').references.map((r) => r.key);
}

test('an unclosed brace mid-file that swallows the entry\'s closing brace: located error, later entries survive', () => {
  const text = good('one') + '\n@article{broken,\n  title = {Never closed,\n  year = 2020,\n}\n\n' + good('two') + good('three');
  const result = readBibtex(text, 'broken.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['one', 'broken', 'two', 'three']);
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
  assert.deepEqual(result.references.map((r) => r.key), ['one', 'broken', 'two']);
  assert.deepEqual(result.errors, [{
    path: 'broken.bib', line: 7, column: 11,
    message: "entry 'broken', field 'title': the value is not closed: '{' has no matching '}' before the next entry at line 10",
  }]);
});

test('an entry missing its closing brace is reported at its @, the next entry survives', () => {
  const text = '@article{open,\n  title = {T},\n  year = 2020\n\n  @article{next, title = {N}}\n';
  const result = readBibtex(text, 'x.bib');
  assert.deepEqual(result.references.map((r) => [r.key, r.fields]), [['open', { title: 'T', year: '2020' }], ['next', { title: 'N' }]]);
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
  assert.deepEqual(result.references.map((r) => r.key), ['nokeycomma', 'ok1', 'noequals', 'ok2', 'nofieldcomma', 'ok3']);
  assert.deepEqual(result.references[4]!.fields, { title: 'A' }, 'the fields before the error are kept');
  assert.deepEqual(result.errors.map((e) => [e.line, e.column, e.message]), [
    [2, 3, "missing comma after key 'nokeycomma': found 't'"],
    [10, 9, "entry 'noequals': missing '=' after field 'title', found '{'"],
    [19, 3, "entry 'nofieldcomma': missing comma after field 'title', found 'y'"],
  ]);
});

test('an unclosed quote and an unclosed brace at the end of the file', () => {
  const quote = readBibtex(good('a') + '@misc{q, title = "no end,\n note = {x}}\n', 'q.bib');
  assert.deepEqual(quote.references.map((r) => r.key), ['a', 'q']);
  assert.match(quote.errors[0]!.message, /'"' has no matching '"' before the end of the file/);
  const brace = readBibtex(good('a') + '@misc{b, title = {no end', 'b.bib');
  assert.deepEqual(brace.references.map((r) => r.key), ['a', 'b']);
  assert.match(brace.errors[0]!.message, /before the end of the file/);
  assert.equal(brace.errors[0]!.line, 6);
});

test('an entry header indented by whitespace still stops a runaway value', () => {
  const text = '@misc{runaway, title = {oops\n   @book{indented, title = {I}}\n';
  const result = readBibtex(text, 'i.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['runaway', 'indented']);
  assert.equal(result.errors.length, 1);
});

test('NUL bytes and U+FFFD garbage: errors, no throw, good entries kept', () => {
  const garbage = '\u0000\uFFFD\uFFFD'.repeat(50);
  const text = good('before') + garbage + '\n@article{bad\u0000key, title = {x}}\n' + '\uFFFD'.repeat(20) + '\n' + good('after');
  const result = readBibtex(text, 'bin.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['before', 'bad', 'after']);
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
  assert.deepEqual(braces.references.map((r) => r.key), ['deep', 'after']);
  assert.equal(braces.errors.length, 1);
  assert.deepEqual(keys('{'.repeat(200_000)), []);
  assert.deepEqual(keys('@misc{x,' + ' title = {a} #'.repeat(100_000)), ['x']);
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

test('a crossref fan-out of 3,000 children of a 3,000-field parent: the first children inherit, the rest are kept as written with a located problem', () => {
  const fanOut = (count: number) => {
    let text = '@proceedings{parent';
    for (let i = 0; i < count; i++) text += `, f${i} = {v}`;
    text += '}\n';
    for (let i = 0; i < count; i++) text += `@inproceedings{c${i}, title = {T${i}}, crossref = {parent}}\n`;
    return resolveCrossrefs(readBibtex(text, 'fan.bib').references);
  };
  // 9,000 fields written allow 4 x 9,000 + 10,000 to be copied: the parent's 3,000 to 15 children.
  const { references, problems } = fanOut(3000);
  assert.equal(references.length, 3001);
  const inheriting = references.slice(1).filter((reference) => reference.fields.f0 === 'v');
  assert.deepEqual(inheriting.map((reference) => reference.key), Array.from({ length: 15 }, (_, i) => `c${i}`));
  assert.equal(Object.keys(inheriting[0]!.fields).length, 3002);
  assert.deepEqual(references[16]!.fields, { title: 'T15', crossref: 'parent' }, 'past the budget, kept as written');
  assert.equal(problems.length, 3000 - 15);
  assert.deepEqual(problems[0]!.reference.source, { path: 'fan.bib', line: 17, column: 1 });
  assert.equal(problems[0]!.message, `'c15' inherits nothing from 'parent': this library's crossref inheritance would copy more fields than CALM Cite allows (${CROSSREF_BUDGET_PER_FIELD} per field written).`);
  // Positive control: a parent of 30 fields with 30 children fits; every child inherits.
  const small = fanOut(30);
  assert.deepEqual([small.problems, small.references.slice(1).every((reference) => reference.fields.f29 === 'v')], [[], true]);
});

test('decodeTex survives absurdly deep nesting', () => {
  const deep = '\\emph{'.repeat(100_000) + 'x' + '}'.repeat(100_000);
  assert.doesNotThrow(() => decodeTex(deep));
  assert.doesNotThrow(() => decodeTex("\\'{".repeat(100_000)));
  const { references, errors } = readBibtex(`@misc{deep, title = {${deep}}}`, 'd.bib');
  assert.equal(references.length, 1);
  assert.deepEqual(errors, []);
});

test('@string doubling 28 levels deep (a 791-byte file): the good entries are kept, one located error, no blow-up', () => {
  let text = '@misc{before, title = {Kept}}\n@string{m0 = "ab"}\n';
  for (let level = 1; level <= 28; level++) text += `@string{m${level} = m${level - 1} # m${level - 1}}\n`;
  text += '@misc{big, title = m28, year = 2020}\n@misc{after, title = {Also kept}}\n';
  for (const result of [readBibtex(text, 'd.bib'), readBibtexBytes(new TextEncoder().encode(text), 'd.bib')]) {
    assert.deepEqual(result.references.map((r) => r.key), ['before', 'big', 'after']);
    assert.equal(result.references[0]!.title, 'Kept');
    assert.equal(result.references[2]!.title, 'Also kept');
    // Every value stays within the file's budget: its size plus 1 MB.
    assert.ok(result.references[1]!.fields.title!.length <= text.length + 1024 * 1024);
    assert.equal(result.references[1]!.fields.year, '2020', 'the rest of the entry is read');
    // m19 would be 2^20 characters, past the budget with the levels before it; m20 is then `m19m19`, and the
    // doubling from there runs out of what is left at m27.
    assert.deepEqual(result.errors.map((e) => [e.line, e.column, e.message.slice(0, 13)]), [[21, 15, "@string 'm19'"], [29, 15, "@string 'm27'"]]);
    assert.match(result.errors[0]!.message, /left out: @string macros and '#' joins would build more than 1,049,367 characters in this file \(its size plus 1\.0 MB\)/);
  }
});

test('a file of many entries each using a large macro stops at the budget, entry by entry, with a located error each', () => {
  const half = 'x'.repeat(400 * 1024);
  const text = `@string{half = "${half}"}\n${Array.from({ length: 6 }, (_, i) => `@misc{e${i}, title = half # half, year = 200${i}}`).join('\n')}\n`;
  const result = readBibtex(text, 'm.bib');
  assert.deepEqual(result.references.map((r) => r.key), ['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
  // Budget: the file (~400 KB) plus 1 MB; each title is 800 KB, so two fit.
  assert.deepEqual(result.references.map((r) => r.fields.title?.length ?? 0), [819200, 0, 0, 0, 0, 0]);
  assert.ok(result.references.every((r) => r.fields.year !== undefined));
  assert.deepEqual(result.errors.map((e) => [e.line, e.column]), [[3, 26], [4, 26], [5, 26], [6, 26], [7, 26]]);
});

test('an entry with a syntax error keeps its key and the fields read before the error, as BibTeX does (issue #14)', () => {
  const text = '@article{broken,\n  title = {Kept title},\n  year = 2020\n  journal = {never read}\n}\n@misc{next, title = {N}}\n';
  const result = readBibtex(text, 'b.bib');
  assert.deepEqual(result.references.map((r) => [r.key, r.fields]), [['broken', { title: 'Kept title', year: '2020' }], ['next', { title: 'N' }]]);
  assert.deepEqual(result.errors.map((e) => [e.line, e.column, e.message]), [[4, 3, "entry 'broken': missing comma after field 'year', found 'j'"]]);
  // Its key is written where it is, but the entry has no well-formed extent to copy or edit.
  assert.equal(result.references[0]!.entrySpan, undefined);
  assert.deepEqual(result.references[0]!.keySpan, { start: 9, end: 15, line: 1, column: 10 });
});

test('entry and key spans: offsets into the text, with the line and column of their starts', () => {
  const text = '% comment\n@Article{alpha,\n  title = {A}}\n\n@book ( beta ,\n title={B})\n@misc{\n  gamma, note = {ü}}\n';
  const { references } = readBibtex(text, 's.bib');
  const spans = references.map((r) => [r.key, r.entrySpan, r.keySpan]);
  assert.deepEqual(spans, [
    ['alpha', { start: 10, end: 40, line: 2, column: 1 }, { start: 19, end: 24, line: 2, column: 10 }],
    ['beta', { start: 42, end: 68, line: 5, column: 1 }, { start: 50, end: 54, line: 5, column: 9 }],
    ['gamma', { start: 69, end: 96, line: 7, column: 1 }, { start: 78, end: 83, line: 8, column: 3 }],
  ]);
  for (const reference of references) {
    assert.equal(text.slice(reference.keySpan!.start, reference.keySpan!.end), reference.key);
    assert.equal(text[reference.entrySpan!.start], '@');
    assert.match(text[reference.entrySpan!.end - 1]!, /[})]/);
  }
});

test('spans are the same read as text, as bytes in small pieces and from disk, past multi-byte characters and a BOM', async () => {
  const entries = ['Müller', '日本語', '😀 emoji', 'plain'].map((author, i) => `@article{k${i},\r\n  author = {${author}}}\r\n`).join('');
  const bytes = new TextEncoder().encode(`\uFEFF${entries}`);
  const expected = readBibtex(`\uFEFF${entries}`, 'x.bib').references.map((r) => [r.key, r.entrySpan, r.keySpan]);
  assert.deepEqual(expected[0], ['k0', { start: 0, end: 34, line: 1, column: 1 }, { start: 9, end: 11, line: 1, column: 10 }], 'offsets and columns count after the BOM');
  for (const pieceBytes of [undefined, 1, 30]) {
    assert.deepEqual(readBibtexBytes(bytes, 'x.bib', { pieceBytes }).references.map((r) => [r.key, r.entrySpan, r.keySpan]), expected);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-spans-'));
  try {
    fs.writeFileSync(path.join(dir, 'x.bib'), bytes);
    for (const blockBytes of [undefined, 1, 50]) {
      assert.deepEqual((await readFromDisk(path.join(dir, 'x.bib'), { blockBytes, pieceBytes: 20 })).references.map((r) => [r.key, r.entrySpan, r.keySpan]), expected);
    }
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('lone-CR line ends (classic Mac OS): every entry is read and lines are counted, as text, bytes and from disk', async () => {
  const text = '@misc{a, title = {A}}\r@misc{broken, title = {oops\r@misc{b,\r  title = {B}}\r';
  const expected = [['a', 1], ['broken', 2], ['b', 3]];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cr-'));
  try {
    fs.writeFileSync(path.join(dir, 'cr.bib'), text);
    for (const result of [readBibtex(text, 'cr.bib'), readBibtexBytes(new TextEncoder().encode(text), 'cr.bib'), await readFromDisk(path.join(dir, 'cr.bib'), { blockBytes: 16 })]) {
      assert.deepEqual(result.references.map((r) => [r.key, r.source.line]), expected);
      assert.equal(result.references[2]!.title, 'B');
      assert.deepEqual(result.errors.map((e) => [e.line, e.column]), [[2, 23]]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('UTF-16 files with a byte-order mark (little and big endian) are decoded, not called binary', async () => {
  const text = '@misc{zecevic, author = {Zečević, Matej}, title = {Causal Parrots}}\r\n@misc{second, title = {Ω}}\r\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le.subarray(2));
  be.swap16();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-utf16-'));
  try {
    for (const [name, bytes] of [['le.bib', le], ['be.bib', Buffer.concat([Buffer.from([0xfe, 0xff]), be])]] as const) {
      fs.writeFileSync(path.join(dir, name), bytes);
      for (const result of [readBibtexBytes(new Uint8Array(bytes), name), await readFromDisk(path.join(dir, name))]) {
        assert.deepEqual(result.errors, [], name);
        assert.deepEqual(result.references.map((r) => [r.key, r.authors[0]?.family, r.keySpan?.start]), [['zecevic', 'Zečević', 6], ['second', undefined, 75]], name);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('UTF-16 without a byte-order mark is named as the likely cause of its NUL bytes', () => {
  const result = readBibtexBytes(new Uint8Array(Buffer.from('@misc{a, title = {T}}\n', 'utf16le')), 'nobom.bib');
  assert.match(result.errors[0]!.message, /NUL bytes.*UTF-16 without a byte-order mark/);
});
