// `npm run bench:editor [-- --peer] [--rounds N] [--library real,90k] [--only calm,peer,floor] [--calm-setting NAME=JSON] [--profile DIR]`: CALM Cite in a real
// VS Code (code-server + Chromium), side by side in one run with the editor's own word completion (the
// floor) and, with --peer, LaTeX Workshop; sessions alternate, so a noisy minute hurts every column alike.
import * as fs from 'node:fs';
import { sharedPath } from '../../test/unit/shared';
import { printReport } from './report';
import { runSession, type SessionResult, type Variant } from './session';
import { BENCH_DIR, benchLibraries } from './workspace';
import * as path from 'node:path';

const PEER_VSIX = sharedPath('tools', 'latex-workshop-10.17.1.vsix');
/** Every session's figures, for a second look (gitignored). */
const RESULTS = path.join(BENCH_DIR, 'editor-results.json');

interface Options {
  peer: boolean;
  rounds: number;
  libraries: string[];
  profileDir?: string;
  /** Runs only these columns (for working on one of them). */
  only?: Variant[];
  /** Settings for CALM Cite's sessions (`--calm-setting calmCite.diagnostics.enabled=false`), to measure a configuration. */
  calmSettings: Record<string, unknown>;
}

function parseOptions(args: string[]): Options {
  const options: Options = { peer: false, rounds: 3, libraries: ['real', '90k'], calmSettings: {} };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const value = () => {
      const next = args[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--peer') options.peer = true;
    else if (arg === '--rounds') options.rounds = Math.max(1, Number(value()));
    else if (arg === '--library') options.libraries = value().split(',');
    else if (arg === '--profile') options.profileDir = value();
    else if (arg === '--only') options.only = value().split(',') as Variant[];
    else if (arg === '--calm-setting') {
      const [name, json] = value().split(/=(.*)/);
      options.calmSettings[name!] = JSON.parse(json ?? 'null');
    }
    else throw new Error(`unknown option ${arg}; use --peer, --rounds N, --library real,90k, --only calm,peer,floor, --calm-setting NAME=JSON, --profile DIR`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const notes: string[] = [];
  let peer = options.peer;
  if (peer && !fs.existsSync(PEER_VSIX)) {
    notes.push(`--peer: ${PEER_VSIX} is absent (a fresh clone has no ../shared), so LaTeX Workshop is not measured.`);
    peer = false;
  }
  if (peer) notes.push('LaTeX Workshop runs with `latex-workshop.bibtex.maxFileSize: 100` (MB; its default of 5 skips the 60 MB file) and autobuild off.');
  for (const [name, value] of Object.entries(options.calmSettings)) notes.push(`CALM Cite runs with \`${name}: ${JSON.stringify(value)}\`.`);
  const libraries = benchLibraries(options.libraries, notes);
  const variants = (peer ? (['floor', 'calm', 'peer'] as Variant[]) : (['floor', 'calm'] as Variant[])).filter((variant) => !options.only || options.only.includes(variant));
  const results: SessionResult[] = [];
  const started = Date.now();
  for (const library of libraries) {
    for (let round = 0; round < options.rounds; round++) {
      // Each round starts with another variant, so none always runs first (or right after the heaviest).
      const order = variants.map((_, index) => variants[(index + round) % variants.length]!);
      for (const variant of order) {
        // A session that fails (the workbench missed a key on a loaded machine, say) is run once more, then left out.
        for (let attempt = 1; attempt <= 2; attempt++) {
          const sessionStart = Date.now();
          process.stderr.write(`[bench:editor] ${library.id} round ${round + 1}/${options.rounds}: ${variant} ... `);
          try {
            const settings = variant === 'calm' ? options.calmSettings : {};
            const result = await runSession({ variant, library, peerVsix: PEER_VSIX, seed: 1000 + round, profileDir: options.profileDir, settings });
            process.stderr.write(`${((Date.now() - sessionStart) / 1000).toFixed(0)} s${result.problems.length > 0 ? ` (${result.problems.join('; ')})` : ''}\n`);
            results.push(result);
            break;
          } catch (error) {
            const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
            process.stderr.write(`failed: ${message}\n`);
            if (attempt === 2) notes.push(`A ${variant} session on ${library.id} failed twice and is left out: ${message}`);
          }
        }
      }
    }
  }
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 1));
  printReport(libraries, results, { peer, rounds: options.rounds, minutes: (Date.now() - started) / 60_000, notes });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
