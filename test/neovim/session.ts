import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installPackedTarball, neovimBinary, REPO, type InstalledPackage } from './installedPackage';
import { Neovim } from './neovim';

/** A diagnostic as Neovim holds it (`vim.diagnostic.get`), lines 1-based. */
export interface HeldDiagnostic {
  line: number;
  /** Neovim's: 1 error, 2 warning, 3 information, 4 hint. */
  severity: number;
  code: string;
  message: string;
}

export interface QuickfixItem {
  file: string;
  line: number;
  text: string;
}

/**
 * One Neovim with CALM Cite attached as the README configures it, in a temp folder holding `files`; the
 * server is the `calm-cite` command installed from the `npm pack` tarball. Steps act as a user would:
 * typed keys and the client's own commands (`vim.lsp.buf.*`, omni completion); results are read from
 * what Neovim holds (buffers, diagnostics, the quickfix list, its messages).
 */
export class NeovimSession {
  private constructor(
    readonly nvim: Neovim,
    readonly folder: string,
    private readonly base: string,
    private readonly installed: InstalledPackage,
  ) {}

  static async open(files: Record<string, string>, firstFile: string): Promise<NeovimSession> {
    const installed = installPackedTarball();
    const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-nvim-')));
    // The paper's folder, and beside it Neovim's own (its LSP log), so the user's stay untouched.
    const folder = path.join(base, 'paper');
    const home = path.join(base, 'nvim');
    let nvim: Neovim | undefined;
    try {
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
        fs.writeFileSync(path.join(folder, name), text);
      }
      nvim = Neovim.start(neovimBinary(), folder, {
        PATH: `${installed.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
        XDG_CACHE_HOME: path.join(home, 'cache'),
        XDG_STATE_HOME: path.join(home, 'state'),
        XDG_DATA_HOME: path.join(home, 'data'),
      });
      const session = new NeovimSession(nvim, folder, base, installed);
      await nvim.lua(readmeNeovimConfig());
      await nvim.lua(RECORD_MESSAGES);
      await nvim.request('nvim_command', [`edit ${firstFile}`]);
      await nvim.waitFor('local client = vim.lsp.get_active_clients()[1] return client and client.initialized', 'initialized language server', 20_000);
      return session;
    } catch (error) {
      await nvim?.quit();
      installed.remove();
      fs.rmSync(base, { recursive: true, force: true });
      throw error;
    }
  }

  /** The tarball's paths, as `npm pack` listed them. */
  get tarballFiles(): string[] {
    return this.installed.tarballFiles;
  }

  async close(): Promise<void> {
    try {
      await this.nvim.quit();
    } finally {
      this.installed.remove();
      fs.rmSync(this.base, { recursive: true, force: true });
    }
  }

  async edit(file: string): Promise<void> {
    await this.nvim.input('<Esc>');
    await this.nvim.request('nvim_command', [`edit ${file}`]);
  }

  /** Puts the cursor on the first occurrence of `text` in the current buffer (at its `offset`-th character). */
  async cursorOn(text: string, offset = 0): Promise<void> {
    await this.nvim.input('<Esc>');
    await this.nvim.lua(
      `local text, offset = ...
       for number, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
         local at = line:find(text, 1, true)
         if at then vim.api.nvim_win_set_cursor(0, { number, at - 1 + offset }) return end
       end
       error('not in the buffer: ' .. text)`,
      text,
      offset,
    );
  }

  /**
   * Opens a new line above the line holding `anchor`, types `typed` and asks for omni completion
   * (`<C-x><C-o>`, `vim.lsp.omnifunc`); returns the words Neovim offers, in its order. Completion mode
   * stays on, with the first word inserted (headless Neovim shows no menu to pick from).
   */
  async complete(anchor: string, typed: string): Promise<string[]> {
    await this.cursorOn(anchor);
    await this.nvim.input(`O${typed.replace(/</g, '<lt>')}<C-x><C-o>`);
    return this.nvim.waitFor<string[]>(
      `local info = vim.fn.complete_info({ 'items' })
       if #info.items == 0 then return nil end
       return vim.tbl_map(function(item) return item.word end, info.items)`,
      `completion for ${typed}`,
    );
  }

  /** The documentation Neovim shows beside an offered word (its preview window), while the completion is on. */
  async completionInfo(word: string): Promise<string | undefined> {
    return (await this.nvim.lua<string | null>(`for _, item in ipairs(vim.fn.complete_info({ 'items' }).items) do if item.word == ... then return item.info end end`, word)) ?? undefined;
  }

  /** Runs a Lua chunk that starts a `vim.lsp.buf` command, with the cursor where it is. */
  async run(code: string, ...args: unknown[]): Promise<void> {
    await this.nvim.lua(code, ...args);
  }

  async lines(file?: string): Promise<string[]> {
    return this.nvim.lua<string[]>(`local file = ... return vim.api.nvim_buf_get_lines(file == '' and 0 or vim.fn.bufnr(file), 0, -1, false)`, file ?? '');
  }

  async currentFile(): Promise<{ file: string; line: number }> {
    const [name, line] = await this.nvim.lua<[string, number]>(`return { vim.api.nvim_buf_get_name(0), vim.api.nvim_win_get_cursor(0)[1] }`);
    return { file: path.relative(this.folder, fs.realpathSync(name)), line };
  }

  /** Waits until a buffer's lines satisfy `predicate`; returns them. */
  waitForLines(file: string, predicate: (lines: string[]) => boolean, what: string): Promise<string[]> {
    return until(() => this.lines(file), predicate, (lines) => `no ${what} in ${file}; it holds:\n${lines.join('\n')}`);
  }

  /** The diagnostics Neovim holds for a file (the server pushed them); empty if none. */
  async diagnostics(file: string): Promise<HeldDiagnostic[]> {
    return this.nvim.lua<HeldDiagnostic[]>(
      `local bufnr = vim.fn.bufnr(...)
       if bufnr < 0 then return {} end
       return vim.tbl_map(function(d) return { line = d.lnum + 1, severity = d.severity, code = d.code, message = d.message } end, vim.diagnostic.get(bufnr))`,
      file,
    );
  }

  waitForDiagnostics(file: string, predicate: (held: HeldDiagnostic[]) => boolean, what: string): Promise<HeldDiagnostic[]> {
    return until(() => this.diagnostics(file), predicate, (held) => `no ${what} on ${file}; it holds ${JSON.stringify(held)}`);
  }

  /** Waits for the quickfix list a command fills (references, workspace symbols), then closes its window. */
  async quickfix(what: string): Promise<QuickfixItem[]> {
    const items = await this.nvim.waitFor<{ bufnr: number; lnum: number; text: string }[]>(`local items = vim.fn.getqflist() if #items == 0 then return nil end return items`, what);
    const result: QuickfixItem[] = [];
    for (const item of items) {
      const name = await this.nvim.lua<string>('return vim.api.nvim_buf_get_name(...)', item.bufnr);
      result.push({ file: path.relative(this.folder, fs.realpathSync(name)), line: item.lnum, text: item.text });
    }
    await this.nvim.lua(`vim.fn.setqflist({}, 'r') vim.cmd('cclose')`);
    return result;
  }

  /** The lines of the floating window a hover opened; closes it. */
  async hoverLines(): Promise<string[]> {
    return this.nvim.waitFor<string[]>(
      `for _, win in ipairs(vim.api.nvim_list_wins()) do
         if vim.api.nvim_win_get_config(win).relative ~= '' then
           local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
           vim.api.nvim_win_close(win, true)
           return lines
         end
       end`,
      'hover window',
    );
  }

  /** Makes the next code action menu (`vim.ui.select`) pick the action titled `title`. */
  async choose(title: string): Promise<void> {
    await this.nvim.lua('_G.calm_cite_test.choose = ...', title);
  }

  /** Waits until Neovim has told the user `message` (through `vim.notify` or as an error message). */
  async waitForMessage(message: string): Promise<void> {
    await until(
      () => this.nvim.lua<string[]>(`return vim.list_extend(vim.deepcopy(_G.calm_cite_test.notified), vim.split(vim.fn.execute('messages'), '\\n', { trimempty = true }))`),
      (messages) => messages.includes(message),
      (messages) => `message ${JSON.stringify(message)}; Neovim said ${JSON.stringify(messages)}`,
    );
  }
}

/** Probes until `done`; after 15 s fails with what the last probe saw. */
async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, failure: (last: T) => string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Neovim: within 15 s, ${failure(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The Neovim tests' paper (test/fixtures/lsp-paper: `paper.tex` or `paper.md`, citing CALM keys its
 * `references.bib` lacks) with that `references.bib`, which gains an entry whose key has a colon, as
 * Zotero's Better BibTeX and many labs write them.
 */
export function examplePaper(paper: 'paper.tex' | 'paper.md'): Record<string, string> {
  const example = path.join(REPO, 'test', 'fixtures', 'lsp-paper');
  return {
    [paper]: fs.readFileSync(path.join(example, paper), 'utf8'),
    'references.bib': `${fs.readFileSync(path.join(example, 'references.bib'), 'utf8')}${COLON_ENTRY}`,
  };
}

const COLON_ENTRY = '\n@article{smith:confounding,\n  title = {Confounding in Prompts},\n  author = {Smith, Ada},\n  journal = {Journal of Causal Inference},\n  year = {2023}\n}\n';

/**
 * The Neovim configuration the README gives, run as written (the `lua` block after its "Neovim"
 * heading), so a README that stops working fails here.
 */
export function readmeNeovimConfig(): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const block = /^#+ Neovim[^\n]*\n[\s\S]*?```lua\n([\s\S]*?)```/m.exec(readme);
  if (!block) throw new Error('README.md has no ```lua block under a "Neovim" heading');
  return block[1]!;
}

/** Keeps what `vim.notify` shows, and answers `vim.ui.select` (the code action menu) with the title the test chose. */
const RECORD_MESSAGES = `
  _G.calm_cite_test = { notified = {}, choose = nil }
  vim.notify = function(message) table.insert(_G.calm_cite_test.notified, message) end
  vim.ui.select = function(items, options, on_choice)
    local titles = vim.tbl_map(options.format_item or tostring, items)
    for index, title in ipairs(titles) do
      if title == _G.calm_cite_test.choose then return on_choice(items[index], index) end
    end
    error('no code action titled ' .. tostring(_G.calm_cite_test.choose) .. ' among: ' .. table.concat(titles, '; '))
  end
`;

