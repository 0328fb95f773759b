import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { sarifText, toSarif } from '../../src/cli/sarif';
import { loadRulesPack, RulesPackError } from '../../src/core/checks/rulesPack';
import { CALM_2024_PACK } from '../../src/core/checks/packs/calm-2024';
import { submissionReportHtml } from '../../src/core/features/submissionReportHtml';
import { visibleControls } from '../../src/core/text/controlCharacters';
import { runCli as run } from './cliRunner';

/** Issue #13: text from files reaches the user escaped, in every place it is shown. */
const ESC = '\u001b';

describe('text from files, shown to the user', () => {
  test('visibleControls shows terminal escapes, C1 controls, bidi overrides and line breaks as escapes, and nothing else', () => {
    assert.equal(visibleControls(`a${ESC}[31mred${ESC}[0m\u009b\u202etxt.exe\tb\nc`), 'a\\x1b[31mred\\x1b[0m\\x9b\\u202etxt.exe\\x09b\\x0ac');
    assert.equal(visibleControls('Zečević — “causal” 😀'), 'Zečević — “causal” 😀');
  });

  test('calm-cite index prints titles and keys with their control characters escaped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-escape-'));
    try {
      const file = path.join(dir, 'refs.bib');
      fs.writeFileSync(file, `@misc{k, title = {Red ${ESC}[31mtitle${ESC}]0;pwned\u0007}, year = 2020}\n@misc{broken${ESC}[2J}`);
      const { code, stdout } = await run(['index', file]);
      assert.equal(code, 0);
      assert.ok(!stdout.includes(ESC) && !stdout.includes('\u0007'), JSON.stringify(stdout));
      assert.match(stdout, /^k\t2020\t\tRed \\x1b\[31mtitle\\x1b\]0;pwned\\x07\t/m);
      assert.match(stdout, /error: missing comma after key 'broken': found '\\x1b'/);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  test('calm-cite check prints messages with their control characters escaped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-escape-'));
    try {
      const paper = path.join(dir, 'paper.md');
      fs.writeFileSync(paper, `See [@{evil${ESC}[2J}].\n`);
      const { code, stdout } = await run(['check', paper]);
      assert.equal(code, 1);
      assert.ok(!stdout.includes(ESC), JSON.stringify(stdout));
      assert.match(stdout, /'evil\\x1b\[2J' is not defined/);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  test('SARIF messages escape brackets (embedded links) and control characters', () => {
    assert.equal(sarifText(`see [x](https://evil.example) and \\[y\\] ${ESC}`), 'see \\[x\\](https://evil.example) and \\\\\\[y\\\\\\] \\x1b');
    const sarif = toSarif([{ rule: 'cite/undefined-key', severity: 'error', file: '/p/a.tex', line: 1, column: 1, message: "'[k](https://evil.example)' is not defined" }], undefined);
    assert.equal(sarif.runs[0]!.results[0]!.message.text, "'\\[k\\](https://evil.example)' is not defined");
  });

  test('the submission report shows control characters in messages as escapes', () => {
    const html = submissionReportHtml(
      {
        texPath: '/p/a.tex',
        pack: CALM_2024_PACK,
        findings: [{ rule: 'calm/anonymity', severity: 'warning', file: '/p/a.tex', line: 1, column: 1, message: `a${ESC}[31m\u202eb` }],
        summary: { errors: 0, warnings: 1, infos: 0 },
        displayPath: (file) => file,
      },
      { cspSource: 'https://x', nonce: 'n', scriptUri: 's.js', styleUri: 's.css', pdfjsUri: 'p.js', pdfjsWorkerUri: 'w.js', cmapsUri: 'c/' },
    );
    assert.match(html, /<p class="message">a\\x1b\[31m\\u202eb<\/p>/);
  });

  for (const source of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'http://example.org/rules']) {
    test(`a rules pack whose source is ${source.split(':')[0]}: is refused, naming the field`, () => {
      const pack = { id: 'x', title: 'X', source: 'https://example.org/', rules: { 'calm/margins': { title: 'Margins', severity: 'error', source } } };
      assert.throws(() => loadRulesPack(JSON.stringify(pack)), (error: Error) => {
        assert.ok(error instanceof RulesPackError);
        assert.equal(error.message, 'Invalid rules pack: field "rules.calm/margins.source": must be an https: URL (javascript:, command:, file: and http: links are refused)');
        return true;
      });
      const atTop = { id: 'x', title: 'X', source, rules: { 'calm/margins': { title: 'Margins', severity: 'error', source: 'https://example.org/' } } };
      assert.throws(() => loadRulesPack(JSON.stringify(atTop)), /field "source": must be an https: URL/);
    });
  }

  test('positive control: the same pack with https: sources loads, its links kept', () => {
    const pack = { id: 'x', title: 'X', source: 'https://example.org/', rules: { 'calm/margins': { title: 'Margins', severity: 'error', source: 'https://example.org/margins' } } };
    assert.equal(loadRulesPack(JSON.stringify(pack)).rules['calm/margins']!.source, 'https://example.org/margins');
  });
});
