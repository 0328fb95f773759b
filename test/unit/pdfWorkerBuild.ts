import * as path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * Bundles the PDF worker as scripts/build.mjs does for dist/, to `outfile` under out/ so that pdfjs-dist
 * resolves from the repository. Each test file names its own file: test files run in parallel.
 */
export async function buildPdfWorker(outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.resolve(__dirname, '../../src/core/checks/pdf/worker/pdfWorkerMain.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['pdfjs-dist', 'pdfjs-dist/*'],
    logLevel: 'warning',
  });
}
