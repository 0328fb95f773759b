import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { LatexDocument } from '../../src/core/documents';
import { markdownBibliographies, quartoProjectBibliographies } from '../../src/core/discovery/index';
import { MAX_INCLUDE_DEPTH } from '../../src/core/limits';
import { memoryService } from './serviceFixtures';

const ROOT = path.resolve('/project');
const at = (...parts: string[]): string => path.join(ROOT, ...parts);

/** The service over a workspace folder /project holding `files`. */
function projectOf(files: Record<string, string>) {
  return memoryService({ folders: [ROOT], files }).service;
}

test('the LaTeX reader finds bibliographies: \\bibliography lists, biblatex resources, comments ignored', () => {
  const text = [
    '\\nocite{x}',
    '\\bibliography{refs, more.bib}',
    '% \\bibliography{old}',
    '\\addbibresource{a.bib}',
    '\\addbibresource[location=remote]{b}',
    '\\addglobalbib{global.bib}',
  ].join('\n');
  const found = new LatexDocument(at('main.tex'), text).bibliographies();
  assert.deepEqual(found.map((each) => [each.name, each.path, each.command, each.line]), [
    ['refs', 'refs.bib', 'bibliography', 2],
    ['more.bib', 'more.bib', 'bibliography', 2],
    ['a.bib', 'a.bib', 'addbibresource', 4],
    ['b', 'b', 'addbibresource', 5],
    ['global.bib', 'global.bib', 'addglobalbib', 6],
  ]);
  assert.equal(text.slice(found[1]!.start, found[1]!.end), 'more.bib');
  assert.equal(found[1]!.column, 21);
});

test('the LaTeX reader finds includes: every include form, .tex added, comments ignored', () => {
  const text = [
    '\\input{chapters/intro}',
    '\\input{chapters/two.tex}',
    '\\input plain',
    '\\include{Appendix}',
    '% \\input{hidden}',
    '\\subfile{sub/part}',
    '\\import{dir/}{file}',
    '\\subimport{sec}{body.tex}',
    '\\usepackage[utf8]{inputenc}\\includegraphics{fig}',
  ].join('\n');
  assert.deepEqual(new LatexDocument(at('main.tex'), text).includes().map((each) => [each.command, each.path, each.line, each.relativeToIncluder]), [
    ['input', 'chapters/intro.tex', 1, false],
    ['input', 'chapters/two.tex', 2, false],
    ['input', 'plain.tex', 3, false],
    ['include', 'Appendix.tex', 4, false],
    ['subfile', 'sub/part.tex', 6, false],
    ['import', 'dir/file.tex', 7, false],
    ['subimport', 'sec/body.tex', 8, true],
  ]);
});

test('a project: inputs relative to the root folder, bibliographies in reading order, missing files located', async () => {
  const service = projectOf({
    [at('main.tex')]: '\\documentclass{article}\n\\input{chapters/a}\n\\input{missing}\n\\bibliography{refs}',
    [at('chapters', 'a.tex')]: 'A \\input{chapters/b}\n\\addbibresource{bib/extra.bib}',
    [at('chapters', 'b.tex')]: 'B',
  });
  const project = await service.project(at('main.tex'));
  assert.equal(project.root, at('main.tex'));
  assert.deepEqual(project.files, [at('main.tex'), at('chapters', 'a.tex'), at('chapters', 'b.tex')]);
  assert.deepEqual(project.bibliographies, [
    { path: at('bib', 'extra.bib'), from: { path: at('chapters', 'a.tex'), line: 2, column: 17 } },
    { path: at('refs.bib'), from: { path: at('main.tex'), line: 4, column: 15 } },
  ]);
  assert.deepEqual(project.problems, [{ path: at('main.tex'), line: 3, column: 8, message: 'Included file not found: missing (looked for missing.tex, missing).' }]);
  // A chapter belongs to the root that includes it.
  assert.deepEqual(await service.project(at('chapters', 'b.tex')), project);
});

test('a project: a cycle and too-deep nesting are located problems', async () => {
  const cyclic = projectOf({
    [at('main.tex')]: '\\input{a}',
    [at('a.tex')]: '\\input{b}',
    [at('b.tex')]: 'x\n\\input{a}',
  });
  const project = await cyclic.project(at('main.tex'));
  assert.deepEqual(project.files, [at('main.tex'), at('a.tex'), at('b.tex')]);
  assert.deepEqual(project.problems, [
    { path: at('b.tex'), line: 2, column: 8, message: 'Include cycle: a.tex -> b.tex -> a.tex. TeX would loop here; remove one of these \\input commands.' },
  ]);

  const chain: Record<string, string> = {};
  const length = MAX_INCLUDE_DEPTH + 5;
  for (let level = 0; level < length; level++) chain[at(`f${level}.tex`)] = `\\input{f${level + 1}}`;
  chain[at(`f${length}.tex`)] = 'end';
  const deep = await projectOf(chain).project(at('f0.tex'));
  assert.equal(deep.files.length, MAX_INCLUDE_DEPTH + 1);
  assert.deepEqual(deep.problems.map((problem) => [problem.path, problem.message]), [
    [at(`f${MAX_INCLUDE_DEPTH}.tex`), `Includes nested more than ${MAX_INCLUDE_DEPTH} levels deep: f${MAX_INCLUDE_DEPTH + 1} was not followed. Flatten the chain of \\input files.`],
  ]);
});

test('a project: an unreadable root is a problem, not a crash', async () => {
  const project = await projectOf({}).project(at('none.tex'));
  assert.deepEqual(project.files, []);
  assert.deepEqual(project.problems, [{ path: at('none.tex'), line: 1, column: 1, message: `${at('none.tex')} does not exist.` }]);
});

