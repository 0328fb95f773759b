import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CiteService } from '../../src/core/service/citeService';
import { RequestCancelled, type CancellationToken, type FileOpen } from '../../src/core/workspace';
import { MemoryWorkspace } from '../../src/core/workspace/memoryWorkspace';
import { createCiteService } from '../../src/core/service/citeService';
import { BUNDLED, bundledLibraryFiles, memoryService, positionOf } from './serviceFixtures';

/** Issue #11: every request that reads takes a cancellation token, and a cancelled one makes it throw `RequestCancelled`. */

const TEXT = '\\documentclass{article}\n\\begin{document}\n\\cite{x}\n\\bibliography{refs}\n\\end{document}\n';
const FILES = { '/p/main.tex': TEXT, '/p/refs.bib': '@misc{x, title={X}}\n@misc{y, title={Y}}\n' };
const AT_KEY = positionOf(TEXT, '{x}', 1);

/** Each request the editors and the CLI make, with the token it is given. */
function requests(service: CiteService, token: CancellationToken): [string, () => Promise<unknown>][] {
  return [
    ['library', () => service.library('/p/main.tex', token)],
    ['project', () => service.project('/p/main.tex', token)],
    ['completion', () => service.completion('/p/main.tex', AT_KEY, token)],
    ['describe', () => service.describe('/p/main.tex', 'x', {}, token)],
    ['hover', () => service.hover('/p/main.tex', AT_KEY, {}, token)],
    ['definition', () => service.definition('/p/main.tex', AT_KEY, token)],
    ['references', () => service.references('/p/main.tex', AT_KEY, true, token)],
    ['prepareRename', () => service.prepareRename('/p/main.tex', AT_KEY, token)],
    ['rename', () => service.rename('/p/main.tex', AT_KEY, 'z', token)],
    ['checkProject', () => service.checkProject('/p/main.tex', token)],
    ['libraryTree', () => service.libraryTree('/p/main.tex', token)],
    ['search', () => service.search('/p/main.tex', 'x', 5, token)],
    ['searchWorkspace', () => service.searchWorkspace('x', 5, token)],
    ['submissionTarget', () => service.submissionTarget('/p/main.tex', token)],
    ['checkSubmission', () => service.checkSubmission({ path: '/p/main.tex' }, token)],
  ];
}

describe('cancellation', () => {
  test('a cancelled token makes every request throw RequestCancelled', async () => {
    const { service } = memoryService({ files: FILES, open: { '/p/main.tex': TEXT } });
    for (const [name, request] of requests(service, { isCancellationRequested: true })) {
      await assert.rejects(request(), RequestCancelled, name);
    }
  });

  test('positive control: with a live token every request answers', async () => {
    const { service } = memoryService({ files: FILES, open: { '/p/main.tex': TEXT } });
    for (const [name, request] of requests(service, { isCancellationRequested: false })) {
      await assert.doesNotReject(request(), name);
    }
    assert.ok(await service.completion('/p/main.tex', AT_KEY, { isCancellationRequested: false }));
  });

  test('a request cancelled while it reads stops with RequestCancelled, and the next one answers from a clean state', async () => {
    const token = { isCancellationRequested: false };
    /** The editor cancels the request as soon as the first library file is opened. */
    class CancellingWorkspace extends MemoryWorkspace {
      override async open(file: string, options: { maxBytes: number }): Promise<FileOpen> {
        if (file.endsWith('.bib')) token.isCancellationRequested = true;
        return super.open(file, options);
      }
    }
    const workspace = new CancellingWorkspace({ folders: ['/p'], files: { ...bundledLibraryFiles(), ...FILES } });
    const service = createCiteService(workspace, { bundled: BUNDLED });
    await assert.rejects(service.checkProject('/p/main.tex', token), RequestCancelled);
    const again = await service.checkProject('/p/main.tex', { isCancellationRequested: false });
    assert.deepEqual(again.findings.map((finding) => `${finding.rule} ${finding.message}`), ["cite/unused-entry 'y' is never cited in this document."]);
  });
});
