import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../../src/core/checks/finding';
import { memoryService } from './serviceFixtures';

/**
 * Issue #11: one LaTeX reader for citations, discovery and the submission rules. What TeX never reads
 * (comments, `\iffalse` blocks, everything after `\end{document}`) is not read by any of them, and what
 * TeX does read (`\import`, `\subimport`) reaches all of them. Each "nothing happens" has its positive control.
 */

const REFS = '@misc{cited, title={Cited}}\n@misc{spare, title={Spare}}\n@misc{other, title={Other}}\n';

function paper(main: string, files: Record<string, string> = {}) {
  return memoryService({
    files: { '/p/main.tex': main, '/p/refs.bib': REFS, ...files },
    settings: { '*': { library: { includeBundled: false } } },
  });
}

const document = (body: string, after = '') => `\\documentclass{article}\n\\usepackage{neurips_2024_calm}\n\\begin{document}\n${body}\n\\bibliography{refs}\n\\end{document}\n${after}`;

const rulesIn = (findings: readonly Finding[], file: string) => findings.filter((finding) => finding.file === file).map((finding) => finding.rule).sort();

describe('\\import and \\subimport', () => {
  test('the imported files are part of the project and seen by the submission rules and the citation checks', async () => {
    const { service } = paper(document('\\cite{cited}\n\\import{sections/}{intro}'), {
      '/p/sections/intro.tex': 'Intro $$x = 1$$\n\\subimport{parts/}{deep}\n',
      '/p/sections/parts/deep.tex': 'Deep \\todo{fix this} and \\cite{deepkey}.\n',
    });
    const project = await service.project('/p/main.tex');
    assert.deepEqual(project.files, ['/p/main.tex', '/p/sections/intro.tex', '/p/sections/parts/deep.tex']);
    const report = await service.checkSubmission({ path: '/p/main.tex' });
    assert.deepEqual(rulesIn(report.findings, '/p/sections/intro.tex'), ['calm/no-double-dollar']);
    assert.deepEqual(rulesIn(report.findings, '/p/sections/parts/deep.tex'), ['calm/leftover-todo', 'cite/undefined-key']);
    const live = await service.checkProject('/p/sections/parts/deep.tex');
    const column = 'Deep \\todo{fix this} and \\cite{deepkey}.'.indexOf('deepkey') + 1;
    assert.deepEqual(live.findings.filter((finding) => finding.rule === 'cite/undefined-key').map((finding) => [finding.file, finding.line, finding.column]), [['/p/sections/parts/deep.tex', 1, column]]);
  });
});

describe('\\nocite{*}', () => {
  const unused = async (body: string) => {
    const { findings } = await paper(document(body)).service.checkProject('/p/main.tex');
    return findings.filter((finding) => finding.rule === 'cite/unused-entry').map((finding) => finding.message);
  };

  test('%\\nocite{*} and a \\nocite{*} in verbatim are ignored: the unused-entry hints are still shown', async () => {
    const hints = ["'spare' is never cited in this document.", "'other' is never cited in this document."];
    assert.deepEqual(await unused('\\cite{cited}\n%\\nocite{*}'), hints);
    assert.deepEqual(await unused('\\cite{cited} % \\nocite{*}'), hints);
    assert.deepEqual(await unused('\\cite{cited}\n\\begin{verbatim}\n\\nocite{*}\n\\end{verbatim}'), hints);
    assert.deepEqual(await unused('\\cite{cited}\n\\iffalse\n\\nocite{*}\n\\fi'), hints);
  });

  test('positive control: \\nocite{*} cites every entry', async () => {
    assert.deepEqual(await unused('\\cite{cited}\n\\nocite{*}'), []);
  });
});

