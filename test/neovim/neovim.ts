import { spawn, type ChildProcess } from 'node:child_process';
import { decodeMultiStream, encode, ExtensionCodec, decode } from '@msgpack/msgpack';

/**
 * A real Neovim, headless and with no configuration (`--clean`), driven the way a UI drives it: keys go in
 * through `nvim_input`, as typed, and state comes out through Lua (`nvim_exec_lua`). The protocol is
 * Neovim's msgpack-RPC over the child's stdin and stdout (`--embed`).
 */
export class Neovim {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly exited: Promise<void>;
  private stderr = '';

  private constructor(private readonly process: ChildProcess) {
    process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    // Writing to a Neovim that has died fails its pending requests (see read), not the test process.
    process.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => process.on('exit', () => resolve()));
    void this.read();
  }

  /** Starts `nvim` in `cwd` with `env` added to this process's environment. */
  static start(nvim: string, cwd: string, env: Record<string, string> = {}): Neovim {
    const child = spawn(nvim, ['--embed', '--headless', '--clean', '-n', '-i', 'NONE'], { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    return new Neovim(child);
  }

  /** Calls an API function (`nvim_*`). */
  request<T = unknown>(method: string, args: unknown[] = []): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.process.stdin!.write(encode([0, id, method, args]));
    });
  }

  /** Runs a Lua chunk; `...` in it are `args`. Returns what the chunk returns. */
  lua<T = unknown>(code: string, ...args: unknown[]): Promise<T> {
    return this.request<T>('nvim_exec_lua', [code, args]);
  }

  /** Types keys (`<Esc>`, `<C-x>` notation) as a user would; Neovim handles them in its own loop. */
  async input(keys: string): Promise<void> {
    await this.request('nvim_input', [keys]);
  }

  /** Runs Lua expression `code` until it returns something other than nil or false; returns that. */
  async waitFor<T>(code: string, what: string, timeoutMs = 15_000, ...args: unknown[]): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.lua<T | null | false>(`return (function(...) ${code} end)(...)`, ...args);
      if (value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`Neovim: no ${what} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Quits Neovim (which stops its language servers) and waits for it to exit. */
  async quit(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.stdin!.write(encode([2, 'nvim_command', ['qall!']]));
    const timeout = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timeout);
  }

  private async read(): Promise<void> {
    try {
      for await (const message of decodeMultiStream(this.process.stdout!, { extensionCodec: HANDLES })) {
        const [type, id, error, result] = message as [number, number, unknown, unknown];
        if (type !== 1) continue; // Requests and notifications from Neovim: none are expected.
        const waiter = this.pending.get(id);
        this.pending.delete(id);
        if (error) waiter?.reject(new Error(`Neovim: ${Array.isArray(error) ? String(error[1]) : JSON.stringify(error)}`));
        else waiter?.resolve(result);
      }
    } finally {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`Neovim exited. Its stderr: ${this.stderr.trim() || '(empty)'}`));
      this.pending.clear();
    }
  }
}

/** Buffer, window and tab page handles arrive as msgpack extensions holding a number; they become that number. */
const HANDLES = new ExtensionCodec();
for (const type of [0, 1, 2]) HANDLES.register({ type, encode: () => null, decode: (data) => decode(data) });
