import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const created: string[] = [];

/** A fresh folder under the system's temp folder, deleted when the test process (or fuzz worker) exits. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (created.length === 0) {
    process.on('exit', () => {
      for (const each of created) fs.rmSync(each, { recursive: true, force: true });
    });
  }
  created.push(dir);
  return dir;
}
