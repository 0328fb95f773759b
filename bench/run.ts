import * as fs from 'node:fs';
import * as path from 'node:path';

/** `npm run bench`: every benchmark in turn; the search benchmark is optional (another part of the tree). */
async function main(): Promise<void> {
  const bibtex = await import('./bibtex');
  await bibtex.run();
  if (fs.existsSync(path.join(__dirname, 'search.ts'))) {
    const search = (await import('./search' as string)) as { run(): Promise<void> };
    console.log('');
    await search.run();
  }
}

void main();
