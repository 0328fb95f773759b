/**
 * The only file access discovery needs. The extension backs it with `vscode.workspace.fs`, the CLI with
 * `node:fs`, tests with an in-memory map. `undefined` means "no such file" (or unreadable): discovery
 * reports that as a problem in the document instead of throwing.
 */
export interface FileSystem {
  readFile(path: string): Promise<string | undefined>;
}

/** A FileSystem over texts already in memory (open editors, test fixtures). */
export function memoryFileSystem(files: ReadonlyMap<string, string>): FileSystem {
  return { readFile: async (path) => files.get(path) };
}
