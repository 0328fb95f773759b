import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits, memoryService, positionAt } from './serviceFixtures';

/** The text after Insert Citation puts `key` at the `|` of `marked`, in an open document named `file`. */
async function insert(marked: string, file: string, key = 'kiciman2023causal', settings: Record<string, unknown> = {}): Promise<string> {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const { service } = memoryService({ open: { [file]: text }, settings: { '*': settings } });
  const edits = await service.insertCitation(file, positionAt(text, offset), key);
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
