// The editor's work per keystroke at 90k entries, replayed in the core without an editor: what the VS Code
// extension does for a completion request and for the live check that follows an edit, step by step, with
// the memory held at each stage of loading. Run with --expose-gc (npm run bench does) for the memory after GC;
// the heap before reading holds this process's own copy of the library's keys (the paper cites some).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { checkProject } from '../src/core/project/checkProject';
import { documentLibraryPaths } from '../src/core/project/documentLibraries';
import { findingsByFile } from '../src/core/project/findingsByFile';
import { checkCitationsByFile, type CitationFinding } from '../src/core/citationChecks/checkCitations';
import { findingSpan } from '../src/core/citationChecks/findingSpan';
import { citationContextAt, findCitations } from '../src/core/citations';
import { completeCitation } from '../src/core/features/completion';
import { referenceMarkdown } from '../src/core/features/referenceMarkdown';
import { LibraryCatalog, type LibraryFileSource } from '../src/core/library/catalog';
import type { Library } from '../src/core/library/library';
import { createWorkerParser, WORKER_IDLE_MS } from '../src/core/library/worker/workerParser';
import { BENCH_DIR, benchLibraries, benchWorkspace, LIBRARY_FILE, PAPER } from './editor/workspace';

const WORKER = path.join(BENCH_DIR, 'libraryWorker.js');

