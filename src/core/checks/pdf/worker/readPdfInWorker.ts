import { Worker } from 'node:worker_threads';
import { PDF_READ_LIMITS, type PdfReadLimits } from '../../../limits';
import type { PdfModel, PdfReadOptions } from '../pdfDocument';
import { PdfReadError, REBUILD_ADVICE, TOO_BIG_ADVICE } from '../pdfReadError';

export interface PdfWorkerRequest {
  bytes: Uint8Array;
  options: PdfReadOptions;
}

export type PdfWorkerResponse = { model: PdfModel } | { error: string; advice: string };

export interface PdfWorkerOptions extends PdfReadOptions, Partial<Pick<PdfReadLimits, 'timeMs' | 'heapMb'>> {}

/**
 * Reads a PDF with pdf.js on a fresh worker thread, stopped past `timeMs` or when its heap passes
 * `heapMb` (PDF_READ_LIMITS); either is a PdfReadError that says which. VS Code's extension host makes
 * `globalThis.navigator` a getter-only property, and pdf.js's Node set-up assigns it, so pdf.js cannot
 * load on the extension host's own thread; a worker has a plain Node global. The worker also keeps a
 * long PDF from blocking the editor, and ends with the read, freeing pdf.js's memory.
 *
 * `workerScript` is the bundled dist/pdfWorker.js; a `.ts` path (tests and `node --import tsx`) is
 * loaded through tsx.
 */
export function readPdfInWorker(workerScript: string, bytes: Uint8Array, options: PdfWorkerOptions = {}): Promise<PdfModel> {
  const { timeMs = PDF_READ_LIMITS.timeMs, heapMb = PDF_READ_LIMITS.heapMb, ...readOptions } = options;
  const request: PdfWorkerRequest = { bytes, options: readOptions };
  return new Promise((resolve, reject) => {
    const worker = startWorker(workerScript, request, heapMb);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new PdfReadError(`reading it took longer than ${timeMs / 1000} s`, TOO_BIG_ADVICE))),
      timeMs,
    );
    worker.once('message', (response: PdfWorkerResponse) =>
      settle(() => ('model' in response ? resolve(response.model) : reject(new PdfReadError(response.error, response.advice)))),
    );
    worker.once('error', (error: NodeJS.ErrnoException) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new PdfReadError(`reading it needed more than ${heapMb} MB of memory`, TOO_BIG_ADVICE)
            : new PdfReadError(`the PDF reader failed (${error.message})`, REBUILD_ADVICE),
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new PdfReadError(`the PDF reader stopped (exit code ${code})`, REBUILD_ADVICE))));
  });
}

function startWorker(workerScript: string, request: PdfWorkerRequest, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!workerScript.endsWith('.ts')) return new Worker(workerScript, { workerData: request, resourceLimits });
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(workerScript)});`;
  return new Worker(bootstrap, { eval: true, workerData: request, resourceLimits });
}
