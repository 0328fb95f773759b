import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CitationFinding } from '../../src/core/citationChecks/checkCitations';
import type { DiagnosticsUpdate } from '../../src/core/service/liveDiagnostics';
import type { CiteService } from '../../src/core/service/citeService';
import { memoryService, positionOf } from './serviceFixtures';

/**
 * Issue #11: which document sees which library, which documents a rename may touch, and on which files the
 * findings land, over one in-memory workspace that holds more than one paper.
 */

const paperTex = (bibliography: string) => `\\documentclass{article}\n\\begin{document}\nAs \\cite{shared} shows.\n\\bibliography{${bibliography}}\n\\end{document}\n`;
const A_TEX = paperTex('refs');
const B_TEX = paperTex('refs');
const C_TEX = paperTex('../a/refs');
const BOTH_TEX = paperTex('../a/refs,../b/refs');

/** Two papers in one workspace folder, each with its own refs.bib defining `shared`; c names a's file, both names both. */
function twoPapers() {
  return memoryService({
    folders: ['/ws'],
    files: {
      '/ws/a/paper.tex': A_TEX,
      '/ws/a/refs.bib': '@article{shared, title={Paper A own entry}, author={Alpha, A.}, journal={J}, year={2020}}\n@misc{onlyA, title={Only in A}}\n',
      '/ws/b/paper.tex': B_TEX,
      '/ws/b/refs.bib': '@book{shared, title={Paper B own entry}, author={Beta, B.}, publisher={P}, year={2021}}\n@misc{onlyB, title={Only in B}}\n',
      '/ws/c/paper.tex': C_TEX,
      '/ws/both/paper.tex': BOTH_TEX,
    },
    settings: { '*': { library: { includeBundled: false } } },
  });
}

const texts: Record<string, string> = { '/ws/a/paper.tex': A_TEX, '/ws/b/paper.tex': B_TEX, '/ws/c/paper.tex': C_TEX, '/ws/both/paper.tex': BOTH_TEX };

describe('library scope', () => {
  test('two papers with the same key each see only their own entry', async () => {
    const { service } = twoPapers();
    for (const [paper, title, own, other] of [
      ['/ws/a/paper.tex', 'Paper A own entry', 'onlyA', 'onlyB'],
      ['/ws/b/paper.tex', 'Paper B own entry', 'onlyB', 'onlyA'],
    ] as const) {
      const library = await service.library(paper);
      assert.deepEqual(library.lookupAll('shared').map((reference) => reference.title), [title], paper);
      assert.ok(library.lookup(own) && !library.lookup(other), paper);
      const at = positionOf(texts[paper]!, 'shared');
      assert.match((await service.hover(paper, at))!.markdown, new RegExp(title), paper);
      assert.deepEqual((await service.definition(paper, at)).map((location) => location.path), [paper.replace('paper.tex', 'refs.bib')]);
      const keys = (await service.completion(paper, at))!.items.map((item) => item.key);
      assert.ok(keys.includes(own) && !keys.includes(other), `${paper}: ${keys.join(', ')}`);
      const check = await service.checkProject(paper);
      assert.deepEqual(check.findings.filter((finding) => finding.rule === 'cite/duplicate-key'), [], paper);
    }
  });

  test('positive control: a paper naming both files sees both entries, and the key is a duplicate there', async () => {
    const { service } = twoPapers();
    const library = await service.library('/ws/both/paper.tex');
    assert.deepEqual(library.lookupAll('shared').map((reference) => reference.title), ['Paper A own entry', 'Paper B own entry']);
    const duplicates = (await service.checkProject('/ws/both/paper.tex')).findings.filter((finding) => finding.rule === 'cite/duplicate-key');
    assert.deepEqual(duplicates.map((finding) => finding.file), ['/ws/a/refs.bib', '/ws/b/refs.bib']);
  });
});

