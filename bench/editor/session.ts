import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { readLogs, startEditor, VSIX } from '../../test/e2e/editor';
import { goTo, openFile } from '../../test/e2e/workbench';
import { seededRandom } from '../random';
import { BLOCK_MONITOR, Inspector, TAKE_BLOCKS } from './inspector';
import { cpuMsOf, extensionHostPid, extensionProcesses, memoryOf, type Memory } from './processes';
import { installRecorder, pageNow, readRecord, rowsOf, type ListState, type PageRecord } from './recorder';
import { benchWorkspace, LIBRARY_FILE, NOTES, PAPER, README, type BenchLibrary, type Layout } from './workspace';

/** What a session runs: CALM Cite, the peer (LaTeX Workshop), or the editor with no extension (the floor). */
export type Variant = 'calm' | 'peer' | 'floor';

export interface Keystroke {
  /** Keystroke to the list the query asks for, ms; undefined when it never showed. */
  latency: number | undefined;
  /** The longest renderer task and extension host block that started before the next keystroke, ms (0: none over 50 ms). */
  rendererTask: number;
  hostBlock: number | undefined;
}

export interface SessionResult {
  variant: Variant;
  library: string;
  /** Opening the paper to the first list showing library entries, ms (not for the floor). */
  openMs?: number;
  slow: Keystroke[];
  paced: Keystroke[];
  hoverFirst?: number;
  hoverWarm: number[];
  /** Extension host memory when the first list showed, at the end, and its peak (MB). */
  hostLoaded?: number;
  hostEnd?: Memory;
  /** Processes an extension started (a language server), summed; undefined when there are none. */
  server?: Memory;
  /** Extension host CPU per keystroke of the slow pass, ms (includes what runs after each change). */
  hostCpuPerKey: number;
  /** The same for the processes an extension started (its language server), when there are any. */
  serverCpuPerKey?: number;
  /** CALM Cite's "Indexed N references" log lines, and its "Read FILE" lines (a library file parsed). */
  indexedLines?: number;
  libraryReads?: number;
  /** Why a figure is missing. */
  problems: string[];
  /** With CALM_CITE_BENCH_DEBUG set: each typed query's keys, list changes and settled lists, to check the latencies by hand. */
  trace?: unknown[];
}

export interface SessionOptions {
  variant: Variant;
  library: BenchLibrary;
  peerVsix: string;
  /** Seeds the person-paced delays, so each session types with the same rhythm. */
  seed: number;
  /** Writes a CPU profile of the extension host over the slow pass here. */
  profileDir?: string;
  /** More editor settings for this session. */
  settings?: Record<string, unknown>;
}

/** How long a list must stay unchanged, with the extension host idle, to count as the answer to a keystroke. */
const SETTLE_MS = 800;
/** A keystroke whose list has not settled by then is recorded as never showing. */
const GIVE_UP_MS = 15_000;
/** LaTeX Workshop reads the 60 MB file in about a minute on a quiet machine (its parser, latex-utensils, takes 34 s alone). */
const OPEN_GIVE_UP_MS = 600_000;
const PACED_MIN_MS = 100;
const PACED_MAX_MS = 300;

/** Editor settings of every session; the peer's only matter in its own sessions. */
export const SESSION_SETTINGS = {
  'latex-workshop.latex.autoBuild.run': 'never',
  'latex-workshop.bibtex.maxFileSize': 100,
  'latex-workshop.message.information.show': false,
  'latex-workshop.message.warning.show': false,
  'latex-workshop.message.error.show': false,
};

