import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { GROWTH_FAMILIES, type GrowthFamily } from './growthFamilies';
import type { GrowthJob, GrowthMessage } from './growthWorker';

/**
 * Time and memory grow linearly with the input (issue #13): each adversarial family of `growthFamilies.ts` runs
 * at n and at 4n, and the time at 4n may be at most 6x the time at n (linear code gives about 4x; quadratic
 * 16x). A property of growth, not a speed target. The time compared is the CPU time of the fastest of the runs
 * at each size: the machine is shared, and other work only ever adds time, most of it to the clock (medians,
 * printed beside, wander by 2x when the cores are oversubscribed). Each family runs in a worker thread whose
 * V8 heap is capped in proportion to its input, and whose stack is 1 MB as on a main thread, so a reader that
 * needs memory out of proportion to the input, or recurses deeply, fails too.
 */
const MAX_RATIO = 6;
const RUNS = 5;
/** Heap for the worker's modules and both inputs, beyond the family's bytes per input character. */
const HEAP_ALLOWANCE_MB = 32;
/** A family still running after this long grows far faster than linearly. */
const FAMILY_BUDGET_MS = 30_000;

function fastest(times: number[]): number {
  return Math.min(...times);
}

function median(times: number[]): number {
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

function heapCapMb(family: GrowthFamily): number {
  const largeInput = family.input(4 * family.n).length;
  return HEAP_ALLOWANCE_MB + Math.ceil(((family.heapPerChar ?? 8) * largeInput) / (1024 * 1024));
}

function runFamily(name: string, family: GrowthFamily): Promise<{ small: number[]; large: number[] }> {
  const job: GrowthJob = { family: name, runs: family.runs ?? RUNS };
  // Node 20 cannot start a worker from a .ts file; load it through tsx's require hook.
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(path.join(__dirname, 'growthWorker.ts'))});`;
  const capMb = heapCapMb(family);
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: capMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 1 } });
    const watchdog = setTimeout(() => finish(() => reject(new Error(`${name}: still running after ${FAMILY_BUDGET_MS / 1000} s (n = ${family.n})`))), FAMILY_BUDGET_MS);
    function finish(outcome: () => void): void {
      clearTimeout(watchdog);
      void worker.terminate();
      outcome();
    }
    worker.on('message', (message: GrowthMessage) => {
      if (message.kind === 'done') finish(() => resolve(message));
      else finish(() => reject(new Error(`${name}:\n${message.report}`)));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `needed more than ${capMb} MB of heap at 4n = ${4 * family.n}` : error.message;
      finish(() => reject(new Error(`${name}: ${reason}`)));
    });
  });
}

describe('growth: time(4n) <= 6 x time(n), heap in proportion to the input', () => {
  for (const [name, family] of Object.entries(GROWTH_FAMILIES)) {
    test(name, { timeout: 2 * FAMILY_BUDGET_MS + 10_000 }, async () => {
      let measured = await runFamily(name, family);
      // A ratio past the bound is measured once more before it counts: quadratic code gives 16x both times.
      if (fastest(measured.large) / fastest(measured.small) > MAX_RATIO) measured = await runFamily(name, family);
      const small = fastest(measured.small);
      const large = fastest(measured.large);
      const ratio = large / small;
      const medians = `medians ${median(measured.small).toFixed(1)} / ${median(measured.large).toFixed(1)} ms`;
      console.log(`growth ${name}: n=${family.n} ${small.toFixed(1)} ms CPU, 4n ${large.toFixed(1)} ms, ratio ${ratio.toFixed(2)} (${medians}), heap cap ${heapCapMb(family)} MB`);
      assert.ok(ratio <= MAX_RATIO, `${name}: ${small.toFixed(1)} ms at n = ${family.n}, ${large.toFixed(1)} ms at 4n (ratio ${ratio.toFixed(1)} > ${MAX_RATIO}; ${medians})`);
    });
  }
});
