// `npm start`: VS Code in the browser (code-server on 127.0.0.1) with the freshly packaged CALM Cite
// installed, opened on a copy of the sample paper in examples/calm-paper (a temporary folder, deleted on
// exit, so trying things out never changes the repository). Port 8080, or the next free one (PORT sets
// the first to try). Runs until Ctrl+C.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const HOST = '127.0.0.1';
const PORTS_TO_TRY = 50;

/** The first port from `first` on that nothing listens on. */
async function freePortFrom(first: number): Promise<number> {
  for (let port = first; port < first + PORTS_TO_TRY; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, HOST, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`Ports ${first} to ${first + PORTS_TO_TRY - 1} are all taken; set PORT to a free one.`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..');
  const [node, codeServer] = execFileSync('bash', [path.join(repo, 'scripts', 'setup-editor.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .trim()
    .split('\n')
    .slice(-3);
  const state = path.join(process.env.CALM_CITE_EDITOR_CACHE ?? path.join(os.homedir(), '.cache', 'calm-cite-editor'), 'start');
  const userData = path.join(state, 'user-data');
  const extensions = path.join(state, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settingsFile = path.join(userData, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false }, null, 2));
  }

  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-start-'));
  const workspace = path.join(copy, 'calm-paper');
  fs.cpSync(path.join(repo, 'examples', 'calm-paper'), workspace, { recursive: true });
  const removeCopy = () => fs.rmSync(copy, { recursive: true, force: true });
  process.on('exit', removeCopy);

  const common = ['--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(node!, [codeServer!, ...common, '--force', '--install-extension', path.join(repo, 'calm-cite.vsix')], { stdio: 'inherit' });
  const port = await freePortFrom(Number(process.env.PORT ?? 8080));
  const server = spawn(node!, [codeServer!, '--auth', 'none', '--bind-addr', `${HOST}:${port}`, ...common, workspace], { stdio: 'inherit' });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));

  // The address is printed once code-server answers on it, not before.
  const deadline = Date.now() + 60_000;
  while (!(await answers(`http://${HOST}:${port}/healthz`))) {
    if (server.exitCode !== null) return;
    if (Date.now() > deadline) throw new Error(`code-server did not answer on port ${port} within a minute.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log(
    `\nCALM Cite is running in VS Code at http://${HOST}:${port}/?folder=${encodeURIComponent(workspace)}\n` +
      `That folder is a copy of examples/calm-paper, deleted when you stop. Open paper.tex or paper.md and type \\citep{ or [@. Press Ctrl+C to stop.\n`,
  );
}

main().catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
