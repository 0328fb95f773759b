import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli as run } from './cliRunner';
import { fixturePath, samplePath } from './fixtures';
import { needsShared, sharedPath } from './shared';
import { makeTempDir } from './tempDirs';

describe('calm-cite check', () => {
  test('the sample paper and its PDF, built with the workshop style, pass: exit 0, no errors, the documented JSON shape', async () => {
    const { code, stdout } = await run(['check', samplePath('paper.tex'), '--pdf', samplePath('paper.pdf'), '--format', 'json']);
    const report = JSON.parse(stdout);
    assert.equal(code, 0);
    assert.equal(report.summary.errors, 0);
    // The one deliberate warning: a cited preprint whose peer-reviewed version is known.
    assert.deepEqual(report.findings.filter((finding: { severity: string }) => finding.severity === 'warning').map((finding: { rule: string }) => finding.rule), ['cite/preprint-published']);
    assert.ok(report.summary.pages >= 2, `pages: ${report.summary.pages}`);
    for (const finding of report.findings) {
      assert.deepEqual(Object.keys(finding).filter((name) => name !== 'page'), ['rule', 'severity', 'file', 'line', 'column', 'message']);
    }
  });

  test('the workshop template and its PDF pass: exit 0, no errors', needsShared, async () => {
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

  test('an undefined citation exits 1 and is reported with file, line and column', async () => {
    const { code, stdout } = await run(['check', fixturePath('undefined-key', 'paper.md'), '--format', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    const undefinedKeys = report.findings.filter((finding: { rule: string }) => finding.rule === 'cite/undefined-key');
    assert.deepEqual(
      undefinedKeys.map((finding: { line: number; column: number; message: string }) => [finding.line, finding.column, finding.message.split(' ')[0]]),
      [
        [9, 49, "'zecevic2023causal'"],
        [9, 69, "'author:parrots'"],
      ],
    );
    assert.equal(report.summary.errors, 2);
  });

  test('SARIF output names each rule and location', async () => {
    const { stdout } = await run(['check', fixturePath('undefined-key', 'paper.md'), '--format', 'sarif']);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((each: { ruleId: string }) => each.ruleId === 'cite/undefined-key');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 9);
    assert.equal(result.locations[0].physicalLocation.region.startColumn, 49);
  });

  test('--rules neurips-2024 asks for the checklist; an invalid pack file exits 2 naming the field', async () => {
    const tex = samplePath('paper.tex');
    const neurips = await run(['check', tex, '--rules', 'neurips-2024', '--format', 'json']);
    assert.ok(JSON.parse(neurips.stdout).findings.some((finding: { rule: string }) => finding.rule === 'neurips/checklist'));
    const dir = makeTempDir('calm-cite-rules-');
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
    const missingPdf = await run(['check', samplePath('paper.tex'), '--pdf', '/nonexistent/paper.pdf']);
    assert.equal(missingPdf.code, 2);
    assert.doesNotMatch(missingPdf.stderr, /\n\s+at /);
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