export async function runSession(options: SessionOptions): Promise<SessionResult> {
  const { variant, library } = options;
  const { files, layout } = benchWorkspace(library);
  const extensions = variant === 'calm' ? [VSIX] : variant === 'peer' ? [options.peerVsix] : [];
  const editor = await startEditor({ files, extensions, settings: { ...SESSION_SETTINGS, ...options.settings } });
  const result: SessionResult = { variant, library: library.id, slow: [], paced: [], hoverWarm: [], hostCpuPerKey: 0, problems: [] };
  let inspector: Inspector | undefined;
  try {
    const { page } = editor;
    await installRecorder(page);
    const host = await waitFor(() => extensionHostPid(editor.serverPid), 30_000, 'the extension host');
    const opened = await Inspector.open(host);
    if (typeof opened === 'string') result.problems.push(`no extension host blocks: ${opened}`);
    else {
      inspector = opened;
      const pid = await inspector.evaluate<number>('process.pid');
      if (pid !== host) throw new Error(`the inspector on the port belongs to process ${pid}, not the extension host ${host}`);
      await inspector.evaluate(BLOCK_MONITOR);
    }
    const typing: Typing = { page, inspector, host, servers: () => extensionProcesses(host, editor.extensionsDir) };
    if (variant === 'floor') {
      await openFile(page, NOTES);
      await typingPasses(typing, result, library.queries, layout.notesSlow, layout.notesPaced, options);
      await openFile(page, README);
      // The Markdown extension finds the links a moment after the file opens.
      await page.locator('.detected-link').first().waitFor({ timeout: 30_000 });
      await hovers(page, result, layout.links.map((link) => ({ ...link, expected: /Follow link/ })));
    } else {
      result.openMs = await openToFirstList(page, layout, library);
      result.hostLoaded = memoryOf(host)?.rss;
      await typingPasses(typing, result, library.queries, layout.slow, layout.paced, options);
      await hovers(page, result, layout.hovers.map((hover) => ({ ...hover, expected: new RegExp(hover.titleWord) })));
    }
    result.hostEnd = memoryOf(host);
    result.server = sumMemory(extensionProcesses(host, editor.extensionsDir).map(memoryOf));
    if (variant === 'calm') {
      const log = readLogs(editor.logsDir, /CALM Cite/);
      result.indexedLines = (log.match(/Indexed \d+ references/g) ?? []).length;
      // The bundled libraries are read too; only the paper's own library counts here.
      result.libraryReads = (log.match(new RegExp(`Read \\S*${LIBRARY_FILE.replace('.', '\\.')} \\(\\w+\\): \\d+ entries`, 'g')) ?? []).length;
    }
    return result;
  } finally {
    inspector?.close();
    await editor.close();
  }
}

interface Typing {
  page: Page;
  inspector: Inspector | undefined;
  host: number;
  /** The processes the extension started (a language server), which answer and check too. */
  servers: () => number[];
}

/** CPU the extension host and the extension's processes used so far, ms. */
function cpuOf(typing: Typing): { host: number; servers: number } {
  return { host: cpuMsOf(typing.host), servers: typing.servers().reduce((sum, pid) => sum + cpuMsOf(pid), 0) };
}

/**
 * The queries typed twice, each on its own line: slowly (each key once the list and the extension host
 * have settled, which gives the list each prefix settles on), then at a person's pace (100-300 ms apart,
 * seeded), where a keystroke's list is the first that shows what the slow pass settled on for that
 * prefix or a longer one (a list overtaken by the next key's before it showed counts at the next key's).
 */
