import type { CitationFinding } from '../citationChecks/checkCitations';

/** The findings of one check (a document's project, or a library file on its own). */
export interface CheckedScope {
  findings: readonly CitationFinding[];
  /** Library files the checked document names itself; empty for a library checked on its own. */
  ownLibraryFiles: readonly string[];
}

/**
 * What to show on each file when several checks see it: two papers sharing one refs.bib, or a .bib
 * both open on its own and used by a paper. The same finding from two checks is shown once. An entry
 * is unused only if every document that names the file leaves it uncited: paper A's citation of it
 * must not be contradicted by paper B's check.
 */
export function findingsByFile(scopes: readonly CheckedScope[], onlyFiles?: ReadonlySet<string>): Map<string, CitationFinding[]> {
  const byFile = new Map<string, Map<string, { finding: CitationFinding; reporters: number }>>();
  for (const scope of scopes) {
    for (const finding of scope.findings) {
      if (onlyFiles && !onlyFiles.has(finding.file)) continue;
      let findings = byFile.get(finding.file);
      if (!findings) byFile.set(finding.file, (findings = new Map()));
      const identity = `${finding.rule}|${finding.line}|${finding.column}|${finding.message}`;
      const seen = findings.get(identity);
      if (seen) seen.reporters++;
      else findings.set(identity, { finding, reporters: 1 });
    }
  }
  const result = new Map<string, CitationFinding[]>();
  for (const [file, findings] of byFile) {
    const owners = scopes.filter((scope) => scope.ownLibraryFiles.includes(file)).length;
    const shown = [...findings.values()]
      .filter(({ finding, reporters }) => finding.rule !== 'cite/unused-entry' || reporters === owners)
      .map(({ finding }) => finding);
    result.set(file, shown);
  }
  return result;
}
