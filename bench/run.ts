import { run as runBibtex } from './bibtex';
import { run as runCitations } from './citations';
import { run as runDiagnostics } from './diagnostics';
import { run as runSearch } from './search';
import { run as runZotero } from './zotero';

/** `npm run bench`: every benchmark in turn, in one run, so the figures are measured side by side. */
async function main(): Promise<void> {
  for (const run of [runBibtex, runSearch, runCitations, runDiagnostics, runZotero]) {
    await run();
    console.log('');
  }
}

void main();
