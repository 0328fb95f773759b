import type { FindingDraft } from '../finding';
import { findCommandsInFiles, locate } from '../latexCommands';
import { TEMPLATE_AUTHOR } from './anonymity';
import type { SourceRule } from './sourceRule';

/** Formatting inside an author block that is not a name or an affiliation: \thanks{...}, \texttt{e-mail}, spacing. */
function plainLines(block: string): string[] {
  return block
    .replace(/\\thanks\s*\{(?:[^{}]|\{[^{}]*\})*\}/g, '')
    .split(/\\\\(?:\[[^\]]*\])?/)
    .map((line) => line.replace(/\\texttt\s*\{[^{}]*\}/g, '').replace(/\\[a-zA-Z@]+\*?/g, ' ').replace(/[{}~%]/g, ' ').trim())
    .filter((line) => /[A-Za-z]{2,}/.test(line));
}

/** The camera-ready names every author with an affiliation: `Name \\ Affiliation` per author, \And between them. */
export const checkAuthors: SourceRule = ({ document, rootPath }) => {
  const author = findCommandsInFiles(document.files, 'author').at(-1);
  if (!author) {
    return [{ file: document.files[0]?.path ?? rootPath, message: 'No \\author found. The camera-ready names the authors: \\author{Name \\\\ Affiliation \\\\ Address \\And ...}.' }];
  }
  const where = locate(author.file, author.offset);
  const blocks = (author.args[0] ?? '').split(/\\AND|\\And/).map(plainLines).filter((lines) => lines.length > 0);
  if (blocks.length === 0 || blocks.every((lines) => /^anonymous/i.test(lines[0]!))) {
    return [{ ...where, message: 'The \\author block names no one. The camera-ready names the authors: \\author{Name \\\\ Affiliation \\\\ Address \\And ...}.' }];
  }
  if (TEMPLATE_AUTHOR.test(author.args[0] ?? '')) {
    return [{ ...where, message: "The \\author block still holds the template's example author, David S. Hippocampus. Replace it with the authors and their affiliations." }];
  }
  const drafts: FindingDraft[] = [];
  for (const lines of blocks) {
    if (lines.length < 2) {
      drafts.push({ ...where, message: `The author "${lines[0]}" has no affiliation. Add it on the next line: \\author{${lines[0]} \\\\ Affiliation \\\\ Address}.` });
    }
  }
  return drafts;
};
