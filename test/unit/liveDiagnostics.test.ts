import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CitationFinding } from '../../src/core/citationChecks/checkCitations';
import type { CiteService } from '../../src/core/service/citeService';
import type { LibraryScopes } from '../../src/core/service/libraryScope';
import { LiveDiagnostics, type DiagnosticsUpdate } from '../../src/core/service/liveDiagnostics';
import type { ProjectCheck } from '../../src/core/service/projectCheck';
import { SILENT_LOG } from '../../src/core/service/types';
import type { CancellationToken } from '../../src/core/workspace';
import { MemoryWorkspace } from '../../src/core/workspace/memoryWorkspace';
import { applyEdits, memoryService, positionOf } from './serviceFixtures';

/** Issue #11: the live diagnostics as an editor sees them, over the in-memory workspace: open, edit, close, a library changing. */

/** Waits for the diagnostics update a test expects. */
class Updates {
  private waiting: { accept: (update: DiagnosticsUpdate) => boolean; resolve: (update: DiagnosticsUpdate) => void }[] = [];

  constructor(service: CiteService) {
    service.onDidUpdateDiagnostics((update) => {
      for (const wait of [...this.waiting]) {
        if (!wait.accept(update)) continue;
        this.waiting = this.waiting.filter((each) => each !== wait);
        wait.resolve(update);
      }
    });
  }

  /** The next update `accept` takes; fails after two seconds. Call it before the change that causes the update. */
  next(accept: (update: DiagnosticsUpdate) => boolean): Promise<DiagnosticsUpdate> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no such diagnostics update within 2 s')), 2000);
      this.waiting.push({ accept, resolve: (update) => (clearTimeout(timer), resolve(update)) });
    });
  }
}

const rules = (findings: readonly CitationFinding[] | undefined) => (findings ?? []).map((finding) => `${finding.rule}@${finding.line}`);

const PAPER = '\\documentclass{article}\n\\begin{document}\n\\cite{known}\n\\bibliography{refs}\n\\end{document}\n';

function editor(options: { hintsOnlyForOpenFiles?: boolean } = {}) {
  const { workspace, service } = memoryService({
    files: { '/p/paper.tex': PAPER, '/p/refs.bib': '@misc{known, title={K}}\n' },
    settings: { '*': { library: { includeBundled: false } } },
    options: { liveDiagnostics: { delayMs: 0, ...options } },
  });
  return { workspace, service, updates: new Updates(service) };
}

