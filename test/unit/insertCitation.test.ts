import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { citationInsertion } from '../../src/core/features/insertCitation';
import type { CitationLanguage } from '../../src/core/citations';

/** The text after inserting `key` at the `|` of `marked`. */
function insert(marked: string, language: CitationLanguage, key = 'kiciman2023causal'): string {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const insertion = citationInsertion(text, offset, language, key, { latexCommand: 'citep' });
  return text.slice(0, insertion.start) + insertion.text + text.slice(insertion.end);
}

test('LaTeX: a new \\citep outside citations, appended inside a group, the bare key in an empty slot', () => {
  assert.equal(insert('As shown |.', 'latex'), String.raw`As shown \citep{kiciman2023causal}.`);
  assert.equal(insert(String.raw`\citep[see][]{pearl2009|} x`, 'latex'), String.raw`\citep[see][]{pearl2009, kiciman2023causal} x`);
  assert.equal(insert(String.raw`\citet{a, b|}`, 'latex'), String.raw`\citet{a, b, kiciman2023causal}`);
  assert.equal(insert(String.raw`\citep{a, |}`, 'latex'), String.raw`\citep{a, kiciman2023causal}`);
  assert.equal(insert(String.raw`\citep{|}`, 'latex'), String.raw`\citep{kiciman2023causal}`);
  const command = citationInsertion('x', 1, 'latex', 'k', { latexCommand: 'parencite' });
  assert.deepEqual(command, { start: 1, end: 1, text: String.raw`\parencite{k}` });
});

test('Markdown: [@key] outside, "; @key" before the closing bracket inside a group, the key after a lone @', () => {
  assert.equal(insert('As shown |.', 'markdown'), 'As shown [@kiciman2023causal].');
  assert.equal(insert('[see @a|, p. 3]', 'markdown'), '[see @a, p. 3; @kiciman2023causal]');
  assert.equal(insert('[@a; |]', 'markdown'), '[@a; @kiciman2023causal]');
  assert.equal(insert('[@|]', 'markdown'), '[@kiciman2023causal]');
  assert.equal(insert('@a says |', 'markdown'), '@a says [@kiciman2023causal]');
});
