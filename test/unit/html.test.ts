import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from '../../src/core/text/html';

test('escapeHtml neutralises tags, quotes and ampersands', () => {
  assert.equal(escapeHtml('<script>alert("x")</script>'), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  assert.equal(escapeHtml(`it's " & '`), 'it&#39;s &quot; &amp; &#39;');
  assert.equal(escapeHtml('&amp;'), '&amp;amp;');
});

test('escapeHtml leaves plain text, LaTeX and non-ASCII alone', () => {
  assert.equal(escapeHtml('\\usepackage{neurips_2024_calm} — Kıcıman'), '\\usepackage{neurips_2024_calm} — Kıcıman');
  assert.equal(escapeHtml(''), '');
});
