import type { CitationFinding } from '../citationChecks/checkCitations';

/** The findings of one check (a document's project, or a library file on its own), by the file they are in. */
export interface CheckedScope {
  byFile: ReadonlyMap<string, readonly CitationFinding[]>;
  /** Library files the checked document names itself; empty for a library checked on its own. */
  ownLibraryFiles: readonly string[];
}

/**
 * What to show on each file (of `onlyFiles`, else every file with findings). A file that one check alone
 * sees gets that check's list as it is, so a 90,000-entry .bib costs no work per entry. When several checks
 * see it (two papers sharing one refs.bib, or a .bib both open on its own and used by a paper), the same
 * finding from two checks is shown once, and an entry is unused only if every document that names the file
 * leaves it uncited: paper A's citation of it must not be contradicted by paper B's check.
 */
export function findingsByFile(scopes: readonly CheckedScope[], onlyFiles?: Iterable<string>): Map<string, readonly CitationFinding[]> {
  const files = onlyFiles ?? new Set(scopes.flatMap((scope) => [...scope.byFile.keys()]));
  const result = new Map<string, readonly CitationFinding[]>();
  for (const file of files) {
    const seeing = scopes.filter((scope) => scope.byFile.has(file) || scope.ownLibraryFiles.includes(file));
    if (seeing.length === 1) {
      const list = seeing[0]!.byFile.get(file);
      if (list) result.set(file, list);
    } else if (seeing.length > 1) result.set(file, merged(seeing, file));
  }
  return result;
}

function merged(scopes: readonly CheckedScope[], file: string): CitationFinding[] {
  const findings = new Map<string, { finding: CitationFinding; reporters: number }>();
  for (const scope of scopes) {
    for (const finding of scope.byFile.get(file) ?? []) {
      const identity = `${finding.rule}|${finding.line}|${finding.column}|${finding.message}`;
      const seen = findings.get(identity);
      if (seen) seen.reporters++;
      else findings.set(identity, { finding, reporters: 1 });
    }
  }
  const owners = scopes.filter((scope) => scope.ownLibraryFiles.includes(file)).length;
  return [...findings.values()].filter(({ finding, reporters }) => finding.rule !== 'cite/unused-entry' || reporters === owners).map(({ finding }) => finding);
}