describe('rename scope', () => {
  test('renaming a key touches only the documents whose libraries define the renamed entry', async () => {
    const { service } = twoPapers();
    const fromA = await service.rename('/ws/a/paper.tex', positionOf(A_TEX, 'shared'), 'renamedA');
    // c names a's refs.bib and is touched; both names a's file too. b defines its own `shared` and is left alone.
    assert.deepEqual([...new Set(fromA.map((edit) => edit.path))].sort(), ['/ws/a/paper.tex', '/ws/a/refs.bib', '/ws/both/paper.tex', '/ws/c/paper.tex']);
    const fromB = await service.rename('/ws/b/refs.bib', { line: 1, column: 8 }, 'renamedB');
    assert.deepEqual([...new Set(fromB.map((edit) => edit.path))].sort(), ['/ws/b/paper.tex', '/ws/b/refs.bib', '/ws/both/paper.tex']);
    assert.ok(fromB.every((edit) => edit.newText === 'renamedB'));
  });

  test('references follow the same scope', async () => {
    const { service } = twoPapers();
    const paths = async (paper: string) =>
      [...new Set((await service.references(paper, positionOf(texts[paper]!, 'shared'), true)).map((location) => location.path))].sort();
    assert.deepEqual(await paths('/ws/b/paper.tex'), ['/ws/b/paper.tex', '/ws/b/refs.bib', '/ws/both/paper.tex']);
    assert.deepEqual(await paths('/ws/c/paper.tex'), ['/ws/a/paper.tex', '/ws/a/refs.bib', '/ws/both/paper.tex', '/ws/c/paper.tex']);
  });
});

/** Resolves with the first diagnostics update `accept` takes, or fails after two seconds. */
function update(service: CiteService, accept: (update: DiagnosticsUpdate) => boolean): Promise<DiagnosticsUpdate> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error('no such diagnostics update within 2 s'));
    }, 2000);
    const subscription = service.onDidUpdateDiagnostics((each) => {
      if (!accept(each)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(each);
    });
  });
}

const messages = (findings: readonly CitationFinding[]) => findings.map((finding) => `${finding.rule} ${finding.message}`);

describe('diagnostics scope', () => {
  test('findings land on the file they are in: the root, the chapter it inputs, the library', async () => {
    const { service } = memoryService({
      files: {
        '/p/main.tex': '\\documentclass{article}\n\\begin{document}\n\\input{chapter}\n\\cite{x}\n\\bibliography{refs}\n\\end{document}\n',
        '/p/chapter.tex': 'Text \\cite{nokey}.\n',
        '/p/refs.bib': '@misc{x, title={X}}\n@misc{x, title={X again}}\n@misc{uncited, title={U}}\n',
      },
      settings: { '*': { library: { includeBundled: false } } },
    });
    const check = await service.checkProject('/p/chapter.tex');
    const where = check.findings.map((finding) => [finding.rule, finding.file, finding.line]);
    assert.deepEqual(where, [
      ['cite/undefined-key', '/p/chapter.tex', 1],
      ['cite/duplicate-key', '/p/refs.bib', 1],
      ['cite/duplicate-key', '/p/refs.bib', 2],
      ['cite/unused-entry', '/p/refs.bib', 3],
    ]);
  });

  test('an entry is unused only if every open document naming the file leaves it uncited', async () => {
    const a = '\\documentclass{article}\n\\cite{x}\n\\bibliography{refs}\n';
    const b = '\\documentclass{article}\n\\cite{y}\n\\bibliography{refs}\n';
    // c cites z but does not name refs.bib: it has no say on what in refs.bib is unused.
    const c = '\\documentclass{article}\n\\cite{z}\n';
    const { workspace, service } = memoryService({
      files: { '/p/refs.bib': '@misc{x, title={X}}\n@misc{y, title={Y}}\n@misc{z, title={Z}}\n', '/p/a.tex': a, '/p/b.tex': b, '/p/c.tex': c },
      settings: { '*': { library: { includeBundled: false } } },
      options: { liveDiagnostics: { delayMs: 0 } },
    });
    try {
      const onRefs = (count: number) => (each: DiagnosticsUpdate) => each.get('/p/refs.bib')?.length === count;
      const onlyA = update(service, onRefs(2));
      workspace.setDocument('/p/a.tex', a);
      assert.deepEqual(messages((await onlyA).get('/p/refs.bib')!), ["cite/unused-entry 'y' is never cited in this document.", "cite/unused-entry 'z' is never cited in this document."]);
      const withB = update(service, onRefs(1));
      workspace.setDocument('/p/b.tex', b);
      assert.deepEqual(messages((await withB).get('/p/refs.bib')!), ["cite/unused-entry 'z' is never cited in this document."]);
      const withC = update(service, (each) => each.has('/p/c.tex'));
      workspace.setDocument('/p/c.tex', c);
      await withC;
      assert.deepEqual(messages(service.diagnostics('/p/refs.bib')), ["cite/unused-entry 'z' is never cited in this document."]);
      // Closing a gives x back to b's view: unused again.
      const withoutA = update(service, onRefs(2));
      workspace.closeDocument('/p/a.tex');
      assert.deepEqual(messages((await withoutA).get('/p/refs.bib')!), ["cite/unused-entry 'x' is never cited in this document.", "cite/unused-entry 'z' is never cited in this document."]);
    } finally {
      service.dispose();
    }
  });
});

