import type { CitationFinding } from './checkCitations';

/**
 * The 1-based columns (end exclusive) a finding underlines on its line: the cited key in a document, the
 * entry's key in a library file, as the checks carry them (`endColumn`). Without an end the span is empty
 * and the editor underlines the word at the position.
 */
export function findingSpan(finding: CitationFinding): { start: number; end: number } {
  const start = finding.column ?? 1;
  return { start, end: finding.endColumn ?? start };
}
