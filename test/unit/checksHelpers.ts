import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../src/core/checks/finding';
import type { RulesPack } from '../../src/core/checks/rulesPack';
import { CITATION_RULES } from '../../src/core/citationChecks/rules';
import type { DocumentReport } from '../../src/core/service/submission';
import { memoryService } from './serviceFixtures';
import { makeTempDir } from './tempDirs';

export function withRule(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((finding) => finding.rule === rule);
}

export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.severity === 'error');
}

/** A minimal anonymous CaLM paper; `body` goes after \begin{document}, `preamble` before it. */
export function calmPaper(body: string, preamble = '', styleLine = '\\usepackage{neurips_2024_calm}', documentClass = '\\documentclass{article}'): string {
  return `${documentClass}\n${styleLine}\n${preamble}\n\\title{A Title}\n\\author{Anonymous}\n\\begin{document}\n\\maketitle\n\\begin{abstract}\nOne paragraph.\n\\end{abstract}\n${body}\n\\end{document}\n`;
}

/** The findings of the submission rules (the citation checks have their own tests). */
export function sourceFindings(report: DocumentReport): Finding[] {
  return report.findings.filter((finding) => !Object.hasOwn(CITATION_RULES, finding.rule));
}

/**
 * The submission rules' findings on a paper whose root is `/paper/main.tex`, with `extraFiles` beside it,
 * as `calm-cite check` gives them; a pack object is written as a pack file.
 */
export async function checkTex(tex: string, extraFiles: Record<string, string> = {}, pack: string | RulesPack = 'calm-2024'): Promise<Finding[]> {
  const files: Record<string, string> = { '/paper/main.tex': tex };
  for (const [name, text] of Object.entries(extraFiles)) files[path.join('/paper', name)] = text;
  if (typeof pack !== 'string') files['/paper/pack.json'] = JSON.stringify(pack);
  const { service } = memoryService({ folders: ['/paper'], files });
  return sourceFindings(await service.checkSubmission({ path: '/paper/main.tex', rules: typeof pack === 'string' ? pack : '/paper/pack.json' }));
}

/** Writes `files` (relative path -> content) into a fresh temp folder and returns its path; for tests that run the CLI on disk. */
export function writeTempFiles(files: Record<string, string>): string {
  const dir = makeTempDir('calm-checks-');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
