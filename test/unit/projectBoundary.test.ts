import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { toSarif } from '../../src/cli/sarif';
import type { Finding } from '../../src/core/checks/finding';
import { createCiteService } from '../../src/core/service/citeService';
import type { MemoryEntry } from '../../src/core/workspace/memoryWorkspace';
import { NodeWorkspace } from '../../src/core/workspace/nodeWorkspace';
import { runCli } from './cliRunner';
import { BUNDLED, bundledLibraryFiles, memoryService } from './serviceFixtures';
import { makeTempDir } from './tempDirs';

/**
 * Issue #11 and the guide: nothing is read outside the project unless the user named it, and nothing is
 * ever quoted from such a file; what is not a regular file (a FIFO, a folder, a device) is refused before a
 * byte is read, with a message located where the document names it.
 */

const SECRET = 'SECRET-DO-NOT-QUOTE';
const OUTSIDE_TEX = `${SECRET} \\cite{secretkey} $$x$$\n`;
const OUTSIDE_BIB = `@misc{secretkey, title={${SECRET}}}\n`;
const MAIN = '\\documentclass{article}\n\\begin{document}\n\\input{../outside}\nText.\n\\bibliography{../outside}\n\\end{document}\n';

const located = (findings: readonly Finding[], rule: string) =>
  findings.filter((finding) => finding.rule === rule).map((finding) => [finding.file, finding.line, finding.column, finding.message]);

function outsideMessage(file: string): string {
  return `${file} is outside the project (/ws/paper), so CALM Cite does not read it. Move it into the project, or name it in calmCite.library.paths (or --library) to read it on purpose.`;
}

describe('the project boundary', () => {
  const files: Record<string, MemoryEntry> = { '/ws/paper/main.tex': MAIN, '/ws/outside.tex': OUTSIDE_TEX, '/ws/outside.bib': OUTSIDE_BIB };

  test('an \\input and a \\bibliography outside the folder are doc/project-file findings that name the path, and the files are never opened', async () => {
    const { workspace, service } = memoryService({ folders: ['/ws/paper'], files });
    const live = await service.checkProject('/ws/paper/main.tex');
    assert.deepEqual(located(live.findings, 'doc/project-file'), [
      ['/ws/paper/main.tex', 3, 8, outsideMessage('/ws/outside')],
      ['/ws/paper/main.tex', 5, 15, outsideMessage('/ws/outside.bib')],
    ]);
    const report = await service.checkSubmission({ path: '/ws/paper/main.tex' });
    assert.deepEqual(
      located(report.findings, 'calm/source-unreadable').map(([file, line, column]) => [file, line, column]),
      [['/ws/paper/main.tex', 3, 8], ['/ws/paper/main.tex', 5, 15]],
    );
    assert.equal((await service.library('/ws/paper/main.tex')).lookup('secretkey'), undefined);
    for (const finding of [...live.findings, ...report.findings]) {
      assert.ok(!finding.message.includes(SECRET) && !finding.message.includes('secretkey'), finding.message);
      assert.ok(!finding.file.startsWith('/ws/outside'), finding.file);
    }
    assert.deepEqual(workspace.opened.filter((file) => file.startsWith('/ws/outside')), []);
  });

  test('positive control: the same files inside the folder are read, and so is a library named in the settings on purpose', async () => {
    const inside = memoryService({ folders: ['/ws'], files });
    const check = await inside.service.checkProject('/ws/paper/main.tex');
    assert.deepEqual(located(check.findings, 'doc/project-file'), []);
    assert.ok((await inside.service.library('/ws/paper/main.tex')).lookup('secretkey'));
    assert.ok(inside.workspace.opened.includes('/ws/outside.tex') && inside.workspace.opened.includes('/ws/outside.bib'));

    const named = memoryService({ folders: ['/ws/paper'], files, settings: { '*': { library: { paths: ['../outside.bib'] } } } });
    assert.ok((await named.service.library('/ws/paper/main.tex')).lookup('secretkey'), 'named in calmCite.library.paths: read on purpose');
    assert.ok(!named.workspace.opened.includes('/ws/outside.tex'), 'the \\input outside is still not read');
  });

  test('a symbolic link inside the folder that points outside it is refused too (on disk)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-boundary-'));
    try {
      const paper = path.join(root, 'paper');
      fs.mkdirSync(paper);
      fs.writeFileSync(path.join(root, 'outside.bib'), OUTSIDE_BIB);
      fs.symlinkSync(path.join(root, 'outside.bib'), path.join(paper, 'link.bib'));
      fs.writeFileSync(path.join(paper, 'inside.bib'), '@misc{insidekey, title={In}}\n');
      fs.writeFileSync(path.join(paper, 'main.tex'), '\\documentclass{article}\n\\bibliography{link,inside}\n');
      const service = createCiteService(new NodeWorkspace({ folders: [paper] }), { bundled: BUNDLED });
      const check = await service.checkProject(path.join(paper, 'main.tex'));
      const outside = check.findings.filter((finding) => finding.rule === 'doc/project-file');
      assert.equal(outside.length, 1);
      assert.deepEqual([outside[0]!.line, outside[0]!.column], [2, 15]);
      assert.match(outside[0]!.message, /link\.bib is outside the project/);
      assert.ok(check.findings.every((finding) => !finding.message.includes(SECRET)));
      const library = await service.library(path.join(paper, 'main.tex'));
      assert.equal(library.lookup('secretkey'), undefined);
      assert.ok(library.lookup('insidekey'), 'positive control: the real file beside it is read');
    } finally {
      fs.rmSync(root, { recursive: true });
    }
  });
});

