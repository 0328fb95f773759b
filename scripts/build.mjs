// Builds the two bundles: dist/extension.js (the VS Code extension, `vscode` external) and dist/cli.js
// (the `calm-cite` command line). pdfjs-dist is ESM-only and loaded lazily with import(), so it is
// copied beside the bundles instead of being bundled into CommonJS.
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
  external: ['vscode', 'pdfjs-dist', 'pdfjs-dist/*'],
};

rmSync('dist', { recursive: true, force: true });
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' }),
  esbuild.build({ ...common, entryPoints: ['src/core/library/worker/parseWorkerMain.ts'], outfile: 'dist/libraryWorker.js' }),
  esbuild.build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
mkdirSync('dist/node_modules/pdfjs-dist/legacy/build', { recursive: true });
for (const file of ['package.json', 'LICENSE']) {
  cpSync(`node_modules/pdfjs-dist/${file}`, `dist/node_modules/pdfjs-dist/${file}`);
}
for (const file of ['pdf.min.mjs', 'pdf.worker.min.mjs']) {
  cpSync(`node_modules/pdfjs-dist/legacy/build/${file}`, `dist/node_modules/pdfjs-dist/legacy/build/${file}`);
}
