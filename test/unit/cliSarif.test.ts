import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { toSarif } from '../../src/cli/sarif';
import { VERSION } from '../../src/cli/version';
import { loadRulesPack } from '../../src/core/checks/rulesPack';
import { CITATION_RULES } from '../../src/core/citationChecks/rules';
import { runCli } from './cliRunner';
import { writeTempFiles } from './checksHelpers';

/** SARIF for GitHub code scanning (issue #14): a region on every result, the tool's version, every rule described. */
const PLANTED = path.resolve(__dirname, '..', 'planted');

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  relatedLocations?: { message: { text: string }; physicalLocation: { artifactLocation: { uri: string } } }[];
}

async function sarifOf(args: string[]) {
  const { stdout } = await runCli([...args, '--format', 'sarif']);
  const sarif = JSON.parse(stdout);
  return { driver: sarif.runs[0].tool.driver, results: sarif.runs[0].results as SarifResult[] };
}

describe('calm-cite check --format sarif', () => {
  test('a PDF finding placed by SyncTeX: the source line, the path relative to the working directory, the PDF as a related location', async () => {
    const { results } = await sarifOf(['check', path.join(PLANTED, 'ack-section.tex'), '--pdf', path.join(PLANTED, 'ack-section.pdf')]);
    const pdf = results.find((result) => result.ruleId === 'calm/no-ack-in-submission')!;
    assert.equal(pdf.locations[0]!.physicalLocation.artifactLocation.uri, path.relative(process.cwd(), path.join(PLANTED, 'ack-section.tex')).split(path.sep).join('/'));
    assert.equal(pdf.locations[0]!.physicalLocation.region.startLine, 10);
    assert.match(pdf.message.text, /\(page 5\)$/);
    assert.deepEqual(pdf.relatedLocations!.map((location) => [location.message.text, location.physicalLocation.artifactLocation.uri.endsWith('ack-section.pdf')]), [['page 5', true]]);
  });

  test('every result has a region; PDF findings without a line sit on line 1 with the page in the message', async () => {
    const { results } = await sarifOf(['check', path.join(PLANTED, 'final.tex'), '--pdf', path.join(PLANTED, 'final.pdf')]);
    assert.ok(results.length >= 2);
    assert.ok(results.every((result) => result.locations[0]!.physicalLocation.region.startLine >= 1));
    const markers = results.find((result) => result.ruleId === 'calm/submission-markers')!;
    assert.equal(markers.locations[0]!.physicalLocation.region.startLine, 1);
    assert.match(markers.message.text, /\(page 1\)$/);
  });

  test('driver.version, and a shortDescription and helpUri for every rule, cite/* and bib/* too', async () => {
    const dir = writeTempFiles({
      'paper.tex': '\\documentclass{article}\n\\usepackage{neurips_2024_calm}\n\\begin{document}\nSee \\cite{missing} and \\cite{a}.\n\\bibliography{refs,gone}\n\\end{document}\n',
      'refs.bib': '@misc{a, title={A}}\n@misc{a, title={A again}}\n@misc{unused, title={U}}\n',
    });
    const { driver, results } = await sarifOf(['check', path.join(dir, 'paper.tex')]);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(driver.version, VERSION);
    const ruleIds = new Set(results.map((result) => result.ruleId));
    for (const id of ['cite/undefined-key', 'cite/duplicate-key', 'cite/unused-entry', 'bib/missing-file']) assert.ok(ruleIds.has(id), id);
    for (const rule of driver.rules as { id: string; shortDescription?: { text: string }; helpUri?: string }[]) {
      assert.ok(rule.shortDescription?.text, `${rule.id} has a shortDescription`);
      assert.match(rule.helpUri ?? '', /^https:\/\//, `${rule.id} has a helpUri`);
    }
  });

  test('toSarif describes every citation rule id (positive: an unknown id still gets both fields)', () => {
    const findings = [...Object.keys(CITATION_RULES), 'x/unknown'].map((rule) => ({ rule, severity: 'warning' as const, file: '/p/a.tex', message: 'm' }));
    const driver = toSarif(findings, loadRulesPack('calm-2024'), '/p').runs[0]!.tool.driver;
    assert.equal(driver.rules.length, findings.length);
    assert.ok(driver.rules.every((rule) => rule.shortDescription.text !== '' && rule.helpUri.startsWith('https://')));
    assert.equal(driver.rules.find((rule) => rule.id === 'cite/undefined-key')!.shortDescription.text, 'Every cited key is defined in a library the document uses');
  });
});

test('the text report counts the hints it prints', async () => {
  const dir = writeTempFiles({
    'paper.tex': '\\documentclass{article}\n\\begin{document}\nSee \\cite{a}.\n\\bibliography{refs}\n\\end{document}\n',
    'refs.bib': '@misc{a, title={A}}\n@misc{unused, title={U}}\n',
  });
  const { stdout } = await runCli(['check', path.join(dir, 'paper.tex')]);
  fs.rmSync(dir, { recursive: true, force: true });
  const lines = stdout.trim().split('\n');
  assert.equal(lines.filter((line) => line.includes(': hint: ')).length, 1);
  assert.match(lines.at(-1)!, /^1 error, 0 warnings, 0 notes, 1 hint\.$/);
});
