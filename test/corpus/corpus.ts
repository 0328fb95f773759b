import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../src/core/checks/finding';
import { parseStage } from '../../src/core/checks/rulesPack';
import { bundledLibrary } from '../../src/core/library/bundled';
import { createCiteService } from '../../src/core/service/citeService';
import { NodeWorkspace } from '../../src/core/workspace/nodeWorkspace';
import { SHARED_AVAILABLE, SHARED_DIR } from '../unit/shared';

/**
 * The precision corpus of issue #14: papers with the findings a careful reader expects, written down as
 * data. Planted papers (test/planted/) are built by the project from the CALM template with one violation
 * each; real papers live in ../shared/corpus and are labelled from its READMEs in real-papers.json.
 */
export interface ExpectedFinding {
  rule: string;
  /** PDF findings: the page the finding is on. */
  page?: number;
  /** Source findings: the file (relative to the paper's folder) and line. */
  file?: string;
  line?: number;
  /** Why this is a true finding: the label's source (a README column or note, or what was checked). */
  why?: string;
}

export interface CorpusPaper {
  /** `planted/clean`, `papers-pdf/avitase__mder`. */
  id: string;
  /** The paper's folder: relative to the repository for planted papers, to ../shared/corpus for real ones. */
  dir: string;
  tex: string;
  pdf: string;
  pack?: string;
  stage?: string;
  expected: ExpectedFinding[];
}

interface CorpusFile {
  papers: CorpusPaper[];
}

const REPO = path.resolve(__dirname, '..', '..');

/**
 * Scored: every submission rule and the citation rules a reader can label from the sources (undefined and
 * duplicate keys, unreadable libraries). Not scored: hints, and the bibliography-quality warnings
 * (missing fields, preprints with a published version, duplicate DOIs), which judge the .bib, not the
 * submission's format; they are counted apart.
 */
function isScored(finding: Finding): boolean {
  if (finding.severity === 'hint') return false;
  return !['cite/missing-field', 'cite/preprint-published', 'cite/duplicate-doi', 'cite/unused-entry'].includes(finding.rule);
}

export interface CorpusSets {
  planted: Array<CorpusPaper & { root: string }>;
  /** Undefined when ../shared is absent. */
  real?: Array<CorpusPaper & { root: string }>;
}

export function loadCorpus(): CorpusSets {
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as CorpusFile;
  const planted = read(path.join(REPO, 'test', 'planted', 'expected.json')).papers.map((paper) => ({ ...paper, root: path.join(REPO, paper.dir) }));
  if (!SHARED_AVAILABLE) return { planted };
  const real = read(path.join(REPO, 'test', 'corpus', 'real-papers.json')).papers.map((paper) => ({ ...paper, root: path.join(SHARED_DIR, 'corpus', paper.dir) }));
  return { planted, real };
}

/** Runs `calm-cite check TEX --pdf PDF` on one paper, as the CLI does: the service over the paper's folder. */
export async function checkPaper(paper: CorpusPaper & { root: string }): Promise<Finding[]> {
  const service = createCiteService(new NodeWorkspace({ folders: [paper.root] }), { bundled: bundledLibrary(REPO) });
  try {
    const report = await service.checkSubmission({
      path: path.join(paper.root, paper.tex),
      pdfPath: path.join(paper.root, paper.pdf),
      rules: paper.pack ?? 'calm-2024',
      stage: parseStage(paper.stage),
    });
    return report.findings;
  } finally {
    service.dispose();
  }
}

export interface PaperScore {
  paper: CorpusPaper;
  truePositives: Array<{ expected: ExpectedFinding; finding: Finding }>;
  falsePositives: Finding[];
  misses: ExpectedFinding[];
  /** Findings not scored (see isScored), by rule. */
  unscored: Map<string, number>;
}

function matches(expected: ExpectedFinding, finding: Finding, root: string): boolean {
  if (expected.rule !== finding.rule) return false;
  if (expected.page !== undefined && expected.page !== finding.page) return false;
  if (expected.file !== undefined && path.relative(root, finding.file).split(path.sep).join('/') !== expected.file) return false;
  if (expected.line !== undefined && expected.line !== finding.line) return false;
  return true;
}

/** Pairs each expected finding with one actual finding; what is left over is a miss or a false positive. */
export function scorePaper(paper: CorpusPaper & { root: string }, findings: readonly Finding[]): PaperScore {
  const score: PaperScore = { paper, truePositives: [], falsePositives: [], misses: [], unscored: new Map() };
  const open = findings.filter((finding) => {
    if (isScored(finding)) return true;
    score.unscored.set(finding.rule, (score.unscored.get(finding.rule) ?? 0) + 1);
    return false;
  });
  for (const expected of paper.expected) {
    const index = open.findIndex((finding) => matches(expected, finding, paper.root));
    if (index === -1) score.misses.push(expected);
    else score.truePositives.push({ expected, finding: open.splice(index, 1)[0]! });
  }
  score.falsePositives = open;
  return score;
}

export interface RuleTotals {
  truePositives: number;
  falsePositives: number;
  misses: number;
}

function totalsByRule(scores: readonly PaperScore[]): Map<string, RuleTotals> {
  const totals = new Map<string, RuleTotals>();
  const of = (rule: string) => {
    let entry = totals.get(rule);
    if (!entry) totals.set(rule, (entry = { truePositives: 0, falsePositives: 0, misses: 0 }));
    return entry;
  };
  for (const score of scores) {
    for (const { expected } of score.truePositives) of(expected.rule).truePositives++;
    for (const finding of score.falsePositives) of(finding.rule).falsePositives++;
    for (const expected of score.misses) of(expected.rule).misses++;
  }
  return new Map([...totals].sort(([a], [b]) => a.localeCompare(b)));
}

/** The per-rule table: rule, true positives, false positives, misses. */
export function formatTable(title: string, scores: readonly PaperScore[]): string {
  const totals = totalsByRule(scores);
  const rows = [...totals].map(([rule, t]) => [rule, String(t.truePositives), String(t.falsePositives), String(t.misses)]);
  const sum = (key: keyof RuleTotals) => String([...totals.values()].reduce((total, t) => total + t[key], 0));
  rows.push(['total', sum('truePositives'), sum('falsePositives'), sum('misses')]);
  const header = ['rule', 'TP', 'FP', 'miss'];
  const widths = header.map((_, column) => Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  return [`${title} (${scores.length} papers)`, line(header), `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
