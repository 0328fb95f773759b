import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli as run } from './cliRunner';
import { needsShared, sharedPath } from './shared';

describe('calm-cite check', () => {
  test('the workshop template and its PDF pass: exit 0, no errors, the documented JSON shape', needsShared, async () => {
    const { code, stdout } = await run([
      'check',
      sharedPath('corpus', 'calm-template', 'neurips_2024_calm.tex'),
      '--pdf',
      sharedPath('corpus', 'calm-template', 'neurips_2024_calm.pdf'),
      '--format',
      'json',
    ]);
    const report = JSON.parse(stdout);
    assert.equal(code, 0);
    assert.equal(report.summary.errors, 0);
    assert.equal(report.summary.pages, 5);
    for (const finding of report.findings) {
      assert.deepEqual(Object.keys(finding).filter((name) => name !== 'page'), ['rule', 'severity', 'file', 'line', 'column', 'message']);
    }
  });

  test('an undefined citation exits 1 and is reported with file, line and column', needsShared, async () => {
    const { code, stdout } = await run(['check', sharedPath('corpus', 'papers', 'EleutherAI__elk', 'joss', 'paper.md'), '--format', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    const first = report.findings.find((finding: { rule: string }) => finding.rule === 'cite/undefined-key');
    assert.equal(first.line, 67);
    assert.equal(first.column, 149);
    assert.equal(report.summary.errors, 4);
  });

  test('SARIF output names each rule and location', needsShared, async () => {
    const { stdout } = await run(['check', sharedPath('corpus', 'papers', 'EleutherAI__elk', 'joss', 'paper.md'), '--format', 'sarif']);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((each: { ruleId: string }) => each.ruleId === 'cite/undefined-key');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 67);
  });

  test('--rules neurips-2024 asks for the checklist; an invalid pack file exits 2 naming the field', needsShared, async () => {
    const tex = sharedPath('corpus', 'calm-template', 'neurips_2024_calm.tex');
    const neurips = await run(['check', tex, '--rules', 'neurips-2024', '--format', 'json']);
    assert.ok(JSON.parse(neurips.stdout).findings.some((finding: { rule: string }) => finding.rule === 'neurips/checklist'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-cite-rules-'));
    const packFile = path.join(dir, 'rules.json');
    fs.writeFileSync(packFile, JSON.stringify({ id: 'x', title: 'X', source: 'https://example.org', rules: { 'calm/margins': { title: 'm', severity: 'fatal', source: 'https://example.org' } } }));
    const invalid = await run(['check', tex, '--rules', packFile]);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /rules\.calm\/margins\.severity/);
  });

  test('an unreadable document exits 2 with a plain message', async () => {
    const missingDocument = await run(['check', '/nonexistent/paper.tex']);
    assert.equal(missingDocument.code, 2);
    assert.match(missingDocument.stderr, /^calm-cite: \/nonexistent\/paper\.tex does not exist\./);
    assert.equal((await run(['check', 'notes.txt'])).code, 2);
    assert.equal((await run(['check'])).code, 2);
  });

  test('an unreadable PDF exits 2 with a plain message', needsShared, async () => {
    const missingPdf = await run(['check', sharedPath('corpus', 'calm-template', 'neurips_2024_calm.tex'), '--pdf', '/nonexistent/paper.pdf']);
    assert.equal(missingPdf.code, 2);
    assert.match(missingPdf.stderr, /\/nonexistent\/paper\.pdf/);
    assert.doesNotMatch(missingPdf.stderr, /\n\s+at /);
  });
});
