/**
 * The extension host's inspector (Chrome DevTools Protocol over a WebSocket). code-server accepts no
 * `--inspect-extensions` and drops NODE_OPTIONS for the extension host, so the inspector is started
 * the way Node allows for any running process: SIGUSR1, which opens it on 127.0.0.1:9229.
 */
const PORT = 9229;

export class Inspector {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const request = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) request?.reject(new Error(message.error.message));
      else request?.resolve(message.result);
    });
  }

  /** Opens the inspector of process `pid`, or says why it cannot. */
  static async open(pid: number): Promise<Inspector | string> {
    if (typeof WebSocket !== 'function') return 'this Node has no WebSocket (run with --experimental-websocket)';
    if (await targetUrl()) return `port ${PORT} is taken by another inspector`;
    process.kill(pid, 'SIGUSR1');
    const deadline = Date.now() + 10_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      url = await targetUrl();
    }
    if (!url) return `the extension host opened no inspector on port ${PORT}`;
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
    });
    return new Inspector(socket);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Evaluates an expression in the extension host and returns its value (JSON-able). */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{ result: { value: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`in the extension host: ${exceptionDetails.text}`);
    return result.value;
  }

  close(): void {
    this.socket.close();
  }
}

/** The inspector's WebSocket address on the port, when one listens (its title does not say whose: the caller asks it for its pid). */
async function targetUrl(): Promise<string | undefined> {
  try {
    const targets = (await (await fetch(`http://127.0.0.1:${PORT}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    return targets[0]?.webSocketDebuggerUrl;
  } catch {
    return undefined;
  }
}

/**
 * Installed in the extension host: records every stretch over 50 ms in which its event loop could not run
 * a 10 ms timer, i.e. a task that kept the extension host from answering the editor. Wall-clock times.
 */
export const BLOCK_MONITOR = `(() => {
  if (globalThis.__benchBlocks) return true;
  globalThis.__benchBlocks = [];
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const blocked = now - last - 10;
    if (blocked > 50) globalThis.__benchBlocks.push({ start: performance.timeOrigin + last, duration: blocked });
    last = now;
  }, 10).unref?.();
  return true;
})()`;

export const TAKE_BLOCKS = `(() => { const blocks = globalThis.__benchBlocks ?? []; globalThis.__benchBlocks = []; return blocks; })()`;
