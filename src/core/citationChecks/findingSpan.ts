import type { CitationFinding } from './checkCitations';

/**
 * The 1-based columns (end exclusive) a finding underlines on its line: the cited key in a document,
 * the entry's key in a library file. `lineText` is needed only for library findings; without it the
 * span is empty and the editor underlines the word at the position.
 */
export function findingSpan(finding: CitationFinding, lineText: string | undefined): { start: number; end: number } {
  const start = finding.column ?? 1;
  const fix = finding.fix;
  if (fix && 'start' in fix) return { start, end: start + fix.end - fix.start };
  // The preprint check looks keys up exactly, so the cited key is the reference's.
  if (fix?.kind === 'update-to-published') return { start, end: start + fix.reference.key.length };
  if (lineText === undefined) return { start, end: start };
  const rest = lineText.slice(start - 1);
  const head = /^@\s*[A-Za-z]+\s*[{(]\s*/.exec(rest)?.[0] ?? '';
  const word = /^[^\s,{}()[\];]*/.exec(rest.slice(head.length))![0];
  if (word.length === 0) return { start, end: Math.min(start + 1, lineText.length + 1) };
  return { start: start + head.length, end: start + head.length + word.length };
}
