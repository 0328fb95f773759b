import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { examplePaper, NeovimSession } from './session';

const ERROR = 1;
const WARNING = 2;
const HINT = 4;

describe('the language server in Neovim 0.7, on a Pandoc Markdown paper', () => {
  let session: NeovimSession;

  before(async () => {
    session = await NeovimSession.open(examplePaper('paper.md'), 'paper.md');
  });

  after(async () => {
    await session?.close();
  });

  test('typing [@zec and <C-x><C-o> offers the CALM library\'s key, and typing on keeps it', async () => {
    const words = await session.complete('# Related work', 'Parrots [@zec');
    assert.equal(words[0], 'zecevic2023causal');
    await session.nvim.input(']<Esc>');
    assert.ok((await session.lines()).includes('Parrots [@zecevic2023causal]'));
  });

  test('a key with a colon is offered after [@ and replaces the whole typed key', async () => {
    const words = await session.complete('# Related work', 'Prompts [@smith:con');
    assert.deepEqual(words, ['smith:confounding']);
    await session.nvim.input(']<Esc>');
    assert.ok((await session.lines()).includes('Prompts [@smith:confounding]'));
  });

  test('Neovim holds the errors on the paper and the unused-entry hint on references.bib, a file it never opened', async () => {
    const paper = await session.waitForDiagnostics('paper.md', (all) => all.some((d) => d.message.startsWith("'kiciman2023causal' is not defined")), 'undefined-key diagnostics');
    assert.deepEqual(paper.find((d) => d.message.startsWith("'kiciman2023causal'"))?.severity, ERROR);
    // The paper now cites every entry but one (the tests above cited smith:confounding).
    const unused = [{ line: 20, severity: HINT, code: 'cite/unused-entry', message: "'scholkopf2021toward' is never cited in this document." }];
    await session.waitForDiagnostics('references.bib', (all) => isDeepStrictEqual(all, unused), 'the one unused-entry hint');
    assert.equal(await session.nvim.lua(`return vim.fn.bufloaded('references.bib')`), 0);
  });

  test('hover on an author-in-text citation shows the formatted reference', async () => {
    await session.cursorOn('@pearl2009causality gives', 4);
    await session.run('vim.lsp.buf.hover()');
    const text = (await session.hoverLines()).join('\n');
    assert.ok(text.includes('Pearl, J. (2009). Causality: Models, Reasoning, and Inference. Cambridge University Press.'), text);
  });

  test('go to definition and find references reach references.bib', async () => {
    const bib = fs.readFileSync(path.join(session.folder, 'references.bib'), 'utf8').split('\n');
    const entryLine = bib.indexOf('@book{peters2017elements,') + 1;
    await session.cursorOn('[see @peters2017elements', 7);
    await session.run('vim.lsp.buf.definition()');
    await session.nvim.waitFor(`return vim.api.nvim_buf_get_name(0):match('references%.bib$')`, 'jump to references.bib');
    assert.deepEqual(await session.currentFile(), { file: 'references.bib', line: entryLine });
    await session.edit('paper.md');
    await session.cursorOn('[see @peters2017elements', 7);
    await session.run('vim.lsp.buf.references()');
    const md = fs.readFileSync(path.join(session.folder, 'paper.md'), 'utf8').split('\n');
    const items = (await session.quickfix('references')).map(({ file, line }) => `${file}:${line}`).sort();
    assert.deepEqual(items, [`paper.md:${md.findIndex((line) => line.includes('@peters2017elements')) + 1}`, `references.bib:${entryLine}`]);
  });

  test('a severity set through didChangeConfiguration (nested) applies to the held diagnostics', async () => {
    await session.run(`
      local client = vim.lsp.get_active_clients()[1]
      client.config.settings = { calmCite = { diagnostics = { severity = { ['cite/undefined-key'] = 'warning' } } } }
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })`);
    const held = await session.waitForDiagnostics('paper.md', (all) => all.some((d) => d.code === 'cite/undefined-key' && d.severity === WARNING), 'undefined-key as warnings');
    assert.ok(held.filter((d) => d.code === 'cite/undefined-key').every((d) => d.severity === WARNING));
  });

  test('the quick fix copies the CALM library\'s entry into references.bib and the error goes', async () => {
    await session.cursorOn('@jin2023cladder', 3);
    await session.choose("Copy 'jin2023cladder' from the CALM 2024 library into references.bib");
    await session.run('vim.lsp.buf.code_action()');
    await session.waitForLines('references.bib', (lines) => lines.some((line) => /^@\w+\{jin2023cladder,/.test(line)), 'copied entry');
    await session.waitForDiagnostics('paper.md', (all) => !all.some((d) => d.message.startsWith("'jin2023cladder' is not defined")), 'no undefined-key on jin2023cladder');
    // Positive control: the other keys only the CALM library has are still reported.
    assert.ok((await session.diagnostics('paper.md')).some((d) => d.message.startsWith("'kasetty2024evaluating' is not defined")));
  });

  test('rename from the entry key in references.bib changes the paper\'s citation too', async () => {
    await session.edit('references.bib');
    await session.cursorOn('@book{peters2017elements', 8);
    await session.run(`vim.lsp.buf.rename('peters2017causal')`);
    await session.waitForLines('paper.md', (lines) => lines.includes('[see @peters2017causal, ch. 6].'), 'renamed citation');
    assert.ok((await session.lines('references.bib')).includes('@book{peters2017causal,'));
  });
});
