import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { choosePack, loadChosenPack } from '../../src/core/checks/packChoice';
import { CALM_2024_PACK } from '../../src/core/checks/packs/calm-2024';
import { RulesPackError } from '../../src/core/checks/rulesPack';
import { errorsAndWarnings, summaryText } from '../../src/core/checks/summaryText';
import type { Finding } from '../../src/core/checks/finding';
import {
  needsPageThumbnails,
  parseReportMessage,
  reportContentSecurityPolicy,
  submissionReportHtml,
  type ReportResources,
} from '../../src/core/features/submissionReportHtml';

const folder = path.resolve('/papers/calm');

test('pack precedence: an explicit setting, then .calm-cite/rules.json, then calm-2024', () => {
  assert.deepEqual(choosePack({ setting: 'neurips-2024', workspaceFolder: folder, hasWorkspaceRulesFile: true }), {
    kind: 'builtin',
    id: 'neurips-2024',
    origin: 'setting',
  });
  assert.deepEqual(choosePack({ setting: 'packs/mine.json', workspaceFolder: folder, hasWorkspaceRulesFile: true }), {
    kind: 'file',
    path: path.join(folder, 'packs', 'mine.json'),
    origin: 'setting',
  });
  assert.deepEqual(choosePack({ workspaceFolder: folder, hasWorkspaceRulesFile: true }), {
    kind: 'file',
    path: path.join(folder, '.calm-cite', 'rules.json'),
    origin: 'workspace',
  });
  assert.deepEqual(choosePack({ workspaceFolder: folder, hasWorkspaceRulesFile: false }), { kind: 'builtin', id: 'calm-2024', origin: 'default' });
});

test('a broken pack file is a RulesPackError naming the file and the bad field', async () => {
  const broken = { ...CALM_2024_PACK, rules: { 'calm/margins': { title: 'Margins', severity: 'fatal', source: 'https://example.org/' } } };
  const choice = { kind: 'file', path: '/p/rules.json', origin: 'workspace' } as const;
  await assert.rejects(loadChosenPack(choice, async () => JSON.stringify(broken)), (error: Error) => {
    assert.ok(error instanceof RulesPackError);
    assert.match(error.message, /^\/p\/rules\.json: Invalid rules pack: field "rules\.calm\/margins\.severity"/);
    return true;
  });
  await assert.rejects(loadChosenPack(choice, async () => undefined), /Cannot read the rules pack \/p\/rules\.json/);
  assert.equal((await loadChosenPack(choice, async () => JSON.stringify(CALM_2024_PACK))).id, 'calm-2024');
});

test('summary words: the status bar counts errors and warnings, the report adds notes', () => {
  assert.equal(errorsAndWarnings({ errors: 2, warnings: 1, infos: 0 }), '2 errors, 1 warning');
  assert.equal(errorsAndWarnings({ errors: 0, warnings: 0, infos: 3 }), '0 errors, 0 warnings');
  assert.equal(summaryText({ errors: 1, warnings: 2, infos: 1 }), '1 error, 2 warnings, 1 note');
});

const resources: ReportResources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123',
  scriptUri: 'https://res/media/report.js',
  styleUri: 'https://res/media/report.css',
  pdfjsUri: 'https://res/pdf.mjs',
  pdfjsWorkerUri: 'https://res/pdf.worker.mjs',
  cmapsUri: 'https://res/cmaps/',
  pdfUri: 'https://res/paper.pdf',
};

const findings: Finding[] = [
  { rule: 'calm/leftover-todo', severity: 'warning', file: '/p/paper.tex', line: 12, column: 3, message: 'TODO left: <script>alert("x")</script> & more' },
  { rule: 'calm/page-size', severity: 'error', file: '/p/paper.pdf', page: 2, message: 'A4', bbox: { x: 10, y: 20, width: 30, height: 40 } },
];
const model = {
  texPath: '/p/paper.tex',
  pdfPath: '/p/paper.pdf',
  pack: CALM_2024_PACK,
  findings,
  summary: { errors: 1, warnings: 1, infos: 0, pages: 5 },
  displayPath: (file: string) => path.basename(file),
};

test('the report escapes every message and loads only nonce-tagged or webview-resource scripts', () => {
  const html = submissionReportHtml(model, resources);
  assert.ok(!html.includes('<script>alert'), 'a message must not inject markup');
  assert.match(html, /TODO left: &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; more/);
  assert.match(html, /1 error, 1 warning, 0 notes · 5 pages/);
  assert.match(html, /<button type="button" class="location" data-finding="0">paper\.tex:12:3<\/button>/);
  assert.match(html, /<span class="location">paper\.pdf, page 2<\/span>/);
  assert.match(html, /<canvas class="thumbnail" data-page="2" data-bbox="10,20,30,40"/);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  assert.deepEqual(scripts, ['<script type="module" nonce="abc123" src="https://res/media/report.js">']);
  const csp = reportContentSecurityPolicy(resources.cspSource, 'abc123');
  assert.match(csp, /^default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-(eval|inline)/);
  assert.ok(html.includes(`content="${csp.replace(/'/g, '&#39;')}"`));
});

test('thumbnails only when a finding names a PDF page', () => {
  assert.equal(needsPageThumbnails(model), true);
  assert.equal(needsPageThumbnails({ ...model, findings: [findings[0]!] }), false);
  const html = submissionReportHtml({ ...model, findings: [], summary: { errors: 0, warnings: 0, infos: 0 } }, { ...resources, pdfUri: undefined });
  assert.match(html, /No problems found\./);
  assert.doesNotMatch(html, /data-pdf=/);
});

test('only an in-range finding index is accepted from the webview', () => {
  assert.deepEqual(parseReportMessage({ type: 'openFinding', index: 1 }, 2), { type: 'openFinding', index: 1 });
  for (const bad of [null, 'open', { type: 'openFinding', index: 2 }, { type: 'openFinding', index: -1 }, { type: 'openFinding', index: 0.5 }, { type: 'openFinding', index: '0' }, { type: 'open', index: 0 }]) {
    assert.equal(parseReportMessage(bad, 2), undefined, JSON.stringify(bad));
  }
});
