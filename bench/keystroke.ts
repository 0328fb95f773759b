// The language server's work per keystroke at 90k entries, replayed on the citation service without an
// editor: a completion request, and the live check that follows an edit with its findings published as the
// server publishes them (the service's live diagnostics, as VS Code's server runs them, each update turned
// into LSP diagnostics as JSON); and the memory held at each stage of loading. Run with --expose-gc (npm run
// bench does) for the memory after GC; the heap before reading holds this process's own copy of the keys.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { CitationFinding } from '../src/core/citationChecks/checkCitations';
import { bundledLibrary } from '../src/core/library/bundled';
import { createWorkerParser, type WorkerParser } from '../src/core/library/worker/workerParser';
import { createCiteService } from '../src/core/service/citeService';
import type { DiagnosticsUpdate } from '../src/core/service/liveDiagnostics';
import { NodeWorkspace } from '../src/core/workspace/nodeWorkspace';
import { BENCH_DIR, benchLibraries, benchWorkspace, PAPER } from './editor/workspace';

const REPOSITORY = path.resolve(__dirname, '..');
const WORKER = path.join(BENCH_DIR, 'libraryWorker.js');

const STEPS = [
  'completion (`service.completion`: context, project, library, search, items)',
  'completion items as the server sends them (JSON)',
  'resolve of the focused item (`service.describe`: CSL preview)',
  'live check and publish: from the edit to its update sent (check, files whose findings changed, diagnostics as JSON)',
] as const;
/** The longest a keystroke's live check may take before the bench calls it lost. */
const CHECK_TIMEOUT_MS = 10_000;

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** A finding as the server sends it (LSP Diagnostic). */
function diagnostic(finding: CitationFinding) {
  const line = (finding.line ?? 1) - 1;
  const character = (finding.column ?? 1) - 1;
  const end = finding.endLine !== undefined ? { line: finding.endLine - 1, character: (finding.endColumn ?? 1) - 1 } : { line, character: character + 1 };
  return { range: { start: { line, character }, end }, severity: finding.severity, source: 'CALM Cite', code: finding.rule, message: finding.message };
}

/** The longest the event loop went without running a 5 ms timer, from now until `stop`. */
function eventLoopStalls(): { stop: () => number } {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}

/** The read alone, in a service of its own (dropped after): how long, and the longest the thread is held meanwhile. */
async function timeRead(root: string, paperPath: string, parser: WorkerParser): Promise<{ readMs: number; readStallMs: number }> {
  const reader = createCiteService(new NodeWorkspace({ folders: [root] }), { bundled: bundledLibrary(REPOSITORY), parser: parser.parse });
  const stalls = eventLoopStalls();
  const started = performance.now();
  await reader.library(paperPath);
  const readMs = performance.now() - started;
  const readStallMs = stalls.stop();
  reader.dispose();
  return { readMs, readStallMs };
}

