import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { BUILTIN_PACKS, loadRulesPack, packForStage, parseStage, RulesPackError, ruleSeverity } from '../../src/core/checks/rulesPack';
import { runCli } from './cliRunner';

/** The camera-ready stage (issue #14): the pack carries the stage, `--stage` and calmCite.check.stage pick it. */
const PLANTED = path.resolve(__dirname, '..', 'planted');
const planted = (name: string, ext: string) => path.join(PLANTED, `${name}.${ext}`);

async function rulesFound(name: string, stage?: string): Promise<string[]> {
  const args = ['check', planted(name, 'tex'), '--pdf', planted(name, 'pdf'), '--format', 'json', ...(stage ? ['--stage', stage] : [])];
  const { stdout } = await runCli(args);
  return (JSON.parse(stdout) as { findings: { rule: string }[] }).findings.map((finding) => finding.rule).sort();
}

describe('stages in the rules packs', () => {
  test('every rule of the shipped packs states its stage', () => {
    for (const pack of Object.values(BUILTIN_PACKS)) {
      for (const [id, setting] of Object.entries(pack.rules)) assert.ok(setting.stage, `${pack.id}: ${id} has no stage`);
    }
  });

  test('packForStage switches off the other stage\'s rules and applies stage parameters', () => {
    const calm = loadRulesPack('calm-2024');
    const submission = packForStage(calm, 'submission');
    const cameraReady = packForStage(calm, 'camera-ready');
    assert.equal(ruleSeverity(submission, 'calm/submission-mode'), 'error');
    assert.equal(ruleSeverity(cameraReady, 'calm/submission-mode'), undefined);
    assert.equal(ruleSeverity(cameraReady, 'calm/final-mode'), 'error');
    assert.equal(ruleSeverity(submission, 'calm/final-mode'), undefined);
    assert.equal(ruleSeverity(cameraReady, 'calm/no-ack-in-submission'), undefined, 'acknowledgments are allowed in the camera-ready');
    assert.equal(cameraReady.rules['calm/page-limit']!.params!['maxPages'], 6, 'the same page limit, as the pack says nothing else');
    const neurips = packForStage(loadRulesPack('neurips-2024'), 'camera-ready');
    assert.equal(neurips.rules['calm/page-limit']!.params!['maxPages'], 10, 'the main track allows a tenth page in the camera-ready');
  });

  test('a pack file may carry stages and stage parameters; a bad stage is named', () => {
    const pack = {
      id: 'w',
      title: 'W',
      source: 'https://example.org/',
      rules: { 'calm/page-limit': { title: 'T', severity: 'error', source: 'https://example.org/', stage: 'both', params: { maxPages: 4 }, stageParams: { 'camera-ready': { maxPages: 5 } } } },
    };
    assert.equal(packForStage(loadRulesPack(JSON.stringify(pack)), 'camera-ready').rules['calm/page-limit']!.params!['maxPages'], 5);
    const bad = { ...pack, rules: { 'calm/page-limit': { ...pack.rules['calm/page-limit'], stage: 'final' } } };
    assert.throws(() => loadRulesPack(JSON.stringify(bad)), (error: unknown) => error instanceof RulesPackError && /rules\.calm\/page-limit\.stage/.test(error.message));
    assert.throws(() => parseStage('final'), /Unknown stage "final"\. Use one of: submission, camera-ready\./);
  });
});

describe('calm-cite check --stage camera-ready', () => {
  test('the camera-ready paper ([final], authors, affiliations, ack environment) has no finding at the camera-ready stage', async () => {
    assert.deepEqual(await rulesFound('camera-ready', 'camera-ready'), []);
  });

  test('the same paper checked as a submission: [final], no anonymous PDF, acknowledgments printed (positive control)', async () => {
    assert.deepEqual(await rulesFound('camera-ready'), ['calm/no-ack-in-submission', 'calm/submission-markers', 'calm/submission-mode']);
  });

  test('the anonymous submission checked as camera-ready: no [final], no authors, not the camera-ready PDF', async () => {
    assert.deepEqual(await rulesFound('clean', 'camera-ready'), ['calm/authors', 'calm/camera-ready-markers', 'calm/final-mode']);
  });

  test('an unknown stage is a usage error (exit 2)', async () => {
    const run = await runCli(['check', planted('clean', 'tex'), '--stage', 'final']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^calm-cite: --stage: Unknown stage "final"/);
  });
});
