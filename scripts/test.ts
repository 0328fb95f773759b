// `npm test`: the type check, the linter, the unit tests, then the end-to-end tests, and at the end one line saying how
// many tests were skipped because ../shared (the real-world corpus) is absent. With CALM_CITE_REQUIRE_SHARED=1
// (.ci/run sets it) a missing or unreadable corpus, or any corpus test skipped, fails the run instead.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHARED_DIR, SHARED_REQUIRED, sharedProblem } from '../test/unit/shared';

/** Where test/sharedSkipsReporter.mjs writes each stage's count. */
const SKIPS_DIR = path.resolve(__dirname, '..', 'out', 'test-skips');

const problem = sharedProblem();
if (SHARED_REQUIRED && problem) {
  console.error(`CALM_CITE_REQUIRE_SHARED=1 but the shared corpus cannot be used: ${problem}. CI needs ${SHARED_DIR} beside the repository.`);
  process.exit(1);
}

fs.rmSync(SKIPS_DIR, { recursive: true, force: true });
let status = 0;
for (const stage of ['typecheck', 'lint', 'test:unit', 'test:e2e']) {
  status = spawnSync('npm', ['run', '--silent', stage], { stdio: 'inherit' }).status ?? 1;
  if (status !== 0) break;
}

let skipped = 0;
for (const file of fs.existsSync(SKIPS_DIR) ? fs.readdirSync(SKIPS_DIR) : []) {
  skipped += (JSON.parse(fs.readFileSync(path.join(SKIPS_DIR, file), 'utf8')) as { skipped: number }).skipped;
}
if (skipped === 0) console.log(`\nCorpus tests: none skipped${problem ? '' : ` (${path.join(SHARED_DIR, 'corpus')} is here)`}.`);
else console.log(`\nCorpus tests: ${skipped} skipped, because ${problem ?? 'the corpus is unavailable'}; they run where ../shared sits beside the repository (CI).`);
if (SHARED_REQUIRED && skipped > 0) {
  console.error('CALM_CITE_REQUIRE_SHARED=1: no corpus test may be skipped.');
  status ||= 1;
}
process.exit(status);
