import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { examplePaper, NeovimSession } from './session';

const EXTRA_BIB = '@book{rubin1974estimating,\n  title = {Estimating Causal Effects of Treatments},\n  author = {Rubin, Donald B.},\n  publisher = {Wiley},\n  year = {1974}\n}\n';

describe('the language server in Neovim 0.7, on a LaTeX paper', () => {
  let session: NeovimSession;

  before(async () => {
    session = await NeovimSession.open(
      { ...examplePaper('paper.tex'), 'more/extra.bib': EXTRA_BIB },
      'paper.tex',
    );
  });

  after(async () => {
    await session?.close();
  });

  test('the npm pack tarball holds the command line, the server, pdf.js and the CALM library, and no sources or tests', () => {
    const files = session.tarballFiles;
    for (const file of ['dist/cli.js', 'dist/libraryWorker.js', 'dist/pdfWorker.js', 'dist/node_modules/pdfjs-dist/legacy/build/pdf.mjs', 'media/library/calm2024-references.bib', 'README.md', 'LICENSE', 'package.json']) {
      assert.ok(files.includes(file), `${file} is in the tarball`);
    }
    assert.deepEqual(files.filter((file) => /^(src|test|bench|scripts|examples)\/|\.ts$|\.map$/.test(file)), []);
  });

  test('typing \\citep{zec and <C-x><C-o> offers the CALM library\'s key, and typing on keeps it', async () => {
    const words = await session.complete('\\bibliographystyle', 'Parrots \\citep{zec');
    assert.equal(words[0], 'zecevic2023causal');
    // Neovim 0.7 resolves no item: the list carries the formatted reference for its preview window.
    assert.match((await session.completionInfo('zecevic2023causal')) ?? '', /Zečević, M\., Willig, M\., Dhami, D\. S\., & Kersting, K\. \(2023\)\. Causal Parrots/);
    await session.nvim.input('}<Esc>');
    const lines = await session.lines();
    assert.ok(lines.includes('Parrots \\citep{zecevic2023causal}'), lines.join('\n'));
  });

  test('a key with a colon is offered and replaces the whole typed key', async () => {
    const words = await session.complete('\\bibliographystyle', 'Prompts \\citep{smith:con');
    assert.deepEqual(words, ['smith:confounding']);
    await session.nvim.input('}<Esc>');
    const lines = await session.lines();
    assert.ok(lines.includes('Prompts \\citep{smith:confounding}'), lines.join('\n'));
  });

  test('hover on a cited key shows the formatted reference', async () => {
    await session.cursorOn('\\citet{pearl2009causality}', 8);
    await session.run('vim.lsp.buf.hover()');
    const text = (await session.hoverLines()).join('\n');
    assert.match(text, /pearl2009causality/);
    // Neovim 0.7 shows the Markdown as text: library text carries no needless escapes.
    assert.ok(text.includes('Pearl, J. (2009). Causality: Models, Reasoning, and Inference. Cambridge University Press.'), text);
  });

  test('go to definition opens references.bib at the entry', async () => {
    await session.cursorOn('\\citet{pearl2009causality}', 8);
    await session.run('vim.lsp.buf.definition()');
    await session.nvim.waitFor(`return vim.api.nvim_buf_get_name(0):match('references%.bib$')`, 'jump to references.bib');
    const bib = fs.readFileSync(path.join(session.folder, 'references.bib'), 'utf8').split('\n');
    assert.deepEqual(await session.currentFile(), { file: 'references.bib', line: bib.indexOf('@book{pearl2009causality,') + 1 });
    await session.edit('paper.tex');
  });

  test('find references lists the citation and the entry in the quickfix list', async () => {
    await session.cursorOn('\\citet{pearl2009causality}', 8);
    await session.run('vim.lsp.buf.references()');
    const items = (await session.quickfix('references')).map(({ file, line }) => `${file}:${line}`).sort();
    const tex = fs.readFileSync(path.join(session.folder, 'paper.tex'), 'utf8').split('\n');
    const bib = fs.readFileSync(path.join(session.folder, 'references.bib'), 'utf8').split('\n');
    assert.deepEqual(items, [`paper.tex:${tex.findIndex((line) => line.includes('\\citet{pearl2009causality}')) + 1}`, `references.bib:${bib.indexOf('@book{pearl2009causality,') + 1}`]);
  });

  test('workspace symbols find a reference by its author', async () => {
    await session.run(`vim.lsp.buf.workspace_symbol('Rosemary Ke')`);
    const items = await session.quickfix('workspace symbols');
    assert.equal(items[0]?.file, 'references.bib');
    assert.match(items[0]!.text, /scholkopf2021toward/);
  });

  test('a mistyped key is an error Neovim holds, and the quick fix it picks corrects the key', async () => {
    await session.cursorOn('\\bibliographystyle');
    await session.nvim.input('OGraphs \\citep{pearl2009causalty}.<Esc>');
    const held = await session.waitForDiagnostics('paper.tex', (all) => all.some((d) => d.message.includes("'pearl2009causalty'")), 'diagnostic on the mistyped key');
    assert.deepEqual(
      held.filter((d) => d.message.includes("'pearl2009causalty'")).map(({ code, message }) => ({ code, message })),
      [{ code: 'cite/undefined-key', message: "'pearl2009causalty' is not defined in any library this document uses. Did you mean 'pearl2009causality'?" }],
    );
    await session.cursorOn('pearl2009causalty', 3);
    await session.choose("Replace with 'pearl2009causality'");
    await session.run('vim.lsp.buf.code_action()');
    await session.waitForLines('paper.tex', (lines) => lines.includes('Graphs \\citep{pearl2009causality}.'), 'corrected key');
    await session.waitForDiagnostics('paper.tex', (all) => !all.some((d) => d.message.includes("'pearl2009causalty'")), 'no diagnostic after the fix');
  });

  test('a key only the CALM library has is an error on the paper, and the quick fix copies its entry into references.bib', async () => {
    const bibliographyName = "'kiciman2023causal' is not defined in any library this document uses. It is in the CALM 2024 library: copy the entry into your bibliography.";
    await session.waitForDiagnostics('paper.tex', (all) => all.some((d) => d.message === bibliographyName), 'undefined-key diagnostic on kiciman2023causal');
    await session.cursorOn('kiciman2023causal', 2);
    await session.choose("Copy 'kiciman2023causal' from the CALM 2024 library into references.bib");
    await session.run('vim.lsp.buf.code_action()');
    const bib = await session.waitForLines('references.bib', (lines) => lines.some((line) => /^@\w+\{kiciman2023causal,/.test(line)), 'copied entry');
    assert.ok(bib.includes('@book{pearl2009causality,'), 'the entries already there stay');
    await session.waitForDiagnostics('paper.tex', (all) => !all.some((d) => d.message === bibliographyName), 'no undefined-key diagnostic on kiciman2023causal after the copy');
    // Positive control: the other keys only the CALM library has are still reported.
    assert.ok((await session.diagnostics('paper.tex')).some((d) => d.message.includes("'jin2023cladder'")));
  });

  test('rename is refused on plain text (Neovim says "nothing to rename") and on a key of the bundled library (with the reason)', async () => {
    const before = await session.lines('paper.tex');
    await session.cursorOn('Large language models answer', 2);
    await session.run(`vim.lsp.buf.rename('elsewhere')`);
    await session.waitForMessage('nothing to rename');
    await session.cursorOn('jin2023cladder', 2);
    await session.run(`vim.lsp.buf.rename('jin2023')`);
    await session.waitForMessage('calm-cite: -32600: "jin2023cladder" is defined in the CALM library shipped with CALM Cite, which is read-only: copy the entry into your own .bib first.');
    assert.deepEqual(await session.lines('paper.tex'), before);
  });

  // The positive control of the refusals: the same command renames a key of the paper's own library.
  test('rename changes the key in the paper and in references.bib, in one edit', async () => {
    await session.cursorOn('peters2017elements', 2);
    await session.run(`vim.lsp.buf.rename('peters2017causal')`);
    await session.waitForLines('paper.tex', (lines) => lines.some((line) => line.includes('\\citep{scholkopf2021toward, peters2017causal}')), 'renamed citation');
    const bib = await session.waitForLines('references.bib', (lines) => lines.includes('@book{peters2017causal,'), 'renamed entry');
    assert.ok(!bib.includes('@book{peters2017elements,'));
  });

  test('a library named in the settings is completed, and entries written on disk later are seen, in a new folder too', async () => {
    await session.run(`
      local client = vim.lsp.get_active_clients()[1]
      client.config.settings = { calmCite = { ['library.paths'] = { 'more/*.bib', 'later/*.bib' } } }
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })`);
    assert.deepEqual(await session.complete('\\bibliographystyle', 'Effects \\citep{rubin'), ['rubin1974estimating']);
    await session.nvim.input('<Esc>dd');
    // The server watches the folder itself: Neovim 0.7 cannot watch files for it.
    fs.appendFileSync(path.join(session.folder, 'more', 'extra.bib'), entry('rubin2006matched', 'Matched Sampling for Causal Effects'));
    assert.deepEqual(await completeUntil(session, 'rubin2006matched'), ['rubin1974estimating', 'rubin2006matched']);
    fs.mkdirSync(path.join(session.folder, 'later'));
    fs.writeFileSync(path.join(session.folder, 'later', 'late.bib'), entry('rubin2005causal', 'Causal Inference Using Potential Outcomes'));
    assert.deepEqual(await completeUntil(session, 'rubin2005causal'), ['rubin1974estimating', 'rubin2005causal', 'rubin2006matched']);
    // The new folder is watched as well.
    fs.appendFileSync(path.join(session.folder, 'later', 'late.bib'), entry('rubin1978bayesian', 'Bayesian Inference for Causal Effects'));
    assert.deepEqual(await completeUntil(session, 'rubin1978bayesian'), ['rubin1974estimating', 'rubin1978bayesian', 'rubin2005causal', 'rubin2006matched']);
  });
});

function entry(key: string, title: string): string {
  return `\n@book{${key},\n  title = {${title}},\n  author = {Rubin, Donald B.},\n  publisher = {Wiley},\n  year = {2006}\n}\n`;
}

/** Asks for completion of `\citep{rubin` until `key` is offered (the server re-reads after a settling pause); returns the keys, sorted. */
async function completeUntil(session: NeovimSession, key: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const words = await session.complete('\\bibliographystyle', 'Effects \\citep{rubin');
    await session.nvim.input('<Esc>dd');
    if (words.includes(key) || Date.now() > deadline) return words.sort();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
