import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer, type ServerLocation } from './server';

/**
 * Serves the Language Server Protocol over the transport the command line names (`--stdio`, or
 * `--node-ipc` as VS Code starts it) until the client disconnects. Resolves with the exit code.
 */
export function runLanguageServer(location: ServerLocation): Promise<number> {
  const connection = createConnection(ProposedFeatures.all);
  return new Promise((resolve) => {
    connection.onExit(() => resolve(0));
    startLanguageServer(connection, location);
  });
}
