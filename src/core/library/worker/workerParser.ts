import { Worker } from 'node:worker_threads';
import { parseOnThisThread, type LibraryParser } from '../catalog';
import type { LibraryFileResult } from '../formats';
import { BibtexReference } from '../bibtex';
import { readZoteroDatabase, type ZoteroDatabaseInput, type ZoteroReadResult } from '../zotero/readDatabase';
import type { WorkerRequest, WorkerResponse } from './protocol';

/** Below this many characters (or bytes) a file parses in well under a frame, and a worker round trip costs more. */
export const WORKER_THRESHOLD_CHARS = 512 * 1024;
/**
 * How long an idle worker is kept for the next file (a document names several, read one after the other).
 * Then it stops: an idle worker keeps its heap, the garbage of its last parse (about 230 MB after a 60 MB file).
 */
export const WORKER_IDLE_MS = 2000;

export interface WorkerParser {
  parse: LibraryParser;
  /** Reads a Zotero database's items from its bytes in the worker (SQLite's integrity check and queries take seconds for a big library). */
  readZotero(input: ZoteroDatabaseInput): Promise<ZoteroReadResult>;
  dispose(): void;
}

/**
 * A parser that sends big files and Zotero databases to a worker thread, so reading a 60 MB
 * bibliography never blocks the thread that answers keystrokes. The worker stops once idle for `idleMs`
 * and starts again for the next request. Should it fail, files are parsed here instead and `onProblem` says why.
 */
export function createWorkerParser(workerScript: string, onProblem: (message: string) => void, idleMs = WORKER_IDLE_MS): WorkerParser {
  let worker: Worker | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (response: WorkerResponse) => void; fallback: () => void }>();

  const stop = () => {
    clearTimeout(idleTimer);
    void worker?.terminate();
    worker = undefined;
  };
  const stopWhenIdle = () => {
    clearTimeout(idleTimer);
    if (pending.size === 0) idleTimer = setTimeout(stop, idleMs).unref();
  };

  const failAll = (message: string) => {
    onProblem(message);
    worker = undefined;
    for (const request of pending.values()) request.fallback();
    pending.clear();
  };

  const ensureWorker = (): Worker => {
    if (!worker) {
      worker = new Worker(workerScript);
      worker.unref();
      worker.on('message', (response: WorkerResponse) => {
        pending.get(response.id)?.resolve(response);
        pending.delete(response.id);
        stopWhenIdle();
      });
      worker.on('error', (error) => failAll(`The library worker failed (${error.message}); reading libraries on the main thread.`));
      const started = worker;
      worker.on('exit', (code) => {
        // A worker stopped for being idle has nothing pending; one that died with requests has.
        if (worker === started && pending.size > 0) failAll(`The library worker stopped (exit code ${code}); reading libraries on the main thread.`);
      });
    }
    clearTimeout(idleTimer);
    return worker;
  };

  /** Sends a request to the worker; `fallback` does the work here should the worker fail. */
  const send = <T>(request: WorkerRequest, answer: (response: WorkerResponse) => T, fallback: () => Promise<T>): Promise<T> =>
    new Promise((resolve) => {
      pending.set(request.id, { resolve: (response) => resolve(answer(response)), fallback: () => resolve(fallback()) });
      try {
        ensureWorker().postMessage(request);
      } catch (error) {
        failAll(`The library worker could not start (${(error as Error).message}); reading libraries on the main thread.`);
      }
    });

  const parse: LibraryParser = (path, content, options) => {
    if (content.length < WORKER_THRESHOLD_CHARS) return parseOnThisThread(path, content, options);
    return send(
      { kind: 'parse', id: nextId++, path, content, options },
      (response) => revived((response as { result: LibraryFileResult }).result),
      () => parseOnThisThread(path, content, options),
    );
  };

  const readZotero = (input: ZoteroDatabaseInput): Promise<ZoteroReadResult> =>
    send({ kind: 'zotero', id: nextId++, input }, (response) => (response as { zotero: ZoteroReadResult }).zotero, () => readZoteroDatabase(input));

  return { parse, readZotero, dispose: stop };
}

/**
 * BibTeX references compute their display fields lazily and arrive as their raw data only (a structured
 * clone drops the prototype): rebuilding them is one small object each, so the main thread neither
 * receives nor decodes display fields for entries nobody looks at.
 */
function revived(result: LibraryFileResult): LibraryFileResult {
  if (result.format !== 'bibtex') return result;
  return { ...result, references: result.references.map(BibtexReference.revived) };
}
