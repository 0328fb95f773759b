import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FuzzJob, FuzzMessage } from './fuzzWorker';

/** The fixed seed CI runs with, so a failure reproduces; CALM_CITE_FUZZ_SEED picks another for exploration. */
export const FUZZ_SEED = Number(process.env.CALM_CITE_FUZZ_SEED ?? 20241215);

/** CALM_CITE_FUZZ_RUNS=50 runs every target 50 times as many cases, for a long run outside CI. */
export const FUZZ_RUNS_MULTIPLIER = Number(process.env.CALM_CITE_FUZZ_RUNS ?? 1);

/**
 * Longest one case may take before it counts as a hang. Generous: the slowest real case (a mutated
 * five-page PDF through every PDF rule) takes well under a second.
 */
const CASE_BUDGET_MS = 15_000;
/**
 * Longest the worker may take to load its modules and seeds before the first case: not part of any case's
 * budget, since on a busy machine (2 cores shared by several runs) loading alone can take longer than one.
 */
const STARTUP_BUDGET_MS = 180_000;

export interface FuzzRun {
  cases: number;
  ms: number;
}

/**
 * Runs a target in a worker thread. A case that throws fails with fast-check's shrunk counterexample;
 * a case that runs past the budget (a hang or a blow-up) terminates the worker and fails, instead of
 * hanging CI.
 */
export function runFuzzTarget(target: string, baseRuns: number): Promise<FuzzRun> {
  const job: FuzzJob = { target, seed: FUZZ_SEED, runs: Math.max(1, Math.round(baseRuns * FUZZ_RUNS_MULTIPLIER)) };
  // Node 20 cannot start a worker from a .ts file; load it through tsx's require hook.
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(path.join(__dirname, 'fuzzWorker.ts'))});`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: job });
    let cases = 0;
    let watchdog: NodeJS.Timeout | undefined;
    const finish = (outcome: () => void) => {
      clearTimeout(watchdog);
      void worker.terminate();
      outcome();
    };
    const arm = (budget: number, what: string) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => finish(() => reject(new Error(`${target}: ${what} (seed ${job.seed}) ran longer than ${budget} ms`))), budget);
    };
    const armCase = () => arm(CASE_BUDGET_MS, `case ${cases}`);
    arm(STARTUP_BUDGET_MS, 'loading the target and its seeds');
    worker.on('message', (message: FuzzMessage) => {
      if (message.kind === 'ready') armCase();
      else if (message.kind === 'case') {
        cases++;
        armCase();
      } else if (message.kind === 'done') {
        const ms = Math.round(performance.now() - started);
        console.log(`fuzz ${target}: ${message.cases} cases, seed ${job.seed}, ${ms} ms`);
        finish(() => resolve({ cases: message.cases, ms }));
      } else {
        finish(() => reject(new Error(`${target} (seed ${job.seed}, ${message.cases} cases):\n${message.report}`)));
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
  });
}
