// Builds the two bundles: dist/extension.js (the VS Code extension, `vscode` external) and dist/cli.js
// (the `calm-cite` command line). pdfjs-dist is ESM-only and loaded lazily with import(), so it is
// copied beside the bundles instead of being bundled into CommonJS. sql.js (SQLite in WebAssembly, for
// Zotero databases) is copied there too: its loader finds its .wasm file beside itself.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode', 'pdfjs-dist', 'pdfjs-dist/*', 'sql.js'],
};

rmSync('dist', { recursive: true, force: true });
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' }),
  esbuild.build({ ...common, entryPoints: ['src/core/library/worker/parseWorkerMain.ts'], outfile: 'dist/libraryWorker.js' }),
  esbuild.build({ ...common, entryPoints: ['src/core/checks/pdf/worker/pdfWorkerMain.ts'], outfile: 'dist/pdfWorker.js' }),
  esbuild.build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
// pdf.js for the PDF checks, beside the bundles where `import('pdfjs-dist/...')` finds it: the minified
// builds under the names the code imports, and the CMaps that CID fonts need (standard-font data is
// left out on purpose, see src/core/checks/pdf/pdfDocument.ts).
const pdfjs = 'node_modules/pdfjs-dist';
const shipped = 'dist/node_modules/pdfjs-dist';
mkdirSync(`${shipped}/legacy/build`, { recursive: true });
for (const file of ['package.json', 'LICENSE']) cpSync(`${pdfjs}/${file}`, `${shipped}/${file}`);
cpSync(`${pdfjs}/legacy/build/pdf.min.mjs`, `${shipped}/legacy/build/pdf.mjs`);
cpSync(`${pdfjs}/legacy/build/pdf.worker.min.mjs`, `${shipped}/legacy/build/pdf.worker.mjs`);
cpSync(`${pdfjs}/cmaps`, `${shipped}/cmaps`, { recursive: true });

// sql.js: the Node build and its WebAssembly SQLite, under the names its package.json points to.
const sqljs = 'node_modules/sql.js';
const sqljsShipped = 'dist/node_modules/sql.js';
mkdirSync(`${sqljsShipped}/dist`, { recursive: true });
for (const file of ['package.json', 'LICENSE', 'dist/sql-wasm.js', 'dist/sql-wasm.wasm']) cpSync(`${sqljs}/${file}`, `${sqljsShipped}/${file}`);
