import * as path from 'node:path';
import { runCheck } from './checkCommand';
import { runIndex } from './indexCommand';
import { runLanguageServer } from '../server/main';
import { packageRoot } from './packageRoot';
import { USAGE, UsageError } from './usage';
import { VERSION } from './version';

/** Runs the CLI and returns its exit code. Nothing thrown here reaches the user as a stack trace. */
type Write = (text: string) => void;

const writeOut: Write = (text) => void process.stdout.write(text + '\n');
const writeErr: Write = (text) => void process.stderr.write(text + '\n');

export async function main(argv: string[], out: Write = writeOut, err: Write = writeErr): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'index':
        return await runIndex(args, out);
      case 'check':
        return await runCheck(args, out);
      case 'lsp':
        // vscode-languageserver reads the transport from the command line itself.
        if (!args.some((arg) => /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/.test(arg))) {
          throw new UsageError(`lsp needs a transport: run 'calm-cite lsp --stdio', as editors do.\n${USAGE}`);
        }
        return await runLanguageServer({ packageRoot: packageRoot(), distDir: path.join(packageRoot(), 'dist') });
      case '--version':
        out(VERSION);
        return 0;
      case '--help':
      case '-h':
      case 'help':
        out(USAGE);
        return 0;
      case undefined:
        err(USAGE);
        return 2;
      default:
        throw new UsageError(`unknown command '${command}'.\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`calm-cite: ${(error as Error).message}`);
      return 2;
    }
    err(`calm-cite: internal error: ${(error as Error).message}. Please report it with the command you ran.`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
