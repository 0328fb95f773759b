import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readLibraryText } from '../../src/core/library/formats';

/**
 * Inputs that once broke a guarantee the fuzz suite checks, kept small. Each names what went wrong.
 * (The timing side of the first one is in limits.test.ts: 'entries whose values never close'.)
 */
describe('fuzz regressions', () => {
  test('BibTeX: a value left open across entries was matched against braces of every later entry (quadratic time)', () => {
    // Each entry opens two braces and closes one: the depth never returns to zero, so every value used to be
    // searched to the end of the file. Now a value stops at the next entry header.
    const text = '@misc{a, f={{\n x}\n@misc{b, f={{\n x}\n@misc{c, title={Fine}}\n';
    const result = readLibraryText('open.bib', text);
    // The broken entries keep their keys (without the broken field), as BibTeX keeps them.
    assert.deepEqual(result.references.map((reference) => [reference.key, reference.fields]), [['a', {}], ['b', {}], ['c', { title: 'Fine' }]]);
    assert.deepEqual(
      result.errors.map(({ line, column, message }) => ({ line, column, message })),
      [
        { line: 1, column: 12, message: "entry 'a', field 'f': the value is not closed: '{' has no matching '}' before the next entry at line 3" },
        { line: 3, column: 12, message: "entry 'b', field 'f': the value is not closed: '{' has no matching '}' before the next entry at line 5" },
      ],
    );
  });

  test('BibTeX: a quoted value whose closing quote lies past the next entry header', () => {
    const text = '@misc{a, title="Open\n@misc{b, title="Closed"}\n';
    const result = readLibraryText('quote.bib', text);
    assert.deepEqual(result.references.map((reference) => reference.key), ['a', 'b']);
    assert.deepEqual(
      result.errors.map(({ line, column, message }) => ({ line, column, message })),
      [{ line: 1, column: 16, message: `entry 'a', field 'title': the value is not closed: '"' has no matching '"' before the next entry at line 2` }],
    );
  });
});
