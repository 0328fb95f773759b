// Entry point of the worker thread that reads big library files off the editor's main thread.
import { parentPort } from 'node:worker_threads';
import { readLibraryContent } from '../formats';
import type { ParseRequest, ParseResponse } from './protocol';

parentPort?.on('message', (request: ParseRequest) => {
  const result = readLibraryContent(request.path, request.content, request.options);
  const response: ParseResponse = { id: request.id, result };
  parentPort!.postMessage(response);
});