export async function run(): Promise<void> {
  const library = benchLibraries(['90k'], [])[0]!;
  const { files, layout } = benchWorkspace(library);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-keystroke-'));
  const rows: string[] = [];
  let lastHeap: number | undefined;
  const memory = (label: string) => {
    const before = process.memoryUsage();
    global.gc?.();
    const after = process.memoryUsage();
    const added = global.gc && lastHeap !== undefined ? `${after.heapUsed >= lastHeap ? '+' : ''}${megabytes(after.heapUsed - lastHeap)}` : '—';
    lastHeap = after.heapUsed;
    rows.push(`| ${label} | ${megabytes(before.rss)} | ${megabytes(before.heapUsed)} | ${global.gc ? megabytes(after.heapUsed) : '—'} | ${added} |`);
  };
  try {
    for (const [name, content] of Object.entries(files)) {
      if (typeof content === 'string') fs.writeFileSync(path.join(root, name), content);
      else fs.copyFileSync(content.copyFrom, path.join(root, name));
    }
    await esbuild.build({ entryPoints: [path.join(REPOSITORY, 'src/core/library/worker/parseWorkerMain.ts')], bundle: true, platform: 'node', outfile: WORKER, logLevel: 'warning' });
    const paperPath = path.join(root, PAPER);
    const lines = fs.readFileSync(paperPath, 'utf8').split('\n');
    // As the server runs it: the worker for the libraries it parses there, the paper open in the editor.
    const workspace = new NodeWorkspace({ folders: [root] });
    const parser = createWorkerParser(WORKER, (message) => console.error(message));
    const service = createCiteService(workspace, {
      bundled: bundledLibrary(REPOSITORY),
      parser: parser.parse,
      liveDiagnostics: { delayMs: 0, hintsOnlyForOpenFiles: true },
    });
    // What the server does with each update: LSP diagnostics, serialised as the connection sends them.
    let sent: { update: DiagnosticsUpdate; diagnostics: number; bytes: number } | undefined;
    let onSent: (() => void) | undefined;
    service.onDidUpdateDiagnostics((update) => {
      const json = [...update].map(([file, findings]) => JSON.stringify({ uri: file, diagnostics: findings.map(diagnostic) }));
      sent = { update, diagnostics: [...update.values()].reduce((sum, list) => sum + list.length, 0), bytes: json.reduce((sum, each) => sum + each.length, 0) };
      onSent?.();
    });
    const published = (accept: (update: DiagnosticsUpdate) => boolean) =>
      new Promise<{ diagnostics: number; bytes: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
        onSent = () => {
          if (!sent || !accept(sent.update)) return;
          clearTimeout(timer);
          onSent = undefined;
          resolve(sent);
        };
      });
    let version = 1;
    const open = () => workspace.setDocument({ path: paperPath, text: lines.join('\n'), version: version++, languageId: 'latex' });

    const { readMs, readStallMs } = await timeRead(root, paperPath, parser);
    memory('before opening the paper');

    // As in the editor: the paper opens, its check is scheduled, and the editor asks for a list at once.
    const firstCheck = published((update) => update.has(paperPath));
    const started = performance.now();
    open();
    await service.completion(paperPath, layout.open);
    const firstListMs = performance.now() - started;
    memory('first list (library read, search index built)');
    const firstDiagnostics = await firstCheck;
    memory('first live check published');

    const steps = STEPS.map((name) => ({ name, times: [] as number[] }));
    const time = async <T>(step: number, work: () => T | Promise<T>): Promise<T> => {
      const start = performance.now();
      const result = await work();
      steps[step]!.times.push(performance.now() - start);
      return result;
    };
    let diagnosticsSent = 0;
    let bytesSent = 0;
    for (const [index, query] of library.queries.entries()) {
      const at = layout.slow[index]!;
      for (let typed = 1; typed <= query.length; typed++) {
        lines[at.line - 1] = `Related results \\citep{${query.slice(0, typed)}}.`;
        // The key being typed is undefined: the paper's findings name it, so each keystroke's check publishes.
        const typedKey = `'${query.slice(0, typed)}'`;
        const checked = published((update) => (update.get(paperPath) ?? []).some((finding) => finding.message.startsWith(typedKey)));
        const edited = performance.now();
        open();
        const position = { line: at.line, column: at.column + typed };
        const completion = await time(0, () => service.completion(paperPath, position));
        await time(1, () => JSON.stringify(completion!.items.map((item) => ({ label: item.key, labelDetails: { description: item.detail }, detail: item.title, sortText: item.sortText }))));
        if (completion!.items[0]) await time(2, () => service.describe(paperPath, completion!.items[0]!.key));
        const { diagnostics, bytes } = await checked;
        diagnosticsSent += diagnostics;
        bytesSent += bytes;
        // One thread does it all, so the keystroke's time less the requests above is the check's and its publishing's.
        steps[3]!.times.push(performance.now() - edited - steps[0]!.times.at(-1)! - steps[1]!.times.at(-1)! - steps[2]!.times.at(-1)!);
      }
    }
    const keystrokes = steps[0]!.times.length;
    memory(`after ${keystrokes} keystrokes`);
    parser.dispose();
    service.dispose();

    const total = steps.reduce((sum, step) => sum + median(step.times), 0);
    console.log(`\n## The language server's work per keystroke, replayed on the service (${library.title}, ${keystrokes} keystrokes typing ${library.queries.join(', ')})\n`);
    console.log(
      `Library read: ${readMs.toFixed(0)} ms, the thread held at most ${readStallMs.toFixed(0)} ms at a time meanwhile; ` +
        `open to first list: ${firstListMs.toFixed(0)} ms; ` +
        `first check: ${firstDiagnostics.diagnostics} diagnostics sent (${megabytes(firstDiagnostics.bytes)} MB of JSON). ` +
        `Per keystroke: ${(diagnosticsSent / keystrokes).toFixed(0)} diagnostics sent, ${(bytesSent / keystrokes / 1024).toFixed(0)} KB of JSON.\n`,
    );
    console.log('| step | median ms | max ms | share of a keystroke |');
    console.log('|---|---|---|---|');
    for (const step of steps) console.log(`| ${step.name} | ${median(step.times).toFixed(2)} | ${Math.max(...step.times).toFixed(1)} | ${((100 * median(step.times)) / total).toFixed(0)}% |`);
    console.log(`| **per keystroke** | **${total.toFixed(1)}** | | |`);
    console.log('\n| memory | RSS MB | heap used MB | heap used after GC MB | added by the stage MB |');
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
