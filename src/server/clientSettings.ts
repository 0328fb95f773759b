import * as nodePath from 'node:path';
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { parseSettings, type Settings } from '../core/settings';
import type { ServiceLog } from '../core/service/types';
import { isWithin } from '../core/workspace/files';
import { uriOf } from './uris';

/**
 * The `calmCite.*` settings as the client has them, per workspace folder: asked with
 * `workspace/configuration` where the client answers it, else taken from what it sends with
 * `didChangeConfiguration` (or its initialization options). Kept until the client says they changed.
 */
export class ClientSettings {
  private readonly byFolder = new Map<string, Promise<Settings>>();
  private pushed: unknown;
  readonly canWatchFiles: boolean;
  readonly canWatchFolders: boolean;
  private readonly canAsk: boolean;

  constructor(
    private readonly connection: Connection,
    capabilities: ClientCapabilities,
    private readonly log: ServiceLog,
    initial?: unknown,
  ) {
    this.canAsk = capabilities.workspace?.configuration === true;
    this.canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.canWatchFolders = capabilities.workspace?.workspaceFolders === true;
    this.pushed = initial;
  }

  forPath(path: string | undefined, folders: readonly string[]): Promise<Settings> {
    const folder = path === undefined ? undefined : folders.filter((each) => isWithin(each, path)).sort((a, b) => b.length - a.length)[0];
    const key = folder ?? '';
    let pending = this.byFolder.get(key);
    if (!pending) {
      pending = this.fetch(folder);
      this.byFolder.set(key, pending);
    }
    return pending;
  }

  /** The client says settings changed; some clients send them along. */
  changed(settings: unknown): void {
    this.pushed = settings ?? this.pushed;
    this.byFolder.clear();
  }

  private async fetch(folder: string | undefined): Promise<Settings> {
    let raw: unknown;
    if (this.canAsk) {
      [raw] = await this.connection.workspace.getConfiguration([{ scopeUri: folder === undefined ? undefined : uriOf(folder), section: 'calmCite' }]);
    }
    // A client that cannot answer, or has no `calmCite` section, may still have sent settings.
    raw ??= (flattenDotted(this.pushed) as { calmCite?: unknown } | undefined)?.calmCite;
    const { settings, problems } = parseSettings(flattenDotted(raw));
    for (const problem of problems) this.log.warn(`Setting ${problem.setting} ignored${folder ? ` in ${nodePath.basename(folder)}` : ''}: ${problem.message}. Using the default instead.`);
    return settings;
  }
}

/**
 * Clients send settings nested (`{library: {paths}}`) or with dotted names (`{"library.paths": [...]}`,
 * as Neovim users often write them): both become the nested form the schema reads.
 */
function flattenDotted(raw: unknown): unknown {
  // Lua has one empty table for `{}` and `[]`: Neovim sends `calmCite = {}` as `[]`.
  if (Array.isArray(raw) && raw.length === 0) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const parts = name.split('.');
    let node = result;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    const last = parts[parts.length - 1]!;
    node[last] = last === 'severity' ? emptyObject(value) : typeof value === 'object' && value !== null && !Array.isArray(value) ? flattenDotted(value) : value;
  }
  return result;
}

/** `severity` maps rule ids to levels and is kept as written; Lua's empty table stands for `{}` here too. */
function emptyObject(value: unknown): unknown {
  return Array.isArray(value) && value.length === 0 ? {} : value;
}