describe('every way a document names a file outside the project (issue #13)', () => {
  /** Shaped like an e-mail address, as the token in `.git-credentials` was: the anonymity rule quotes such addresses. */
  const TOKEN = 'ghp_PLANTEDTOKEN@github.com';
  const outside: Record<string, MemoryEntry> = {
    '/etc/passwd': `root:x:0:0:${TOKEN}:/root:/bin/sh\n`,
    '/ws/secret/x.tex': `${TOKEN} \\cite{secretkey}\n`,
    '/ws/secret/x.bib': `@misc{secretkey, title={${TOKEN}}}\n`,
  };
  const quoted = (findings: readonly Finding[]) => findings.filter((finding) => finding.message.includes('PLANTEDTOKEN') || finding.message.includes('secretkey'));

  test('\\input of an absolute path, \\addbibresource and YAML bibliography: are findings that name the path; nothing outside is opened', async () => {
    const files = {
      ...outside,
      '/ws/paper/main.tex': '\\documentclass{article}\n\\begin{document}\n\\input{/etc/passwd}\n\\input{../secret/x}\n\\addbibresource{../secret/x.bib}\n\\end{document}\n',
      '/ws/paper/paper.md': '---\nbibliography: ../secret/x.bib\n---\nText.\n',
    };
    const { workspace, service } = memoryService({ folders: ['/ws/paper'], files });
    const tex = await service.checkProject('/ws/paper/main.tex');
    assert.deepEqual(located(tex.findings, 'doc/project-file'), [
      ['/ws/paper/main.tex', 3, 8, outsideMessage('/etc/passwd')],
      ['/ws/paper/main.tex', 4, 8, outsideMessage('/ws/secret/x')],
      ['/ws/paper/main.tex', 5, 17, outsideMessage('/ws/secret/x.bib')],
    ]);
    const markdown = await service.checkProject('/ws/paper/paper.md');
    assert.deepEqual(located(markdown.findings, 'doc/project-file'), [['/ws/paper/paper.md', 2, 15, outsideMessage('/ws/secret/x.bib')]]);
    const reports = [await service.checkSubmission({ path: '/ws/paper/main.tex' }), await service.checkSubmission({ path: '/ws/paper/paper.md' })];
    assert.deepEqual(quoted([...tex.findings, ...markdown.findings, ...reports.flatMap((report) => report.findings)]), []);
    assert.deepEqual(workspace.opened.filter((file) => !file.startsWith('/ws/paper/') && !(file in bundledLibraryFiles())), []);

    // Positive control: with the whole of /ws as the project, the same names are read, and the token is quoted.
    const inside = memoryService({ folders: ['/ws'], files });
    const report = await inside.service.checkSubmission({ path: '/ws/paper/main.tex' });
    assert.ok(quoted(report.findings).length > 0, 'read inside the project, the planted token shows in a finding');
    assert.ok((await inside.service.library('/ws/paper/paper.md')).lookup('secretkey'));
  });

  test('a % !TEX root outside the project is not read: the chapter stands alone, its own citations are checked, and nothing of the root is quoted', async () => {
    const files = {
      '/ws/root.tex': `\\documentclass{article}\n\\begin{document}\n${TOKEN} \\cite{rootkey}\n\\input{paper/chapter}\n\\end{document}\n`,
      '/ws/paper/chapter.tex': '% !TEX root = ../root.tex\n\\cite{chapterkey}\n',
    };
    const { workspace, service } = memoryService({ folders: ['/ws/paper'], files });
    const project = await service.project('/ws/paper/chapter.tex');
    assert.deepEqual([project.root, project.files], ['/ws/paper/chapter.tex', ['/ws/paper/chapter.tex']]);
    const message = '% !TEX root names ../root.tex, which is outside the project (/ws/paper), so CALM Cite does not read it and reads this file on its own. Open the folder that holds the root, or check the root itself.';
    const live = await service.checkProject('/ws/paper/chapter.tex');
    assert.deepEqual(located(live.findings, 'doc/project-file'), [['/ws/paper/chapter.tex', 1, 1, message]]);
    assert.deepEqual(located(live.findings, 'cite/undefined-key').map(([file, line]) => [file, line]), [['/ws/paper/chapter.tex', 2]]);
    const report = await service.checkSubmission({ path: '/ws/paper/chapter.tex' });
    assert.deepEqual(located(report.findings, 'calm/source-unreadable'), [['/ws/paper/chapter.tex', 1, 1, message]]);
    const sarif = JSON.stringify(toSarif(report.findings, report.pack));
    assert.ok(!sarif.includes('PLANTEDTOKEN') && !sarif.includes('rootkey'), sarif);
    assert.deepEqual(quoted([...live.findings, ...report.findings]), []);
    assert.ok(!workspace.opened.includes('/ws/root.tex'));

    // Positive control: with the root inside the project, it is the chapter's root and its e-mail address is found.
    const inside = memoryService({ folders: ['/ws'], files });
    assert.equal((await inside.service.project('/ws/paper/chapter.tex')).root, '/ws/root.tex');
    const insideReport = await inside.service.checkSubmission({ path: '/ws/paper/chapter.tex' });
    assert.ok(JSON.stringify(toSarif(insideReport.findings, insideReport.pack)).includes('PLANTEDTOKEN'));
  });

  test('calm-cite check: a planted .git-credentials beside the paper\'s folder never reaches the text or SARIF output', async () => {
    const root = makeTempDir('calm-credentials-');
    fs.writeFileSync(path.join(root, '.git-credentials'), `https://user:${TOKEN}\n`);
    fs.writeFileSync(path.join(root, 'root.tex'), '\\documentclass{article}\n\\begin{document}\n\\input{.git-credentials}\n\\input{paper/chapter}\n\\end{document}\n');
    const paper = path.join(root, 'paper');
    fs.mkdirSync(paper);
    fs.writeFileSync(path.join(paper, 'chapter.tex'), '% !TEX root = ../root.tex\nText.\n\\input{../.git-credentials}\n');
    for (const format of ['text', 'sarif']) {
      const run = await runCli(['check', path.join(paper, 'chapter.tex'), '--format', format]);
      assert.equal(run.code, 1, run.stderr);
      assert.ok(!run.stdout.includes('PLANTEDTOKEN'), run.stdout);
      assert.match(run.stdout, /\.git-credentials is outside the project/);
    }
    // Positive control: checked from the folder that holds both, the root reads it, and the address is quoted.
    const own = await runCli(['check', path.join(root, 'root.tex'), '--format', 'sarif']);
    assert.match(own.stdout, /PLANTEDTOKEN/);
  });
});

