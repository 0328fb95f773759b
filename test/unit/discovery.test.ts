import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  findRootDocument,
  latexBibliographies,
  latexIncludes,
  markdownBibliographies,
  memoryFileSystem,
  quartoProjectBibliographies,
  resolveLatexProject,
} from '../../src/core/discovery/index';

const ROOT = path.resolve('/project');
const at = (...parts: string[]): string => path.join(ROOT, ...parts);

test('latexBibliographies: \\bibliography lists, biblatex resources, comments ignored', () => {
  const text = [
    '\\nocite{x}',
    '\\bibliography{refs, more.bib}',
    '% \\bibliography{old}',
    '\\addbibresource{a.bib}',
    '\\addbibresource[location=remote]{b}',
    '\\addglobalbib{global.bib}',
  ].join('\n');
  const found = latexBibliographies(text);
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

test('latexIncludes: every include form, .tex added, comments ignored', () => {
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
  assert.deepEqual(latexIncludes(text).map((each) => [each.command, each.path, each.line, each.relativeToIncluder]), [
    ['input', 'chapters/intro.tex', 1, false],
    ['input', 'chapters/two.tex', 2, false],
    ['input', 'plain.tex', 3, false],
    ['include', 'Appendix.tex', 4, false],
    ['subfile', 'sub/part.tex', 6, false],
    ['import', 'dir/file.tex', 7, false],
    ['subimport', 'sec/body.tex', 8, true],
  ]);
});

test('resolveLatexProject: inputs relative to the root folder, bibliographies, missing files', async () => {
  const fs = memoryFileSystem(new Map([
    [at('main.tex'), '\\documentclass{article}\n\\input{chapters/a}\n\\input{missing}\n\\bibliography{refs}'],
    [at('chapters', 'a.tex'), 'A \\input{chapters/b}\n\\addbibresource{bib/extra.bib}'],
    [at('chapters', 'b.tex'), 'B'],
  ]));
  const project = await resolveLatexProject(at('main.tex'), fs);
  assert.deepEqual(project.files, [at('main.tex'), at('chapters', 'a.tex'), at('chapters', 'b.tex')]);
  assert.deepEqual(project.bibliographies, [
    { path: at('bib', 'extra.bib'), from: { path: at('chapters', 'a.tex'), line: 2 } },
    { path: at('refs.bib'), from: { path: at('main.tex'), line: 4 } },
  ]);
  assert.deepEqual(project.problems, [{ path: at('main.tex'), line: 3, column: 8, message: 'Included file not found: missing' }]);
});

test('resolveLatexProject: a cycle and too-deep nesting are located problems', async () => {
  const cyclic = memoryFileSystem(new Map([
    [at('main.tex'), '\\input{a}'],
    [at('a.tex'), '\\input{b}'],
    [at('b.tex'), 'x\n\\input{a}'],
  ]));
  const project = await resolveLatexProject(at('main.tex'), cyclic);
  assert.deepEqual(project.files, [at('main.tex'), at('a.tex'), at('b.tex')]);
  assert.deepEqual(project.problems, [{ path: at('b.tex'), line: 2, column: 8, message: 'Include cycle: a.tex -> b.tex -> a.tex' }]);

  const chain = new Map<string, string>();
  for (let level = 0; level < 5; level++) chain.set(at(`f${level}.tex`), `\\input{f${level + 1}}`);
  chain.set(at('f5.tex'), 'end');
  const deep = await resolveLatexProject(at('f0.tex'), memoryFileSystem(chain), { maxDepth: 3 });
  assert.equal(deep.files.length, 4);
  assert.deepEqual(deep.problems.map((problem) => [problem.path, problem.message]), [
    [at('f3.tex'), 'Includes nested more than 3 levels deep: f4 not followed'],
  ]);
});

test('resolveLatexProject: an unreadable root is a problem, not a crash', async () => {
  const project = await resolveLatexProject(at('none.tex'), memoryFileSystem(new Map()));
  assert.deepEqual(project.files, []);
  assert.equal(project.problems.length, 1);
});

test('findRootDocument: magic comment, own \\documentclass, transitive includer', async () => {
  const texts = new Map([
    [at('main.tex'), '\\documentclass{article}\n\\include{chapters/one}'],
    [at('chapters', 'one.tex'), '\\input{chapters/two}'],
    [at('chapters', 'two.tex'), 'text'],
    [at('chapters', 'magic.tex'), '% !TEX root = ../main.tex\ntext'],
    [at('lonely.tex'), 'no class'],
    [at('other.tex'), '% \\documentclass{book}\ntext'],
  ]);
  assert.equal(await findRootDocument(at('chapters', 'two.tex'), texts), at('main.tex'));
  assert.equal(await findRootDocument(at('chapters', 'magic.tex'), texts), at('main.tex'));
  assert.equal(await findRootDocument(at('main.tex'), texts), at('main.tex'));
  assert.equal(await findRootDocument(at('lonely.tex'), texts), undefined);
  assert.equal(await findRootDocument(at('other.tex'), texts), undefined);
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
