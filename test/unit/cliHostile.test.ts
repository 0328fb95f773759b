import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli as run } from './cliRunner';
import { samplePath } from './fixtures';
import { makeTempDir } from './tempDirs';

/** Issue #7: whatever it is given, the CLI answers with a message and a documented exit code, never a stack trace. */
const dir = makeTempDir('calm-cite-hostile-');
const binary = path.join(dir, 'binary.bib');
fs.writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
const directoryNamedTex = path.join(dir, 'folder.tex');
fs.mkdirSync(directoryNamedTex);
const invalidPack = path.join(dir, 'pack.json');
fs.writeFileSync(invalidPack, '{"id": "x", "rules": [');
const paper = path.join(dir, 'paper.tex');
fs.writeFileSync(paper, '\\documentclass{article}\n\\begin{document}\nNo citations.\n\\end{document}\n');
const notes = path.join(dir, 'notes.docx');
fs.writeFileSync(notes, 'not a paper');
// The sample paper passes every other check, so the exit code 1 below comes from the PDF alone.
const sample = samplePath('paper.tex');

const CASES: [string, string[], number][] = [
  ['index: a missing file', ['index', path.join(dir, 'missing.bib')], 2],
  ['index: a directory given as a file', ['index', dir], 2],
  ['index: a binary file as a library (entry errors are reported, not failures)', ['index', binary], 0],
  ['index: an unknown flag', ['index', binary, '--frobnicate'], 2],
  ['index: --format invalid', ['index', binary, '--format', 'xml'], 2],
  ['index: --format without a value', ['index', binary, '--format'], 2],
  ['check: a missing document', ['check', path.join(dir, 'missing.tex')], 2],
  ['check: a directory given as the document', ['check', directoryNamedTex], 2],
  ['check: a directory given as the PDF', ['check', paper, '--pdf', dir], 2],
  ['check: a missing library', ['check', paper, '--library', path.join(dir, 'missing.bib')], 1],
  ['check: a binary file as a library', ['check', paper, '--library', binary], 1],
  ['check: a binary file as the PDF', ['check', sample, '--pdf', binary], 1],
  ['check: an invalid rules pack file', ['check', paper, '--rules', invalidPack], 2],
  ['check: an unknown rules pack', ['check', paper, '--rules', 'iclr-2030'], 2],
  ['check: an unknown flag', ['check', paper, '--frobnicate'], 2],
  ['check: --format invalid', ['check', paper, '--format', 'xml'], 2],
  ['check: a document with an unknown extension', ['check', notes], 2],
  ['an unknown command', ['frobnicate'], 2],
];

describe('calm-cite on hostile input', () => {
  after(() => fs.rmSync(dir, { recursive: true }));
  for (const [name, args, expected] of CASES) {
    test(`${name}: exit ${expected}, no stack trace`, async () => {
      const { code, stdout, stderr } = await run(args);
      assert.equal(code, expected, stderr || stdout);
      assert.doesNotMatch(stdout + stderr, /\n\s+at \S|internal error/);
      if (expected === 2) assert.match(stderr, /^calm-cite: \S/);
    });
  }
});
