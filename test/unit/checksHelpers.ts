import type { Finding } from '../../src/core/checks/finding';

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
