import { main } from '../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, as `calm-cite ARGS...` would, and captures what it prints. */
export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, (text) => (stdout += text + '\n'), (text) => (stderr += text + '\n'));
  return { code, stdout, stderr };
}
