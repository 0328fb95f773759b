import { describe, test } from 'node:test';
import { runFuzzTarget } from './fuzzHarness';
import { FUZZ_TARGETS } from './fuzzTargets';
import { needsShared } from './shared';

/**
 * Hostile input (issue #7): mutated real libraries, papers and PDFs through every reader, the citation
 * scanner, discovery and the submission checks. No throw may escape, every problem is located, offsets
 * stay inside the text, references validate, and no case hangs. Each target runs in its own worker
 * with a fixed seed; see the README's Fuzzing section for the long run.
 */
describe('fuzz', { concurrency: 2 }, () => {
  for (const [name, target] of Object.entries(FUZZ_TARGETS)) {
    test(name, { timeout: 30 * 60_000, ...(target.needsShared ? needsShared : {}) }, async () => {
      await runFuzzTarget(name, target.runs);
    });
  }
});
