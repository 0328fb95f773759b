import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { packageRoot } from '../cli/packageRoot';
import { startLanguageServer } from './server';

/**
 * `calm-cite lsp --stdio` (or `--node-ipc`, as VS Code starts it): serves the Language Server Protocol
 * until the client disconnects. Resolves with the exit code.
 */
export function runLanguageServer(): Promise<number> {
  const connection = createConnection(ProposedFeatures.all);
  return new Promise((resolve) => {
    connection.onExit(() => resolve(0));
    startLanguageServer(connection, { packageRoot: packageRoot(), distDir: path.join(packageRoot(), 'dist') });
  });
}
