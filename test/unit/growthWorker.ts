import { parentPort, workerData } from 'node:worker_threads';
import { GROWTH_FAMILIES } from './growthFamilies';

/** Times one growth family at n and 4n in a worker thread (whose heap the parent caps) and reports every run's time. */
export interface GrowthJob {
  family: string;
  runs: number;
}

export type GrowthMessage =
  | { kind: 'done'; small: number[]; large: number[] }
  | { kind: 'failed'; report: string };

const job = workerData as GrowthJob;

/**
 * CPU time (user and system) of one run, in ms. The families run one at a time and the parent thread only
 * waits, so the process's CPU time is this run's (and its garbage collection's); unlike the time on the
 * clock, it does not grow while other work on the machine has the core.
 */
async function timed(run: () => unknown): Promise<{ ms: number; result: unknown }> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}

(async () => {
  const family = GROWTH_FAMILIES[job.family]!;
  const small = family.input(family.n);
  const large = family.input(4 * family.n);
  // The first runs warm the code up and are checked for what must still hold at each size.
  family.check?.((await timed(() => family.run(small))).result, family.n);
  family.check?.((await timed(() => family.run(large))).result, 4 * family.n);
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let i = 0; i < job.runs; i++) {
    smallTimes.push((await timed(() => family.run(small))).ms);
    largeTimes.push((await timed(() => family.run(large))).ms);
  }
  const message: GrowthMessage = { kind: 'done', small: smallTimes, large: largeTimes };
  parentPort!.postMessage(message);
})().catch((error: unknown) => {
  const message: GrowthMessage = { kind: 'failed', report: String((error as Error).stack ?? error) };
  parentPort!.postMessage(message);
});
