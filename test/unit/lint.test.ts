import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const REPO = path.resolve(__dirname, '..', '..');

/** The messages ESLint gives for `code` as if it were the file at `relativePath`. */
async function lint(relativePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO });
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, relativePath) });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

test('the layers hold: the core imports no editor API, no node:fs outside the Node workspace, no adapter', async () => {
  const restricted = /no-restricted-imports/;
  assert.match((await lint('src/core/features/x.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n")).join('\n'), restricted);
  assert.match((await lint('src/core/library/x.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n")).join('\n'), restricted);
  assert.match((await lint('src/core/x.ts', "import { activate } from '../extension/extension';\nexport const x = activate;\n")).join('\n'), restricted);
  assert.match((await lint('src/extension/x.ts', "import { startLanguageServer } from '../server/server';\nexport const x = startLanguageServer;\n")).join('\n'), restricted);
  assert.match((await lint('src/server/x.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n")).join('\n'), restricted);
  // Positive controls: what each layer may import passes.
  assert.deepEqual(await lint('src/core/workspace/nodeWorkspace.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n"), []);
  assert.deepEqual(await lint('src/core/features/x.ts', "import * as path from 'node:path';\nexport const x = path;\n"), []);
  assert.deepEqual(await lint('src/extension/x.ts', "import { Requests } from '../server/protocol';\nimport * as vscode from 'vscode';\nexport const x = [Requests, vscode];\n"), []);
});
