// `npm run test:desktop`: runs the in-editor suite in desktop VS Code downloaded by
// @vscode/test-electron. It needs Microsoft's update service, which the offline CI machines cannot
// reach, so it is not part of `npm test`; the code-server suite in test/e2e covers the same ground there.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..');
  const exitCode = await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(__dirname, 'suite.js'),
    launchArgs: [path.join(repo, 'examples', 'calm-paper'), '--disable-extensions'],
  }).catch((error: Error) => {
    console.error(`Desktop VS Code could not run: ${error.message}`);
    return 1;
  });
  process.exitCode = exitCode;
}

void main();