describe('crossref inheritance per document', () => {
  const files = {
    '/p/parents.bib': '@proceedings{conf, title={Conf 2024}, year={2024}, publisher={P}}\n',
    '/p/child.bib': '@inproceedings{c, title={T}, author={Doe, D.}, crossref={conf}}\n',
    '/p/with.tex': '\\bibliography{child,parents}\n\\cite{c}\n',
    '/p/without.tex': '\\bibliography{child}\n\\cite{c}\n',
  };

  test('a document that never names parents.bib does not see the inherited fields, whichever library is read first', async () => {
    for (const order of [['/p/with.tex', '/p/without.tex'], ['/p/without.tex', '/p/with.tex']]) {
      const { service } = memoryService({ files, settings: { '*': { library: { includeBundled: false } } } });
      for (const paper of order) await service.library(paper);
      const inherited = (await service.library('/p/with.tex')).lookup('c')!;
      assert.deepEqual([inherited.fields.booktitle, inherited.year, inherited.venue], ['Conf 2024', '2024', 'Conf 2024'], order.join(' then '));
      const own = (await service.library('/p/without.tex')).lookup('c')!;
      assert.deepEqual([own.fields.booktitle, own.year, own.venue], [undefined, undefined, undefined], order.join(' then '));
      // The file as read is shared by both libraries and never changed.
      assert.equal((await service.library('/p/with.tex')).file('/p/child.bib')!.references[0]!.fields.booktitle, undefined);
      // What the checks say follows the same views.
      const missing = async (paper: string) => (await service.checkProject(paper)).findings.filter((finding) => finding.rule === 'cite/missing-field').map((finding) => finding.message);
      assert.deepEqual(await missing('/p/without.tex'), ['@inproceedings{c} lacks booktitle, year or date; bibliography styles will print an incomplete reference.']);
      assert.deepEqual(await missing('/p/with.tex'), []);
    }
  });

  test("after the parent changes, on disk or unsaved in the editor, the child's view follows it", async () => {
    const { workspace, service } = memoryService({ files, settings: { '*': { library: { includeBundled: false } } } });
    const booktitle = async () => (await service.library('/p/with.tex')).lookup('c')!.fields.booktitle;
    assert.equal(await booktitle(), 'Conf 2024');
    workspace.writeFile('/p/parents.bib', '@proceedings{conf, title={Conf 2025}, year={2025}}\n');
    assert.equal(await booktitle(), 'Conf 2025');
    workspace.setDocument('/p/parents.bib', '@proceedings{conf, title={Conf 2026 (unsaved)}}\n');
    assert.equal(await booktitle(), 'Conf 2026 (unsaved)');
    workspace.closeDocument('/p/parents.bib');
    assert.equal(await booktitle(), 'Conf 2025');
    assert.equal((await service.library('/p/without.tex')).lookup('c')!.fields.booktitle, undefined);
  });
});
