// Entry point of the worker thread that reads a PDF with pdf.js for the PDF rules (see readPdfInWorker.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readPdfModel } from '../pdfDocument';
import type { PdfWorkerResponse } from './readPdfInWorker';

readPdfModel(workerData as Uint8Array).then(
  (model) => parentPort!.postMessage({ model } satisfies PdfWorkerResponse),
  (error: Error) => parentPort!.postMessage({ error: error.message } satisfies PdfWorkerResponse),
);
