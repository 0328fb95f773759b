import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits, memoryService, positionAt } from './serviceFixtures';

/** The text after Insert Citation puts `key` at the `|` of `marked`, in an open document named `file`. */
async function insert(marked: string, file: string, key = 'kiciman2023causal', settings: Record<string, unknown> = {}): Promise<string> {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const { service } = memoryService({ open: { [file]: text }, settings: { '*': settings } });
  const { edits } = await service.insertCitation(file, positionAt(text, offset), key);
  assert.ok(edits.every((edit) => edit.path === file));
  return applyEdits(text, edits);
}

test('LaTeX: a new \\citep outside citations, appended inside a group, the bare key in an empty slot', async () => {
  const tex = '/p/paper.tex';
  assert.equal(await insert('As shown |.', tex), String.raw`As shown \citep{kiciman2023causal}.`);
  assert.equal(await insert(String.raw`\citep[see][]{pearl2009|} x`, tex), String.raw`\citep[see][]{pearl2009, kiciman2023causal} x`);
  assert.equal(await insert(String.raw`\citet{a, b|}`, tex), String.raw`\citet{a, b, kiciman2023causal}`);
  assert.equal(await insert(String.raw`\citep{a, |}`, tex), String.raw`\citep{a, kiciman2023causal}`);
  assert.equal(await insert(String.raw`\citep{|}`, tex), String.raw`\citep{kiciman2023causal}`);
  // calmCite.latex.insertCommand names the command of a new citation.
  assert.equal(await insert('x|', tex, 'k', { latex: { insertCommand: 'parencite' } }), String.raw`x\parencite{k}`);
});

test('Markdown: [@key] outside, "; @key" before the closing bracket inside a group, the key after a lone @', async () => {
  const md = '/p/paper.md';
  assert.equal(await insert('As shown |.', md), 'As shown [@kiciman2023causal].');
  assert.equal(await insert('[see @a|, p. 3]', md), '[see @a, p. 3; @kiciman2023causal]');
  assert.equal(await insert('[@a; |]', md), '[@a; @kiciman2023causal]');
  assert.equal(await insert('[@|]', md), '[@kiciman2023causal]');
  assert.equal(await insert('@a says |', md), '@a says [@kiciman2023causal]');
});

test('citing a key only the bundled library has adds its entry to the bibliography the paper names, in the same edits', async () => {
  const tex = '\\documentclass{article}\n\\begin{document}\nAs shown .\n\\bibliography{refs}\n\\end{document}\n';
  const at = positionAt(tex, tex.indexOf(' .') + 1);
  const cite = async (settings: Record<string, unknown> = {}, files: Record<string, string> = { '/p/refs.bib': '@misc{mine, title={Mine}}\n' }) => {
    const { service } = memoryService({ open: { '/p/paper.tex': tex }, files, settings: { '*': settings } });
    return service.insertCitation('/p/paper.tex', at, 'kiciman2023causal');
  };
  const added = await cite();
  assert.deepEqual(added.edits.map((edit) => edit.path), ['/p/paper.tex', '/p/refs.bib']);
  assert.match(added.edits[1]!.newText, /@misc\{kiciman2023causal,/);
  assert.equal(added.notice, undefined);
  // The setting turns it off; a key the paper's own .bib defines needs nothing; no bibliography named: a notice, no edit.
  assert.deepEqual((await cite({ library: { addEntryOnInsert: false } })).edits.map((edit) => edit.path), ['/p/paper.tex']);
  const own = await cite({}, { '/p/refs.bib': '@misc{kiciman2023causal, title={Mine}}\n' });
  assert.deepEqual(own.edits.map((edit) => edit.path), ['/p/paper.tex']);
  const { service } = memoryService({ open: { '/p/alone.tex': 'As shown .' } });
  const alone = await service.insertCitation('/p/alone.tex', positionAt('As shown .', 9), 'kiciman2023causal');
  assert.deepEqual(alone.edits.map((edit) => edit.path), ['/p/alone.tex']);
  assert.match(alone.notice!, /Add \\bibliography\{references\}/);
});
