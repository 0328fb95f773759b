// Entry point of the worker thread that reads big library files and Zotero databases off the editor's main thread.
import { parentPort } from 'node:worker_threads';
import { readLibraryContent } from '../formats';
import { readZoteroDatabase } from '../zotero/readDatabase';
import type { WorkerRequest, WorkerResponse } from './protocol';

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'zotero') {
    void readZoteroDatabase(request.input).then((zotero) => parentPort!.postMessage({ id: request.id, zotero } satisfies WorkerResponse));
    return;
  }
  const result = readLibraryContent(request.path, request.content, request.options);
  parentPort!.postMessage({ id: request.id, result } satisfies WorkerResponse);
});
