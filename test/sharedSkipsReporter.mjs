// A node:test reporter beside `spec`: counts the tests skipped because ../shared is absent (declared with
// `needsShared` from test/unit/shared.ts, whose skip reason is test/sharedSkip.json) and writes the count to
// out/test-skips/, where scripts/test.ts sums the stages into one line. Plain JavaScript: Node loads
// reporters before the TypeScript loader is in place.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { reason } = JSON.parse(fs.readFileSync(path.join(here, 'sharedSkip.json'), 'utf8'));
const SKIPS_DIR = path.resolve(here, '..', 'out', 'test-skips');

export default async function* sharedSkipsReporter(source) {
  let skipped = 0;
  for await (const event of source) {
    if (event.type === 'test:pass' && event.data.skip === reason) skipped++;
  }
  fs.mkdirSync(SKIPS_DIR, { recursive: true });
  fs.writeFileSync(path.join(SKIPS_DIR, `${process.pid}.json`), JSON.stringify({ skipped }));
  yield '';
}
