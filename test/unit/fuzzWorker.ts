import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { FUZZ_TARGETS } from './fuzzTargets';

/** Runs one fuzz target in a worker thread, telling the parent as each case starts so it can watch for hangs. */
export interface FuzzJob {
  target: string;
  seed: number;
  runs: number;
}

export type FuzzMessage = { kind: 'ready' } | { kind: 'case' } | { kind: 'done'; cases: number } | { kind: 'failed'; cases: number; report: string };

const job = workerData as FuzzJob;
const post = (message: FuzzMessage) => parentPort!.postMessage(message);

(async () => {
  let cases = 0;
  const property = await FUZZ_TARGETS[job.target]!.property(() => {
    cases++;
    post({ kind: 'case' });
  });
  post({ kind: 'ready' });
  const details = await fc.check(property as fc.IAsyncPropertyWithHooks<unknown[]>, { seed: job.seed, numRuns: job.runs });
  if (details.failed) post({ kind: 'failed', cases, report: fc.defaultReportMessage(details) ?? 'failed' });
  else post({ kind: 'done', cases });
})().catch((error: unknown) => post({ kind: 'failed', cases: 0, report: String((error as Error).stack ?? error) }));
