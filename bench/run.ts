import * as fs from 'node:fs';
import * as path from 'node:path';
import { run as runBibtex } from './bibtex';

interface Benchmark {
  run(): Promise<void>;
}

/** `npm run bench`: every benchmark in turn. */
async function main(): Promise<void> {
  await runBibtex();
  // The search benchmark belongs to another part of the tree and may be missing from a checkout.
  if (fs.existsSync(path.join(__dirname, 'search.ts'))) {
    const search = require('./search') as Benchmark;
    console.log('');
    await search.run();
  }
}

void main();