async function typingPasses(
  typing: Typing,
  result: SessionResult,
  queries: readonly string[],
  slowLines: Layout['slow'],
  pacedLines: Layout['paced'],
  options: SessionOptions,
): Promise<void> {
  const settledBy = new Map<string, ListState>();
  const cpuBefore = cpuOf(typing);
  let slowKeys = 0;
  if (options.profileDir) await typing.inspector?.send('Profiler.enable');
  if (options.profileDir) await typing.inspector?.send('Profiler.start');
  for (const [index, query] of queries.entries()) {
    const { keys, record, blocks } = await typeQuery(typing, slowLines[index]!, query, () => settle(typing));
    slowKeys += query.length;
    trace(result, { pass: 'slow', query, keys, lists: record.lists });
    keys.forEach((key, at) => {
      settledBy.set(query.slice(0, at + 1), key.settled!);
      const latency = firstShowing(record, key.time, [key.settled!]);
      result.slow.push({ latency, ...tasksAfter(record, blocks, key.time, keys[at + 1]?.time ?? key.time + GIVE_UP_MS) });
    });
  }
  if (options.profileDir && typing.inspector) {
    const { profile } = await typing.inspector.send<{ profile: unknown }>('Profiler.stop');
    fs.mkdirSync(options.profileDir, { recursive: true });
    const file = path.join(options.profileDir, `${options.variant}-${options.library.id}-${Date.now()}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
  }
  const cpuAfter = cpuOf(typing);
  result.hostCpuPerKey = (cpuAfter.host - cpuBefore.host) / slowKeys;
  if (typing.servers().length > 0) result.serverCpuPerKey = (cpuAfter.servers - cpuBefore.servers) / slowKeys;

  const random = seededRandom(options.seed);
  for (const [index, query] of queries.entries()) {
    const { keys, record, blocks } = await typeQuery(typing, pacedLines[index]!, query, async (at) => {
      if (at < query.length - 1) await sleep(PACED_MIN_MS + random() * (PACED_MAX_MS - PACED_MIN_MS));
      else await settle(typing);
      return undefined;
    });
    trace(result, { pass: 'paced', query, keys, lists: record.lists });
    keys.forEach((key, at) => {
      const wanted = [];
      for (let end = at + 1; end <= query.length; end++) wanted.push(settledBy.get(query.slice(0, end))!);
      const latency = firstShowing(record, key.time, wanted);
      result.paced.push({ latency, ...tasksAfter(record, blocks, key.time, keys[at + 1]?.time ?? key.time + GIVE_UP_MS) });
    });
  }
}

function trace(result: SessionResult, entry: unknown): void {
  if (process.env.CALM_CITE_BENCH_DEBUG) (result.trace ??= []).push(entry);
}

interface TypedKey {
  /** Page time of the keydown. */
  time: number;
  settled?: ListState;
}

/** Types `query` a character at a time at `line`; `after(i)` runs after the i-th character and may return the list it settled on. */
async function typeQuery(
  typing: Typing,
  at: { line: number; column: number },
  query: string,
  after: (index: number) => Promise<ListState | undefined>,
): Promise<{ keys: TypedKey[]; record: PageRecord; blocks: { start: number; duration: number }[] | undefined }> {
  const { page } = typing;
  await page.keyboard.press('Escape');
  await goTo(page, at.line, at.column);
  await settle(typing);
  await readRecord(page);
  await typing.inspector?.evaluate(TAKE_BLOCKS);
  const settled: (ListState | undefined)[] = [];
  for (const [index, character] of [...query].entries()) {
    await page.keyboard.type(character);
    settled.push(await after(index));
  }
  const record = await readRecord(page);
  const blocks = await typing.inspector?.evaluate<{ start: number; duration: number }[]>(TAKE_BLOCKS);
  const typed = record.keys.filter((key) => key.key.length === 1);
  if (typed.length !== query.length) throw new Error(`typed ${query.length} keys, the page saw ${typed.length}`);
  // Extension host blocks are in wall-clock time; keys and lists in the page's.
  const pageBlocks = blocks?.map((block) => ({ start: block.start - record.timeOrigin, duration: block.duration }));
  return { keys: typed.map((key, index) => ({ time: key.time, settled: settled[index] })), record, blocks: pageBlocks };
}

/**
 * Waits until the suggest widget has not changed for SETTLE_MS and the extension host and the extension's
 * processes used no CPU for the last 300 ms (checks after a change run after a pause, and a list must not
 * be taken as settled while its answer is still being computed); returns the widget's state then.
 */
async function settle(typing: Typing): Promise<ListState> {
  const started = Date.now();
  const total = () => {
    const cpu = cpuOf(typing);
    return cpu.host + cpu.servers;
  };
  let cpu = total();
  let cpuAt = Date.now();
  for (;;) {
    await sleep(100);
    const now = await pageNow(typing.page);
    const cpuNow = total();
    if (cpuNow > cpu + 10) {
      cpu = cpuNow;
      cpuAt = Date.now();
    }
    const quiet = now.time - now.lastChange >= SETTLE_MS && Date.now() - cpuAt >= 300;
    if ((quiet && !now.state.startsWith('message:Loading')) || Date.now() - started > GIVE_UP_MS) return now.state;
  }
}

/** The first time at or after `from` that the widget showed one of `wanted`, minus `from`. */
function firstShowing(record: PageRecord, from: number, wanted: readonly ListState[]): number | undefined {
  const change = record.lists.find((list) => list.time >= from && wanted.includes(list.state));
  if (change) return change.time - from;
  // A list that was already right and did not change (the widget stays hidden, say) shows at once.
  const before = record.lists.filter((list) => list.time < from).pop();
  if (before && wanted.includes(before.state) && !record.lists.some((list) => list.time >= from)) return 0;
  return undefined;
}

function tasksAfter(
  record: PageRecord,
  blocks: { start: number; duration: number }[] | undefined,
  from: number,
  to: number,
): Pick<Keystroke, 'rendererTask' | 'hostBlock'> {
  const longest = (tasks: { start: number; duration: number }[]) =>
    tasks.filter((task) => task.start + task.duration >= from && task.start < to).reduce((max, task) => Math.max(max, task.duration), 0);
  return { rendererTask: longest(record.longTasks), hostBlock: blocks && longest(blocks) };
}

/**
 * Opens the paper and asks for completions after a key prefix until the list shows entries of the
 * library (a list asked for before the library is read may come back empty: it is asked for again).
 * Measured from the keydown of the Enter that opens the file.
 */
async function openToFirstList(page: Page, layout: Layout, library: BenchLibrary): Promise<number> {
  await readRecord(page);
  await openFile(page, PAPER);
  await goTo(page, layout.open.line, layout.open.column);
  const deadline = Date.now() + OPEN_GIVE_UP_MS;
  let asked = Date.now();
  await page.keyboard.press('Control+Space');
  for (;;) {
    await sleep(100);
    const { state } = await pageNow(page);
    if (rowsOf(state).some((label) => library.keys.has(label))) break;
    if (Date.now() > deadline) throw new Error(`no list with entries of ${library.file} within ${OPEN_GIVE_UP_MS / 1000} s (last: ${state.slice(0, 100)})`);
    // An empty answer ("No suggestions.") is final for that request: ask again; a request still loading is asked again now and then.
    const loading = state.startsWith('message:Loading');
    if (Date.now() - asked > (loading ? 30_000 : 1000)) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
      asked = Date.now();
    }
  }
  const record = await readRecord(page);
  const enter = record.keys.find((key) => key.key === 'Enter');
  const shown = record.lists.find((list) => rowsOf(list.state).some((label) => library.keys.has(label)));
  await page.keyboard.press('Escape');
  return shown!.time - enter!.time;
}

/** Shows the hover at each place (Ctrl+K Ctrl+I) and times the Ctrl+I keydown to a visible hover matching `expected`. */
async function hovers(page: Page, result: SessionResult, places: { line: number; column: number; expected: RegExp }[]): Promise<void> {
  for (const [index, place] of places.entries()) {
    await page.keyboard.press('Escape');
    await goTo(page, place.line, place.column);
    await readRecord(page);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const shown = await page.waitForFunction(
      `(() => {
        const pattern = new RegExp(${JSON.stringify(place.expected.source)});
        const visible = Array.from(document.querySelectorAll('.monaco-hover')).filter((hover) => hover.offsetParent !== null);
        return visible.some((hover) => pattern.test(hover.innerText)) ? performance.now() : false;
      })()`,
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    const time = (await shown.jsonValue()) as number;
    const record = await readRecord(page);
    const keydown = record.keys.filter((key) => key.key.toLowerCase() === 'i').pop()!;
    if (index === 0) result.hoverFirst = time - keydown.time;
    else result.hoverWarm.push(time - keydown.time);
  }
  await page.keyboard.press('Escape');
}

function sumMemory(memories: (Memory | undefined)[]): Memory | undefined {
  const present = memories.filter((memory): memory is Memory => memory !== undefined);
  if (present.length === 0) return undefined;
  return { rss: present.reduce((sum, memory) => sum + memory.rss, 0), peak: present.reduce((sum, memory) => sum + memory.peak, 0) };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
