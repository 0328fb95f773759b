// The language server's work per keystroke at 90k entries, replayed on the citation service without an
// editor: a completion request and the live check that follows an edit, step by step, the check's findings
// published as the service does today (every file the check touches) beside publishing only the files whose
// findings changed; and the memory held at each stage of loading. Run with --expose-gc (npm run bench does)
// for the memory after GC; the heap before reading holds this process's own copy of the library's keys.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { CitationFinding } from '../src/core/citationChecks/checkCitations';
import { bundledLibrary } from '../src/core/library/bundled';
import { createWorkerParser, WORKER_IDLE_MS } from '../src/core/library/worker/workerParser';
import { createCiteService } from '../src/core/service/citeService';
import { findingsByFile } from '../src/core/service/findingsByFile';
import { NodeWorkspace } from '../src/core/workspace/nodeWorkspace';
import { BENCH_DIR, benchLibraries, benchWorkspace, PAPER } from './editor/workspace';

const REPOSITORY = path.resolve(__dirname, '..');
const WORKER = path.join(BENCH_DIR, 'libraryWorker.js');

const STEPS = [
  'completion (`service.completion`: context, project, library, search, items)',
  'completion items as the server sends them (JSON)',
  'resolve of the focused item (`service.describe`: CSL preview)',
  'live check (`service.checkProject`)',
  'publish every file the check touched, as today (`findingsByFile`, diagnostics as JSON)',
  'publish only the files whose findings changed',
] as const;

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
    // As the server runs it: libraries parsed on the worker thread, the paper open in the editor.
    const workspace = new NodeWorkspace({ folders: [root] });
    const parser = createWorkerParser(WORKER, (message) => console.error(message));
    const service = createCiteService(workspace, { bundled: bundledLibrary(REPOSITORY), parser: parser.parse });
    let version = 1;
    const open = () => workspace.setDocument({ path: paperPath, text: lines.join('\n'), version: version++, languageId: 'latex' });
    open();
    memory('before reading');

    let started = performance.now();
    await service.library(paperPath);
    const readMs = performance.now() - started;
    memory('library read on the worker and revived');
    await new Promise((resolve) => setTimeout(resolve, WORKER_IDLE_MS + 500));
    memory('... 2.5 s later (the worker stops when idle)');
    started = performance.now();
    await service.completion(paperPath, layout.open);
    const indexMs = performance.now() - started;
    memory('search index built (first completion)');
    started = performance.now();
    let project = await service.checkProject(paperPath);
    const firstCheckMs = performance.now() - started;
    memory('first live check');

    const steps = STEPS.map((name) => ({ name, times: [] as number[] }));
    const time = async <T>(step: number, work: () => T | Promise<T>): Promise<T> => {
      const start = performance.now();
      const result = await work();
      steps[step]!.times.push(performance.now() - start);
      return result;
    };
    const published = new Map<string, readonly CitationFinding[]>();
    let publishedToday = 0;
    let publishedChanged = 0;
    for (const [index, query] of library.queries.entries()) {
      const at = layout.slow[index]!;
      for (let typed = 1; typed <= query.length; typed++) {
        lines[at.line - 1] = `Related results \\citep{${query.slice(0, typed)}}.`;
        open();
        const position = { line: at.line, column: at.column + typed };
        const completion = await time(0, () => service.completion(paperPath, position));
        await time(1, () => JSON.stringify(completion!.items.map((item) => ({ label: item.key, labelDetails: { description: item.detail }, detail: item.title, sortText: item.sortText }))));
        if (completion!.items[0]) await time(2, () => service.describe(paperPath, completion!.items[0]!.key));
        project = await time(3, () => service.checkProject(paperPath));
        const touched = new Set(project.findings.map((finding) => finding.file));
        await time(4, () => {
          const byFile = findingsByFile([project], touched);
          publishedToday += [...byFile.values()].reduce((sum, list) => sum + list.length, 0);
          return JSON.stringify([...byFile].map(([file, list]) => [file, list.map(diagnostic)]));
        });
        await time(5, () => {
          const byFile = new Map<string, CitationFinding[]>();
          for (const finding of project.findings) {
            const list = byFile.get(finding.file);
            if (list) list.push(finding);
            else byFile.set(finding.file, [finding]);
          }
          const changed = [...byFile].filter(([file, list]) => {
            const before = published.get(file);
            return before === undefined || before.length !== list.length || list.some((finding, at) => finding !== before[at]);
          });
          for (const [file, list] of changed) published.set(file, list);
          publishedChanged += changed.reduce((sum, [, list]) => sum + list.length, 0);
          return JSON.stringify(changed.map(([file, list]) => [file, list.map(diagnostic)]));
        });
      }
    }
    const keystrokes = steps[0]!.times.length;
    memory(`after ${keystrokes} keystrokes`);
    parser.dispose();
    service.dispose();

    const sum = (indices: number[]) => indices.reduce((total, index) => total + median(steps[index]!.times), 0);
    const today = sum([0, 1, 2, 3, 4]);
    const incremental = sum([0, 1, 2, 3, 5]);
    console.log(`\n## The language server's work per keystroke, replayed on the service (${library.title}, ${keystrokes} keystrokes typing ${library.queries.join(', ')})\n`);
    console.log(
      `Library read on the worker and revived: ${readMs.toFixed(0)} ms; first completion (builds the search index): ${indexMs.toFixed(0)} ms; ` +
        `first check: ${firstCheckMs.toFixed(0)} ms, ${project.findings.length} findings. Diagnostics published per keystroke: ` +
        `${(publishedToday / keystrokes).toFixed(0)} as today, ${(publishedChanged / keystrokes).toFixed(0)} publishing changed files only.\n`,
    );
    console.log("| step | median ms | max ms | share of today's keystroke |");
    console.log('|---|---|---|---|');
    steps.forEach((step, index) => {
      const share = index <= 4 ? `${((100 * median(step.times)) / today).toFixed(0)}%` : '';
      console.log(`| ${step.name} | ${median(step.times).toFixed(2)} | ${Math.max(...step.times).toFixed(1)} | ${share} |`);
    });
    console.log(`| **per keystroke, publishing as today** | **${today.toFixed(1)}** | | |`);
    console.log(`| **per keystroke, publishing changed files only** | **${incremental.toFixed(1)}** | | |`);
    console.log('\n| memory | RSS MB | heap used MB | heap used after GC MB | added by the stage MB |');
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
