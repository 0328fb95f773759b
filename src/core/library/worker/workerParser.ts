import { Worker } from 'node:worker_threads';
import { parseOnThisThread, type LibraryParser } from '../catalog';
import type { LibraryFileResult } from '../formats';
import { BibtexReference } from '../bibtex';
import type { ParseRequest, ParseResponse } from './protocol';

/** Below this many characters (or bytes) a file parses in well under a frame, and a worker round trip costs more. */
export const WORKER_THRESHOLD_CHARS = 512 * 1024;

export interface WorkerParser {
  parse: LibraryParser;
  dispose(): void;
}

/**
 * A parser that sends big files to one long-lived worker thread, so reading a 60 MB bibliography
 * never blocks the thread that answers keystrokes. Should the worker fail, files are parsed here
 * instead and `onProblem` says why.
 */
export function createWorkerParser(workerScript: string, onProblem: (message: string) => void): WorkerParser {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: LibraryFileResult) => void; fallback: () => void }>();

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
      worker.on('message', (response: ParseResponse) => {
        pending.get(response.id)?.resolve(revived(response.result));
        pending.delete(response.id);
      });
      worker.on('error', (error) => failAll(`The library worker failed (${error.message}); reading libraries on the main thread.`));
      worker.on('exit', (code) => {
        if (pending.size > 0) failAll(`The library worker stopped (exit code ${code}); reading libraries on the main thread.`);
      });
    }
    return worker;
  };

  const parse: LibraryParser = (path, content, options) => {
    if (content.length < WORKER_THRESHOLD_CHARS) return parseOnThisThread(path, content, options);
    return new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, { resolve, fallback: () => resolve(parseOnThisThread(path, content, options)) });
      const request: ParseRequest = { id, path, content, options };
      try {
        ensureWorker().postMessage(request);
      } catch (error) {
        failAll(`The library worker could not start (${(error as Error).message}); reading libraries on the main thread.`);
      }
    });
  };

  return {
    parse,
    dispose: () => {
      void worker?.terminate();
      worker = undefined;
    },
  };
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
