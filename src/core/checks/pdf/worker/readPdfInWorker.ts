import { Worker } from 'node:worker_threads';
import type { PdfModel } from '../pdfDocument';

export type PdfWorkerResponse = { model: PdfModel } | { error: string };

/**
 * Reads a PDF with pdf.js on a fresh worker thread. VS Code's extension host makes
 * `globalThis.navigator` a getter-only property, and pdf.js's Node set-up assigns it, so pdf.js
 * cannot load on the extension host's own thread; a worker has a plain Node global. The worker also
 * keeps a long PDF from blocking the editor, and ends with the read, freeing pdf.js's memory.
 */
export function readPdfInWorker(workerScript: string, bytes: Uint8Array): Promise<PdfModel> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: bytes });
    let settled = false;
    worker.once('message', (response: PdfWorkerResponse) => {
      settled = true;
      void worker.terminate();
      if ('model' in response) resolve(response.model);
      else reject(new Error(response.error));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the PDF worker stopped (exit code ${code})`));
    });
  });
}
