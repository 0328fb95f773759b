// Entry point of the worker thread that reads a PDF with pdf.js for the PDF rules (see readPdfInWorker.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readPdfModel } from '../pdfDocument';
import { PdfReadError, REBUILD_ADVICE } from '../pdfReadError';
import type { PdfWorkerRequest, PdfWorkerResponse } from './readPdfInWorker';

const { bytes, options } = workerData as PdfWorkerRequest;
readPdfModel(bytes, options).then(
  (model) => parentPort!.postMessage({ model } satisfies PdfWorkerResponse),
  (error: Error) =>
    parentPort!.postMessage({ error: error.message, advice: error instanceof PdfReadError ? error.advice : REBUILD_ADVICE } satisfies PdfWorkerResponse),
);