interface Step {
  name: string;
  times: number[];
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

/** Heap in use after a collection at the previous stage, so each row says what its stage added. */
let lastHeap: number | undefined;

function memory(label: string, rows: string[]): void {
  const before = process.memoryUsage();
  global.gc?.();
  const after = process.memoryUsage();
  const added = global.gc && lastHeap !== undefined ? `${after.heapUsed >= lastHeap ? '+' : ''}${megabytes(after.heapUsed - lastHeap)}` : '—';
  lastHeap = after.heapUsed;
  rows.push(`| ${label} | ${megabytes(before.rss)} | ${megabytes(before.heapUsed)} | ${global.gc ? megabytes(after.heapUsed) : '—'} | ${added} |`);
}

/** A finding as VS Code sends a diagnostic to the window (IMarkerData). */
function diagnostic(finding: CitationFinding, lines: readonly string[] | undefined) {
  const line = Math.max((finding.line ?? 1) - 1, 0);
  const span = findingSpan(finding, lines?.[line]);
  return { severity: finding.severity, message: finding.message, code: finding.rule, source: 'CALM Cite', startLineNumber: line + 1, startColumn: span.start, endLineNumber: line + 1, endColumn: span.end };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function run(): Promise<void> {
  const library = benchLibraries(['90k'], [])[0]!;
  const { files, layout } = benchWorkspace(library);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-keystroke-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      if (typeof content === 'string') fs.writeFileSync(path.join(root, name), content);
      else fs.copyFileSync(content.copyFrom, path.join(root, name));
    }
    await esbuild.build({ entryPoints: [path.resolve(__dirname, '../src/core/library/worker/parseWorkerMain.ts')], bundle: true, platform: 'node', outfile: WORKER, logLevel: 'warning' });
    const paperPath = path.join(root, PAPER);
    let text = fs.readFileSync(paperPath, 'utf8');
    // As the extension reads: the paper from the editor's buffer, library files as bytes from disk.
    const source: LibraryFileSource = {
      readFile: async (file) => (file === paperPath ? text : fs.promises.readFile(file, 'utf8').catch(() => undefined)),
      readLibraryFile: async (file) => fs.promises.readFile(file).catch(() => undefined),
    };
    const parser = createWorkerParser(WORKER, (message) => console.error(message));
    const catalog = new LibraryCatalog(source, parser.parse);
    const discovery = { workspaceRoot: root };
    const rows: string[] = [];
    memory('before reading', rows);

    const libraryFor = async (): Promise<Library> => {
      const paths = await documentLibraryPaths({ path: paperPath, text, language: 'latex' }, source, discovery);
      return (await catalog.resolve({ paths: paths.paths, includeBundled: true })).library;
    };
    let started = performance.now();
    const completionLibrary = await libraryFor();
    const readMs = performance.now() - started;
    memory('library read on the worker, revived on this thread', rows);
    await new Promise((resolve) => setTimeout(resolve, WORKER_IDLE_MS + 500));
    memory('... and the worker stopped', rows);
    started = performance.now();
    completionLibrary.search('a');
    const indexMs = performance.now() - started;
    memory('search index built (first completion)', rows);
    started = performance.now();
    const check = () =>
      checkProject({ document: { path: paperPath, text, language: 'latex' }, fs: source, catalog, discovery });
    await check();
    const firstCheckMs = performance.now() - started;
    memory('first live check (second and third Library over the same file)', rows);

    const steps: Step[] = [
      'completion: scan the document (context, cited keys)',
      'completion: discovery (\\input tree, bibliography)',
      'completion: catalog.resolve',
      'completion: search',
      'completion: items + serialisation',
      'completion: resolve the focused item (CSL preview)',
      'live check: checkProject (discovery, resolve, checkCitations)',
      'live check: findingsByFile',
      'live check: diagnostics + serialisation',
      'incremental check: discovery + catalog.resolve',
      'incremental check: checkCitationsByFile',
      'incremental check: diagnostics + serialisation of changed files',
    ].map((name) => ({ name, times: [] }));
    let findings = 0;
    const published = new Map<string, readonly CitationFinding[]>();
    const time = async <T>(step: number, work: () => T | Promise<T>): Promise<T> => {
      const start = performance.now();
      const result = await work();
      steps[step]!.times.push(performance.now() - start);
      return result;
    };
    const lines = text.split('\n');
    for (const [index, query] of library.queries.entries()) {
      const at = layout.slow[index]!;
      for (let typed = 1; typed <= query.length; typed++) {
        lines[at.line - 1] = `Related results \\citep{${query.slice(0, typed)}}.`;
        text = lines.join('\n');
        const offset = lines.slice(0, at.line - 1).join('\n').length + 1 + at.column - 1 + typed;
        await time(0, () => {
          citationContextAt(text, offset, 'latex');
          return findCitations(text, 'latex');
        });
        await time(1, () => documentLibraryPaths({ path: paperPath, text, language: 'latex' }, source, discovery));
        const resolved = await time(2, () => catalog.resolve({ paths: [path.join(root, LIBRARY_FILE)], includeBundled: true }));
        const completion = await time(3, () => completeCitation(text, offset, 'latex', () => resolved.library));
        await time(4, () =>
          JSON.stringify(
            completion!.entries.map((entry) => ({
              label: { label: entry.reference.key, description: entry.detail },
              detail: entry.reference.title,
              insertText: entry.reference.key,
              sortText: entry.sortText,
              filterText: completion!.query,
            })),
          ),
        );
        if (completion!.entries[0]) await time(5, () => referenceMarkdown(completion!.entries[0]!.reference, { style: 'apa' }));
        const project = await time(6, check);
        findings = project.findings.length;
        const byFile = await time(7, () => findingsByFile([project]));
        await time(8, () => JSON.stringify([...byFile].map(([file, list]) => [file, list.map((finding) => diagnostic(finding, file === paperPath ? lines : undefined))])));

        // What the service must do instead: check by file, and publish only a file whose list is not the one published last.
        const scope = await time(9, async () => {
          const discovered = await documentLibraryPaths({ path: paperPath, text, language: 'latex' }, source, discovery);
          return { discovered, library: (await catalog.resolve({ paths: discovered.paths, includeBundled: false })).library };
        });
        const checked = await time(10, () =>
          checkCitationsByFile({ documents: [{ path: paperPath, text, language: 'latex' }], library: scope.library, ownLibraryFiles: scope.discovered.paths }),
        );
        await time(11, () => {
          const changed = [...checked].filter(([file, list]) => published.get(file) !== list);
          for (const [file, list] of checked) published.set(file, list);
          return JSON.stringify(changed.map(([file, list]) => [file, list.map((finding) => diagnostic(finding, file === paperPath ? lines : undefined))]));
        });
      }
    }
    memory(`after ${steps[0]!.times.length} keystrokes`, rows);
    parser.dispose();

    const keystrokes = steps[0]!.times.length;
    const sum = (indices: number[]) => indices.reduce((total, index) => total + median(steps[index]!.times), 0);
    const today = sum([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const incremental = sum([0, 1, 2, 3, 4, 5, 9, 10, 11]);
    console.log(`\n## The editor's work per keystroke, replayed in the core (${library.title}, ${keystrokes} keystrokes typing ${library.queries.join(', ')})\n`);
    console.log(`Read the library on the worker and revived it: ${readMs.toFixed(0)} ms; search index: ${indexMs.toFixed(0)} ms; first live check: ${firstCheckMs.toFixed(0)} ms; ${findings} findings per check.\n`);
    console.log('| step | median ms | max ms | share of today\'s keystroke |');
    console.log('|---|---|---|---|');
    steps.forEach((step, index) => {
      const share = index <= 8 ? `${((100 * median(step.times)) / today).toFixed(0)}%` : '';
      console.log(`| ${step.name} | ${median(step.times).toFixed(2)} | ${Math.max(...step.times).toFixed(1)} | ${share} |`);
    });
    console.log(`| **per keystroke today** (completion + live check as the extension runs it) | **${today.toFixed(1)}** | | |`);
    console.log(`| **per keystroke with the incremental check** | **${incremental.toFixed(1)}** | | |`);
    console.log('\n| memory (the worker stops 2 s after its last file) | RSS MB | heap used MB | heap used after GC MB | added by the stage MB |');
    console.log('|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