describe('after \\end{document}', () => {
  const after = '\\input{after}\n\\cite{afterkey}\n$$x$$\n\\bibliography{late}\n';
  const afterTex = 'After \\cite{afterinput} and \\todo{x}.\n';

  test('files \\input after \\end{document} are not read, and nothing there is checked', async () => {
    const { workspace, service } = paper(document('\\cite{cited}', after), { '/p/after.tex': afterTex, '/p/late.bib': '@misc{late, title={L}}\n' });
    const project = await service.project('/p/main.tex');
    assert.deepEqual(project.files, ['/p/main.tex']);
    assert.deepEqual(project.bibliographies.map((bibliography) => bibliography.path), ['/p/refs.bib']);
    const report = await service.checkSubmission({ path: '/p/main.tex' });
    const lastLine = document('\\cite{cited}').split('\n').length - 1;
    assert.deepEqual(report.findings.filter((finding) => finding.file !== '/p/main.tex' && finding.file !== '/p/refs.bib'), []);
    assert.deepEqual(report.findings.filter((finding) => finding.file === '/p/main.tex' && (finding.line ?? 0) > lastLine), []);
    assert.ok(!report.findings.some((finding) => /afterkey|afterinput|late/.test(finding.message)));
    assert.ok(!workspace.opened.includes('/p/after.tex') && !workspace.opened.includes('/p/late.bib'), workspace.opened.join(', '));
  });

  test('positive control: the same lines before \\end{document} are read and checked', async () => {
    const { workspace, service } = paper(document(`\\cite{cited}\n${after}`), { '/p/after.tex': afterTex, '/p/late.bib': '@misc{late, title={L}}\n' });
    const project = await service.project('/p/main.tex');
    assert.deepEqual(project.files, ['/p/main.tex', '/p/after.tex']);
    const report = await service.checkSubmission({ path: '/p/main.tex' });
    assert.deepEqual(rulesIn(report.findings, '/p/after.tex'), ['calm/leftover-todo', 'cite/undefined-key']);
    assert.ok(report.findings.some((finding) => finding.rule === 'calm/no-double-dollar' && finding.file === '/p/main.tex'));
    assert.ok(report.findings.some((finding) => /'afterkey'/.test(finding.message)));
    assert.ok(workspace.opened.includes('/p/after.tex') && workspace.opened.includes('/p/late.bib'));
  });
});

describe('\\iffalse ... \\fi', () => {
  const hidden = '\\iffalse\n\\input{hidden}\n\\ifdefined\\foo nested \\fi\n\\cite{hiddenkey}\n$$x$$\n\\fi\n';

  test('an \\iffalse block is not read: no include, no citation, no rule fires there', async () => {
    const { workspace, service } = paper(document(`\\cite{cited}\n${hidden}After.`), { '/p/hidden.tex': 'Hidden \\todo{x} \\cite{hiddeninput}.\n' });
    assert.deepEqual((await service.project('/p/main.tex')).files, ['/p/main.tex']);
    const report = await service.checkSubmission({ path: '/p/main.tex' });
    assert.deepEqual(report.findings.filter((finding) => /^(cite\/undefined-key|calm\/no-double-dollar|calm\/leftover-todo)$/.test(finding.rule)), []);
    assert.ok(!workspace.opened.includes('/p/hidden.tex'));
  });

  test('positive control: without \\iffalse the same lines are read and checked', async () => {
    const { workspace, service } = paper(document(`\\cite{cited}\n${hidden.replace('\\iffalse\n', '').replace(/\\fi\n$/, '')}After.`), { '/p/hidden.tex': 'Hidden \\todo{x} \\cite{hiddeninput}.\n' });
    assert.deepEqual((await service.project('/p/main.tex')).files, ['/p/main.tex', '/p/hidden.tex']);
    const report = await service.checkSubmission({ path: '/p/main.tex' });
    const fired = new Set(report.findings.map((finding) => finding.rule));
    for (const rule of ['cite/undefined-key', 'calm/no-double-dollar', 'calm/leftover-todo']) assert.ok(fired.has(rule), rule);
    assert.ok(workspace.opened.includes('/p/hidden.tex'));
  });
});
