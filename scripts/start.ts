// `npm start`: VS Code in the browser (code-server on 127.0.0.1) with the freshly packaged CALM Cite
// installed, opened on the sample paper in examples/calm-paper. Runs until Ctrl+C.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..');
const [node, codeServer] = execFileSync('bash', [path.join(repo, 'scripts', 'setup-editor.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  .trim()
  .split('\n')
  .slice(-3);
const state = path.join(process.env.CALM_CITE_EDITOR_CACHE ?? path.join(os.homedir(), '.cache', 'calm-cite-editor'), 'start');
const userData = path.join(state, 'user-data');
const extensions = path.join(state, 'extensions');
const workspace = path.join(repo, 'examples', 'calm-paper');
const port = Number(process.env.PORT ?? 8080);
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
const settingsFile = path.join(userData, 'User', 'settings.json');
if (!fs.existsSync(settingsFile)) {
  fs.writeFileSync(settingsFile, JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false }, null, 2));
}

const common = ['--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', extensions];
execFileSync(node!, [codeServer!, ...common, '--force', '--install-extension', path.join(repo, 'calm-cite.vsix')], { stdio: 'inherit' });
const server = spawn(node!, [codeServer!, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...common, workspace], { stdio: 'inherit' });
console.log(`\nCALM Cite is running in VS Code at http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}\nOpen paper.tex or paper.md and type \\citep{ or [@. Press Ctrl+C to stop.\n`);
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
