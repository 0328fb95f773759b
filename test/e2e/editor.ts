import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * A real VS Code for end-to-end tests: code-server (the VS Code workbench) with the packaged .vsix
 * installed, driven through Debian's Chromium. scripts/setup-editor.sh installs both, once.
 */
export interface Editor {
  page: Page;
  workspace: string;
  /** The extension host's log, where activation and CALM Cite's own log lines appear. */
  logsDir: string;
  /** The code-server process (its extension host is a descendant) and the extensions folder, for the editor benchmark. */
  serverPid: number;
  extensionsDir: string;
  close(): Promise<void>;
}

const REPO = path.resolve(__dirname, '..', '..');
export const VSIX = path.join(REPO, 'calm-cite.vsix');

interface EditorInstall {
  node: string;
  codeServer: string;
  chromium: string;
}

function editorInstall(): EditorInstall {
  const output = execFileSync('bash', [path.join(REPO, 'scripts', 'setup-editor.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [node, codeServer, browser] = output.trim().split('\n').slice(-3);
  return { node: node!, codeServer: codeServer!, chromium: browser! };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHttp(url: string, timeoutMs: number, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms`);
}

export interface StartOptions {
  /** Files to copy into a fresh workspace folder (relative path -> absolute source path or text). */
  files: Record<string, string | { copyFrom: string }>;
  settings?: Record<string, unknown>;
  /** Start with workspace trust on and the workspace not trusted: VS Code's Restricted Mode. */
  untrusted?: boolean;
  /** The .vsix files to install; CALM Cite's package unless given (`[]`: an editor with no extension). */
  extensions?: string[];
  /** More environment for code-server and the processes it starts (the editor benchmark sets an inspector port). */
  serverEnv?: Record<string, string>;
}

/** Trust is off unless a test asks for Restricted Mode; then it is on, with no prompt, and files still open. */
function trustSettings(untrusted: boolean | undefined): Record<string, unknown> {
  if (!untrusted) return { 'security.workspace.trust.enabled': false };
  return {
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.untrustedFiles': 'open',
  };
}

export async function startEditor(options: StartOptions): Promise<Editor> {
  const vsixFiles = options.extensions ?? [VSIX];
  if (vsixFiles.includes(VSIX) && !fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first (npm run test:e2e does).`);
  const install = editorInstall();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-e2e-'));
  const workspace = path.join(root, 'workspace');
  const userData = path.join(root, 'user-data');
  const extensions = path.join(root, 'extensions');
  for (const [relative, content] of Object.entries(options.files)) {
    const target = path.join(workspace, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(target, content);
    else fs.copyFileSync(content.copyFrom, target);
  }
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      ...trustSettings(options.untrusted),
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'editor.quickSuggestionsDelay': 0,
      'editor.hover.delay': 200,
      'files.autoSave': 'off',
      ...options.settings,
    }),
  );

  const codeServerArgs = ['--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', extensions];
  for (const vsix of vsixFiles) execFileSync(install.node, [install.codeServer, ...codeServerArgs, '--install-extension', vsix], { stdio: 'pipe' });

  const port = await freePort();
  const trustArgs = options.untrusted ? [] : ['--disable-workspace-trust'];
  const server = spawn(install.node, [install.codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...trustArgs, ...codeServerArgs, workspace], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.serverEnv },
    detached: true,
  });
  let serverOutput = '';
  server.stdout!.on('data', (chunk) => (serverOutput += chunk));
  server.stderr!.on('data', (chunk) => (serverOutput += chunk));

  let browser: Browser | undefined;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, server);
    browser = await chromium.launch({
      executablePath: install.chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    const opened = browser;
    return {
      page,
      workspace,
      logsDir: path.join(userData, 'logs'),
      serverPid: server.pid!,
      extensionsDir: extensions,
      close: async () => {
        await opened.close().catch(() => undefined);
        stopServer(server);
        fs.rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    stopServer(server);
    throw new Error(`${(error as Error).message}\ncode-server output:\n${serverOutput.slice(-3000)}`);
  }
}

function stopServer(server: ChildProcess): void {
  try {
    process.kill(-server.pid!, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** The text of every file under the logs folder whose name matches, joined; for diagnosing a failed test. */
export function readLogs(logsDir: string, namePattern: RegExp): string {
  const texts: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (namePattern.test(entry.name)) texts.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(logsDir);
  return texts.join('\n');
}