test('a file included 50,000 times is read once and listed once, and its citations are reported once', async () => {
  const chapter = `See \\cite{chapterkey}.\n${'Words of the chapter. '.repeat(50_000)}\n`; // 1.1 MB
  const { workspace, service } = memoryService({
    folders: [ROOT],
    files: { [at('main.tex')]: `\\documentclass{article}\n\\begin{document}\n${'\\input{chapter}\n'.repeat(50_000)}\\end{document}\n`, [at('chapter.tex')]: chapter },
  });
  const project = await service.project(at('main.tex'));
  assert.deepEqual([project.files, project.problems], [[at('main.tex'), at('chapter.tex')], []]);
  const check = await service.checkProject(at('main.tex'));
  assert.deepEqual(check.findings.filter((finding) => finding.rule === 'cite/undefined-key').map((finding) => [finding.file, finding.line]), [[at('chapter.tex'), 1]]);
  assert.equal(workspace.opened.filter((file) => file === at('chapter.tex')).length, 1);
});

test('the root of a file: magic comment, own \\documentclass, transitive includer, else the file itself', async () => {
  const service = projectOf({
    [at('main.tex')]: '\\documentclass{article}\n\\include{chapters/one}',
    [at('chapters', 'one.tex')]: '\\input{chapters/two}',
    [at('chapters', 'two.tex')]: 'text',
    [at('chapters', 'magic.tex')]: '% !TEX root = ../main.tex\ntext\n',
    [at('lonely.tex')]: 'no class',
    [at('other.tex')]: '% \\documentclass{book}\ntext',
  });
  const rootOf = async (file: string) => (await service.project(file)).root;
  assert.equal(await rootOf(at('chapters', 'two.tex')), at('main.tex'));
  assert.equal(await rootOf(at('main.tex')), at('main.tex'));
  assert.equal(await rootOf(at('lonely.tex')), at('lonely.tex'));
  assert.equal(await rootOf(at('other.tex')), at('other.tex'));
  // A magic comment naming a root that does not include the file: the file stands alone, and says why.
  const magic = await service.project(at('chapters', 'magic.tex'));
  assert.deepEqual([magic.root, magic.files], [at('chapters', 'magic.tex'), [at('chapters', 'magic.tex')]]);
  assert.match(magic.problems[0]!.message, /% !TEX root names \.\.\/main\.tex, which does not include this file/);
  // Positive control: once main.tex includes it, the magic comment's root holds.
  const included = projectOf({
    [at('main.tex')]: '\\documentclass{article}\n\\input{chapters/magic}',
    [at('chapters', 'magic.tex')]: '% !TEX root = ../main.tex\ntext\n',
  });
  const held = await included.project(at('chapters', 'magic.tex'));
  assert.deepEqual([held.root, held.problems], [at('main.tex'), []]);
});

test('a % !TEX root naming a file that does not include the document: the document\'s own citations are still checked', async () => {
  const files = {
    [at('main.tex')]: '\\documentclass{article}\n\\begin{document}\n\\cite{rootkey}\n\\end{document}\n',
    [at('chapters', 'magic.tex')]: '% !TEX root = ../main.tex\nSee \\cite{chapterkey}.\n',
  };
  const undefinedKeys = async (service: ReturnType<typeof projectOf>) =>
    (await service.checkProject(at('chapters', 'magic.tex'))).findings.filter((finding) => finding.rule === 'cite/undefined-key').map((finding) => [finding.file, finding.line, finding.message]);
  assert.deepEqual(await undefinedKeys(projectOf(files)), [[at('chapters', 'magic.tex'), 2, "'chapterkey' is not defined in any library this document uses."]]);
  // Once the root includes it, the chapter is checked as part of the root, its citations and the root's alike.
  const included = projectOf({ ...files, [at('main.tex')]: '\\documentclass{article}\n\\begin{document}\n\\cite{rootkey}\n\\input{chapters/magic}\n\\end{document}\n' });
  assert.deepEqual((await undefinedKeys(included)).map(([file, line]) => [file, line]), [[at('main.tex'), 3], [at('chapters', 'magic.tex'), 2]]);
});

test('markdownBibliographies: single, block list, flow list, inline references', () => {
  const single = markdownBibliographies('---\ntitle: x\nbibliography: "refs.bib"\n---\ntext', at('doc', 'paper.md'));
  assert.deepEqual(single, {
    bibliographies: [{ name: 'refs.bib', path: at('doc', 'refs.bib'), start: 28, end: 36 }],
    hasInlineReferences: false,
  });
  const block = markdownBibliographies('---\nbibliography:\n  - a.bib\n  - b.bib\nreferences:\n  - id: doe\n    title: T\n---\n');
  assert.deepEqual(block.bibliographies.map((each) => each.name), ['a.bib', 'b.bib']);
  assert.equal(block.hasInlineReferences, true);
  const flow = markdownBibliographies('---\nbibliography: [bib/a.bib, bib/b.bib]\n---\n');
  assert.deepEqual(flow.bibliographies.map((each) => [each.name, each.start]), [['bib/a.bib', 19], ['bib/b.bib', 30]]);
  assert.deepEqual(markdownBibliographies('no front matter').bibliographies, []);
});

test('quartoProjectBibliographies: top-level bibliography of _quarto.yml', () => {
  const yaml = 'project:\n  type: book\nbibliography: references.bib\nformat:\n  html:\n    bibliography: other.bib\n';
  assert.deepEqual(quartoProjectBibliographies(yaml).map((each) => each.name), ['references.bib']);
  assert.deepEqual(quartoProjectBibliographies('book_filename: thesis\n'), []);
});