describe('what is not a regular file', () => {
  const MAIN_SPECIAL = '\\documentclass{article}\n\\begin{document}\n\\input{pipe}\n\\input{chapters}\n\\bibliography{pipe,device,folder}\n\\end{document}\n';

  test('a FIFO, a folder or a device named as an include or a library gives a message where it is named', async () => {
    const { service } = memoryService({
      files: {
        '/p/main.tex': MAIN_SPECIAL,
        '/p/pipe.tex': { kind: 'fifo' },
        '/p/pipe.bib': { kind: 'fifo' },
        '/p/device.bib': { kind: 'device' },
        '/p/folder.bib/inner.bib': '@misc{inner, title={I}}\n',
        '/p/chapters/one.tex': 'One.\n',
      },
    });
    const check = await service.checkProject('/p/main.tex');
    assert.deepEqual(located(check.findings, 'doc/project-file'), [
      ['/p/main.tex', 3, 8, '/p/pipe.tex is a named pipe (FIFO), not a regular file, so it was not read.'],
      ['/p/main.tex', 4, 8, '/p/chapters is a folder, not a regular file, so it was not read.'],
    ]);
    const bibliography = (name: string) => MAIN_SPECIAL.split('\n')[4]!.indexOf(name) + 1;
    const check2 = located(check.findings, 'bib/missing-file');
    assert.deepEqual(check2, [
      ['/p/main.tex', 5, bibliography('pipe'), '/p/pipe.bib is a named pipe (FIFO), not a regular file, so it was not read. Check the name in \\bibliography, \\addbibresource or bibliography:.'],
      ['/p/main.tex', 5, bibliography('device'), '/p/device.bib is a device, not a regular file, so it was not read. Check the name in \\bibliography, \\addbibresource or bibliography:.'],
      ['/p/main.tex', 5, bibliography('folder'), '/p/folder.bib is a folder, not a regular file, so it was not read. Check the name in \\bibliography, \\addbibresource or bibliography:.'],
    ]);
    // Nothing is reported on the special files themselves: an editor could not open them.
    assert.deepEqual(check.findings.filter((finding) => finding.file !== '/p/main.tex'), []);
    const report = await service.checkSubmission({ path: '/p/main.tex' });
    assert.deepEqual(located(report.findings, 'calm/source-unreadable').map(([file, line, column]) => [file, line, column]), [['/p/main.tex', 3, 8], ['/p/main.tex', 4, 8]]);
  });

  test('a FIFO in calmCite.library.paths is reported at the document, naming the setting', async () => {
    const { service } = memoryService({ files: { '/p/paper.md': 'Text.\n', '/p/pipe.json': { kind: 'fifo' } }, settings: { '*': { library: { paths: ['pipe.json'] } } } });
    assert.deepEqual(located((await service.checkProject('/p/paper.md')).findings, 'bib/missing-file'), [
      ['/p/paper.md', 1, 1, '/p/pipe.json is a named pipe (FIFO), not a regular file, so it was not read. Fix calmCite.library.paths (or --library).'],
    ]);
  });

  test('calm-cite on disk: --library a FIFO or a link to /dev/zero or /dev/urandom, a FIFO as bibliography:, index of a FIFO: each named, nothing blocks', { skip: process.platform === 'win32' ? 'no FIFOs or /dev on Windows' : false, timeout: 30_000 }, async () => {
    const dir = makeTempDir('calm-special-');
    const at = (name: string) => path.join(dir, name);
    execFileSync('mkfifo', [at('pipe.json'), at('pipe.bib')]);
    fs.symlinkSync('/dev/zero', at('zero.bib'));
    fs.symlinkSync('/dev/urandom', at('random.bib'));
    fs.writeFileSync(at('refs.bib'), '@misc{realkey, title={Real}}\n');
    fs.writeFileSync(at('paper.md'), '---\nbibliography: pipe.json\n---\nSee [@realkey].\n');
    const library = (flags: string[]) => runCli(['check', at('paper.md'), ...flags]);
    const notRegular = (file: string, kind: string) => `${at(file)} is ${kind}, not a regular file, so it was not read.`;

    const special = await library(['--library', at('pipe.bib'), '--library', at('zero.bib'), '--library', at('random.bib')]);
    assert.equal(special.code, 1, special.stderr);
    for (const [file, kind] of [['pipe.bib', 'a named pipe (FIFO)'], ['zero.bib', 'a device'], ['random.bib', 'a device']]) {
      assert.ok(special.stdout.includes(`${notRegular(file!, kind!)} Fix calmCite.library.paths (or --library).`), special.stdout);
    }
    assert.ok(special.stdout.includes(`paper.md:2:15: error: ${notRegular('pipe.json', 'a named pipe (FIFO)')} Check the name`), special.stdout);
    assert.match(special.stdout, /'realkey' is not defined/);
    // Positive control: a regular file given the same way is read, and the key is defined.
    const regular = await library(['--library', at('refs.bib')]);
    assert.doesNotMatch(regular.stdout, /'realkey' is not defined/);

    const index = await runCli(['index', at('pipe.bib')]);
    assert.deepEqual([index.code, index.stderr.trim()], [2, `calm-cite: cannot read ${at('pipe.bib')}: it is a named pipe (FIFO), not a regular file`]);
  });

  test('a real FIFO on disk, as an include and as a library, never blocks the check', { skip: process.platform === 'win32' ? 'no FIFOs on Windows' : false }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-fifo-'));
    try {
      execFileSync('mkfifo', [path.join(dir, 'pipe.tex'), path.join(dir, 'pipe.bib')]);
      fs.writeFileSync(path.join(dir, 'main.tex'), '\\documentclass{article}\n\\begin{document}\n\\input{pipe}\n\\bibliography{pipe}\n\\end{document}\n');
      const service = createCiteService(new NodeWorkspace({ folders: [dir] }), { bundled: BUNDLED });
      const report = await service.checkSubmission({ path: path.join(dir, 'main.tex') });
      // A submission check reports it once, as the pack's calm/source-unreadable; the live checks as doc/project-file.
      assert.deepEqual(located(report.findings, 'calm/source-unreadable').map(([, line, column, message]) => [line, column, message]), [
        [3, 8, `${path.join(dir, 'pipe.tex')} is a named pipe (FIFO), not a regular file, so it was not read.`],
      ]);
      assert.deepEqual(located(report.findings, 'doc/project-file'), []);
      assert.deepEqual(located((await service.checkProject(path.join(dir, 'main.tex'))).findings, 'doc/project-file').map(([, line]) => line), [3]);
      assert.deepEqual(located(report.findings, 'bib/missing-file').map(([, line, column]) => [line, column]), [[4, 15]]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
