import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../src/core/checks/finding';
import { makeTempDir } from './tempDirs';

/** Reads a file as the checker's readFile does: undefined when it is missing. */
export async function readTextOrUndefined(filePath: string): Promise<string | undefined> {
  return fs.existsSync(filePath) ? fs.readFileSync(filePath, 'utf8') : undefined;
}

export async function readBytesOrUndefined(filePath: string): Promise<Uint8Array | undefined> {
  return fs.existsSync(filePath) ? new Uint8Array(fs.readFileSync(filePath)) : undefined;
}

/** Writes `files` (relative path -> content) into a fresh temp folder and returns its path. */
export function writeTempFiles(files: Record<string, string>): string {
  const dir = makeTempDir('calm-checks-');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

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
