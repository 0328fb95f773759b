// The project's invariants, checked by a machine (`npm run lint`, part of `npm test`): the layers of
// ARCHITECTURE.md, and the core's independence from every editor and from the file system.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const EDITOR_APIS = [
  { group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*'], message: 'src/core knows nothing of any editor: put editor code in src/extension or src/server.' },
];
const FILE_SYSTEM = [
  { group: ['fs', 'fs/*', 'node:fs', 'node:fs/*'], message: 'The core reaches files only through the Workspace interface (src/core/workspace.ts); node:fs belongs in src/core/workspace/nodeWorkspace.ts.' },
];
const OUTER_LAYERS = [
  { group: ['**/extension/**', '**/server/**', '**/cli/**'], message: 'src/core must not import the adapters around it (src/extension, src/server, src/cli).' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.bench/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/workspace/nodeWorkspace.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...EDITOR_APIS, ...FILE_SYSTEM, ...OUTER_LAYERS] }] },
  },
  {
    files: ['src/core/workspace/nodeWorkspace.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...EDITOR_APIS, ...OUTER_LAYERS] }] },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['vscode', '**/extension/**', '**/cli/**'], message: 'The language server serves every editor: no VS Code API, no extension or CLI code.' }] },
      ],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '!**/server/protocol'], message: 'The extension talks to the server through its protocol (src/server/protocol.ts), never its code.' },
            { group: ['**/cli/**', '**/core/service/**', '**/core/workspace/**'], message: 'Heavy work runs in the language server, not on the extension host: ask the server.' },
            { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'The extension is the client: vscode-languageclient.' },
          ],
        },
      ],
    },
  },
);
