import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');

/** CALM Cite as a user of another editor installs it: `npm pack`, then `npm install -g` into an empty prefix. */
export interface InstalledPackage {
  /** The folder with the `calm-cite` command, for PATH. */
  binDir: string;
  /** The paths inside the tarball, as `npm pack` lists them. */
  tarballFiles: string[];
  remove(): void;
}

export function installPackedTarball(): InstalledPackage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-pack-'));
  try {
    // `npm pack` builds the bundles first (`prepack`); an outer npm's settings (npm test) must not leak in.
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], REPO)) as { filename: string; files: { path: string }[] }[];
    const prefix = path.join(dir, 'prefix');
    npm(['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', path.join(dir, packed!.filename)], dir);
    return {
      binDir: path.join(prefix, 'bin'),
      tarballFiles: packed!.files.map((file) => file.path),
      remove: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function npm(args: string[], cwd: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|NPM_|INIT_CWD$)/.test(name)));
  return execFileSync('npm', ['--loglevel=error', ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Debian's Neovim, installed by the project's own script; returns the `nvim` binary. */
export function neovimBinary(): string {
  const output = execFileSync('bash', [path.join(REPO, 'scripts', 'setup-neovim.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return output.trim().split('\n').at(-1)!;
}
