import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { readBibtex, readBibtexBytes, readBibtexFile, type BibtexBytesReadOptions } from '../../src/core/library/bibtex';
import { MAX_LIBRARY_FILE_BYTES } from '../../src/core/limits';
import { NodeWorkspace } from '../../src/core/workspace/nodeWorkspace';
import { needsShared, sharedPath } from './shared';

/** Default pieces, and pieces so small that a boundary falls before every entry header. */
const PIECE_SIZES = [undefined, 1, 100, 4096];

/** `readBibtexBytes` and `readBibtexFile` must give exactly what `readBibtex` gives on the text `fs.readFileSync(path, 'utf8')` decodes. */
async function assertSameAsText(bytes: Uint8Array, label: string, options: BibtexBytesReadOptions = {}): Promise<void> {
  const expected = readBibtex(Buffer.from(bytes).toString('utf8'), label, options);
  for (const pieceBytes of PIECE_SIZES) {
    const actual = readBibtexBytes(bytes, label, { ...options, pieceBytes });
    const context = `${label}, pieces of ${pieceBytes ?? 'default'} bytes`;
    assert.deepEqual(actual.errors, expected.errors, context);
    assert.deepEqual(actual.references, expected.references, context);
    assert.deepEqual([...actual.macros], [...expected.macros], context);
  }
  // The same bytes opened from disk through the workspace, as the CLI reads them, in blocks of the default size and in blocks so small each holds one entry.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-bytes-'));
  try {
    const file = path.join(dir, 'file.bib');
    fs.writeFileSync(file, bytes);
    const workspace = new NodeWorkspace({ folders: [dir] });
    for (const blockBytes of [undefined, 1, 300]) {
      const opened = await workspace.open(file, { maxBytes: MAX_LIBRARY_FILE_BYTES });
      assert.ok(opened.ok);
      const actual = await readBibtexFile(opened.handle, label, { ...options, blockBytes, pieceBytes: 100 }).finally(() => opened.handle.close());
      const context = `${label} from disk, blocks of ${blockBytes ?? 'default'} bytes`;
      assert.deepEqual(actual.errors, expected.errors, context);
      assert.deepEqual(actual.references, expected.references, context);
      assert.deepEqual([...actual.macros], [...expected.macros], context);
    }
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);

test('readBibtexBytes reads the bundled libraries exactly as readBibtex reads their text', async () => {
  const bundled = path.resolve(__dirname, '..', '..', 'media', 'library');
  const files = fs.readdirSync(bundled).filter((name) => name.endsWith('.bib')).map((name) => path.join(bundled, name));
  assert.ok(files.length > 0);
  for (const file of files) await assertSameAsText(fs.readFileSync(file), file);
});

test('readBibtexBytes reads every corpus file exactly as readBibtex reads its text', needsShared, async () => {
  const corpus = sharedPath('corpus', 'bib');
  const files = fs.readdirSync(corpus).filter((name) => name.endsWith('.bib')).map((name) => path.join(corpus, name));
  for (const file of files) await assertSameAsText(fs.readFileSync(file), file);
});

test('readBibtexBytes: BOM, CRLF, and multi-byte characters on both sides of piece boundaries', async () => {
  const entries = ['Müller', 'Ωmega', '日本語', '😀 emoji', 'plain'].map((author, i) => `@article{k${i},\r\n  author = {${author}},\r\n  year = 2020\r\n}\r\n`);
  await assertSameAsText(utf8(`\uFEFF${entries.join('')}`), 'bom-crlf.bib');
  await assertSameAsText(utf8(entries.join('\n% comment with ü\n')), 'mixed.bib');
});

test('readBibtexBytes: invalid UTF-8, NUL bytes and encoding errors are found across pieces', async () => {
  const latin1 = Buffer.from('@article{a, title = {Caf\xe9}}\n@article{b, title = {na\xefve \xe9\xe8\xea\xeb\xe0\xe2\xe4}}\n@article{c, title = {\xf6\xfc\xe4}\n', 'latin1');
  await assertSameAsText(latin1, 'latin1.bib');
  const truncated = Buffer.concat([utf8('@article{a, title = {x'), Buffer.from([0xe6, 0x97]), utf8('}}\n@article{b, title={y}}\n')]);
  await assertSameAsText(truncated, 'truncated-sequence.bib');
  await assertSameAsText(utf8('@article{a, title = {x}}\n\u0000\u0000\n@article{b, title = {y\n@book{c, title={z}}\n'), 'nul.bib');
  await assertSameAsText(utf8(''), 'empty.bib');
});

test('readBibtexBytes: broken entries, macros, comments and the entry limit behave as in one piece', async () => {
  const text = [
    '@string{ acl = "Association for Computational Linguistics" }',
    '@article{open, title = {never closed',
    '@inproceedings{b, publisher = acl, title = "quoted {brace"}',
    '@comment{ unbalanced {',
    '  @article{inside, title={x}}',
    '@article{c, author = {A} # acl # sib, month = jan,',
    '@string(acl = "ACL")',
    '@book{d, publisher = acl}',
    '@article{e, title}',
    '   @misc{f,',
    'note = {x}',
    '@misc{g}',
    'stray @ sign and @word and an email a@b.c',
    '@preamble{"x" # "y" oops',
    '@article{h, title = {last}}',
  ].join('\n');
  await assertSameAsText(utf8(text), 'broken.bib', { macros: new Map([['sib', 'Sibling'], ['acl', 'shadowed']]) });
  for (const maxEntries of [0, 1, 2, 3]) await assertSameAsText(utf8(text), `limit-${maxEntries}.bib`, { maxEntries });
});