describe('live diagnostics', () => {
  test('opening, editing and closing a document publishes its findings, then clears them', async () => {
    const { workspace, service, updates } = editor();
    try {
      // Opened as it is on disk: nothing wrong, so nothing to publish yet.
      workspace.setDocument('/p/paper.tex', PAPER);
      const typo = updates.next((update) => update.has('/p/paper.tex'));
      const edited = applyEdits(PAPER, [{ path: '/p/paper.tex', range: { start: positionOf(PAPER, 'known'), end: positionOf(PAPER, 'known', 5) }, newText: 'knwon' }]);
      workspace.setDocument('/p/paper.tex', edited);
      const published = (await typo).get('/p/paper.tex')!;
      assert.deepEqual(rules(published), ['cite/undefined-key@3']);
      assert.match(published[0]!.message, /'knwon'.*Did you mean 'known'/);
      assert.deepEqual(service.diagnostics('/p/paper.tex'), published);
      assert.deepEqual(rules(service.diagnostics('/p/refs.bib')), ['cite/unused-entry@1']);
      // The quick fix offered for it replaces the key.
      const [fix] = await service.codeActions('/p/paper.tex', { start: positionOf(edited, 'knwon'), end: positionOf(edited, 'knwon') });
      assert.equal(applyEdits(edited, fix!.edits), PAPER);

      const fixed = updates.next((update) => update.get('/p/paper.tex')?.length === 0);
      workspace.setDocument('/p/paper.tex', PAPER);
      await fixed;
      assert.deepEqual(service.diagnostics('/p/paper.tex'), []);
      assert.deepEqual(service.diagnostics('/p/refs.bib'), []);

      workspace.setDocument('/p/paper.tex', edited);
      await updates.next((update) => update.get('/p/paper.tex')?.length === 1);
      const cleared = updates.next((update) => update.get('/p/paper.tex')?.length === 0 && update.get('/p/refs.bib')?.length === 0);
      workspace.closeDocument('/p/paper.tex');
      await cleared;
      assert.deepEqual(service.diagnostics('/p/paper.tex'), []);
    } finally {
      service.dispose();
    }
  });

  test('a library changing on disk re-checks the open documents that use it', async () => {
    const { workspace, service, updates } = editor();
    try {
      const first = updates.next((update) => update.has('/p/paper.tex'));
      workspace.setDocument('/p/paper.tex', PAPER.replace('\\cite{known}', '\\cite{added}'));
      assert.deepEqual(rules((await first).get('/p/paper.tex')), ['cite/undefined-key@3']);
      const resolved = updates.next((update) => update.get('/p/paper.tex')?.length === 0);
      workspace.writeFile('/p/refs.bib', '@misc{known, title={K}}\n@misc{added, title={A}}\n');
      await resolved;
      assert.deepEqual(rules(service.diagnostics('/p/refs.bib')), ['cite/unused-entry@1']);
    } finally {
      service.dispose();
    }
  });

  test('calmCite.diagnostics.enabled off clears what was shown; on again shows it', async () => {
    const { workspace, service, updates } = editor();
    try {
      const shown = updates.next((update) => update.get('/p/paper.tex')?.length === 1);
      workspace.setDocument('/p/paper.tex', PAPER.replace('known}', 'nokey}'));
      await shown;
      const cleared = updates.next((update) => update.get('/p/paper.tex')?.length === 0);
      workspace.setSettings({ '*': { library: { includeBundled: false }, diagnostics: { enabled: false } } });
      await cleared;
      assert.deepEqual(service.diagnostics('/p/paper.tex'), []);
      const again = updates.next((update) => update.get('/p/paper.tex')?.length === 1);
      workspace.setSettings({ '*': { library: { includeBundled: false } } });
      await again;
    } finally {
      service.dispose();
    }
  });

  test("typing a key in a paper publishes the paper's findings, never again the unchanged hints of its library; citing another entry does", async () => {
    const { workspace, service, updates } = editor();
    const bib = '@misc{known, title={K}}\n@misc{other, title={O}}\n@misc{third, title={T}}\n';
    workspace.writeFile('/p/refs.bib', bib);
    const seen: DiagnosticsUpdate[] = [];
    service.onDidUpdateDiagnostics((update) => seen.push(update));
    try {
      const hints = updates.next((update) => update.get('/p/refs.bib')?.length === 2);
      workspace.setDocument('/p/refs.bib', bib, 'bibtex');
      workspace.setDocument('/p/paper.tex', PAPER);
      assert.deepEqual(rules((await hints).get('/p/refs.bib')), ['cite/unused-entry@2', 'cite/unused-entry@3']);
      const before = seen.length;
      for (const typed of ['k, n', 'k, no', 'k, nov']) {
        const checked = updates.next((update) => update.get('/p/paper.tex')?.some((finding) => finding.message.includes(`'${typed.slice(3)}'`)) ?? false);
        workspace.setDocument('/p/paper.tex', PAPER.replace('\\cite{known}', `\\cite{known${typed.slice(1)}}`));
        await checked;
      }
      assert.ok(seen.length > before);
      assert.deepEqual(seen.slice(before).filter((update) => update.has('/p/refs.bib')), []);
      // Positive control: citing another of its entries changes the library's findings, so they are published.
      const fewer = updates.next((update) => update.get('/p/refs.bib')?.length === 1);
      workspace.setDocument('/p/paper.tex', PAPER.replace('\\cite{known}', '\\cite{known, other}'));
      assert.deepEqual(rules((await fewer).get('/p/refs.bib')), ['cite/unused-entry@3']);
    } finally {
      service.dispose();
    }
  });

  test('with hintsOnlyForOpenFiles (VS Code) a library gets its unused-entry hints when opened and loses them when closed, warnings always', async () => {
    const { workspace, service, updates } = editor({ hintsOnlyForOpenFiles: true });
    const bib = '@misc{known, title={K}}\n@misc{unused, title={U}}\n@misc{dup, title={D}}\n@misc{dup, title={E}}\n';
    workspace.writeFile('/p/refs.bib', bib);
    try {
      const closed = updates.next((update) => update.has('/p/refs.bib'));
      workspace.setDocument('/p/paper.tex', PAPER);
      assert.deepEqual(rules((await closed).get('/p/refs.bib')), ['cite/duplicate-key@3', 'cite/duplicate-key@4']);
      // Positive control: without the option (Neovim keeps every file's diagnostics) the hints are sent too.
      const all = editor();
      try {
        all.workspace.writeFile('/p/refs.bib', bib);
        const sent = all.updates.next((update) => update.has('/p/refs.bib'));
        all.workspace.setDocument('/p/paper.tex', PAPER);
        assert.equal((await sent).get('/p/refs.bib')!.length, 5);
      } finally {
        all.service.dispose();
      }
      // The service itself still knows them (a client that pulls asks only for open files).
      assert.equal(service.diagnostics('/p/refs.bib').filter((finding) => finding.severity === 'hint').length, 3);
      const opened = updates.next((update) => (update.get('/p/refs.bib') ?? []).some((finding) => finding.rule === 'cite/unused-entry'));
      workspace.setDocument('/p/refs.bib', bib, 'bibtex');
      assert.deepEqual(rules((await opened).get('/p/refs.bib')).sort(), ['cite/duplicate-key@3', 'cite/duplicate-key@4', 'cite/unused-entry@2', 'cite/unused-entry@3', 'cite/unused-entry@4']);
      const closedAgain = updates.next((update) => update.has('/p/refs.bib') && !update.get('/p/refs.bib')!.some((finding) => finding.severity === 'hint'));
      workspace.closeDocument('/p/refs.bib');
      assert.deepEqual(rules((await closedAgain).get('/p/refs.bib')), ['cite/duplicate-key@3', 'cite/duplicate-key@4']);
    } finally {
      service.dispose();
    }
  });

  test('an edit cancels the check still running for the previous version; the newest one publishes', async () => {
    const workspace = new MemoryWorkspace({ folders: ['/p'] });
    const checks: { text: string; token: CancellationToken; finish: () => void }[] = [];
    // Each check waits (as for a library being read) until the test lets it finish.
    const checkProject = async (path: string, token: CancellationToken): Promise<ProjectCheck> => {
      const text = workspace.openDocument(path)!.text;
      await new Promise<void>((resolve) => checks.push({ text, token, finish: resolve }));
      const finding: CitationFinding = { rule: 'cite/undefined-key', severity: 'error', file: path, line: 1, column: 1, message: text };
      return { byFile: new Map([[path, [finding]]]), findings: [finding], root: path, files: [path], libraryPaths: [], ownLibraryFiles: [] };
    };
    const live = new LiveDiagnostics({ workspace, scopes: { isKnownLibrary: () => false } as unknown as LibraryScopes, checkProject, log: SILENT_LOG, delayMs: 0 });
    const published: string[] = [];
    live.onDidUpdate((update) => published.push(...(update.get('/p/paper.tex') ?? []).map((finding) => finding.message)));
    const started = async (count: number) => {
      while (checks.length < count) await new Promise((resolve) => setTimeout(resolve, 1));
    };
    try {
      workspace.setDocument('/p/paper.tex', '\\cite{a}');
      await started(1);
      workspace.setDocument('/p/paper.tex', '\\cite{ab}');
      assert.equal(checks[0]!.token.isCancellationRequested, true);
      await started(2);
      assert.equal(checks[1]!.token.isCancellationRequested, false);
      checks[1]!.finish();
      checks[0]!.finish();
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(published, ['\\cite{ab}']);
    } finally {
      live.dispose();
    }
  });

  test('a check readies the completion first and starts only once no completion or hover is in flight', async () => {
    const workspace = new MemoryWorkspace({ folders: ['/p'] });
    const order: string[] = [];
    let settle: () => void = () => undefined;
    const checkProject = async (path: string): Promise<ProjectCheck> => {
      order.push('check');
      return { byFile: new Map(), findings: [], root: path, files: [path], libraryPaths: [], ownLibraryFiles: [] };
    };
    const live = new LiveDiagnostics({
      workspace,
      scopes: { isKnownLibrary: () => false } as unknown as LibraryScopes,
      checkProject,
      prepareCompletion: async () => void order.push('prepare'),
      requestsSettled: () => new Promise<void>((resolve) => (settle = () => (order.push('settled'), resolve()))),
      log: SILENT_LOG,
      delayMs: 0,
    });
    try {
      workspace.setDocument('/p/paper.tex', '\\cite{a}');
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(order, ['prepare']);
      settle();
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(order, ['prepare', 'settled', 'check']);
    } finally {
      live.dispose();
    }
  });

  test('without liveDiagnostics (the CLI) nothing is checked in the background', async () => {
    const { workspace, service } = memoryService({ files: { '/p/refs.bib': '@misc{known, title={K}}\n' }, open: { '/p/paper.tex': PAPER.replace('known}', 'nokey}') } });
    const seen: DiagnosticsUpdate[] = [];
    service.onDidUpdateDiagnostics((update) => seen.push(update));
    workspace.setDocument('/p/paper.tex', PAPER.replace('known}', 'other}'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual([seen, service.diagnostics('/p/paper.tex'), workspace.opened], [[], [], []]);
    // Positive control: the same document checked on request has its finding.
    assert.deepEqual(rules((await service.checkProject('/p/paper.tex')).findings.filter((finding) => finding.file === '/p/paper.tex')), ['cite/undefined-key@3']);
  });
});

test('an open JSON file nobody names (an editor\'s own settings.json) is not checked as a CSL library; one a paper names is', async () => {
  const { workspace, service } = memoryService({
    files: { '/p/paper.md': '---\nbibliography: refs.json\n---\nSee [@known].\n', '/p/refs.json': '[{"id": "known", "title": "K"}, {"title": "no id"}]' },
    settings: { '*': { library: { includeBundled: false } } },
    options: { liveDiagnostics: { delayMs: 0 } },
  });
  const updates = new Updates(service);
  const settingsJson = '/home/user/.config/Code/User/settings.json';
  workspace.setDocument(settingsJson, '{ "editor.fontSize": 14 }', 'json');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(service.diagnostics(settingsJson), []);
  // Positive control: the paper names refs.json, so once read it is a library and, open on its own, it is checked.
  const paperChecked = updates.next((update) => update.has('/p/paper.md'));
  workspace.setDocument('/p/paper.md', '---\nbibliography: refs.json\n---\nSee [@known; @nosuch].\n', 'markdown');
  await paperChecked;
  const libraryChecked = updates.next((update) => (update.get('/p/refs.json') ?? []).some((finding) => finding.rule === 'bib/parse-error'));
  workspace.setDocument('/p/refs.json', '[{"id": "known", "title": "K"}, {"title": "no id"}]', 'json');
  await libraryChecked;
});
