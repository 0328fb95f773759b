/** How serious a finding is; 'off' exists only in rules packs, never on a finding. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A rectangle in PDF points, origin at the bottom-left of the page (PDF user space). */
export interface BBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One problem found in a submission. `file` is the .tex or .pdf the problem is in; lines and
 * columns are 1-based. Messages say what is wrong and what to do next.
 */
export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line?: number;
  column?: number;
  /** Where the finding's span ends (exclusive), when it is known: the key of an entry, the cited key. */
  endLine?: number;
  endColumn?: number;
  page?: number;
  message: string;
  bbox?: BBox;
  /**
   * The PDF a finding was found in, when SyncTeX put it on the source line that produced it: `file` and
   * `line` are then that .tex line, and `page` and `bbox` still say where it is in this PDF.
   */
  pdf?: string;
}

/**
 * What a rule reports before the runner stamps its id and the pack's severity on it. A rule may
 * set `severity` itself only to soften a case the pack's level would overstate; the runner never
 * lets it exceed the pack's level.
 */
export type FindingDraft = Omit<Finding, 'rule' | 'severity' | 'file'> & {
  severity?: Severity;
  /** Defaults to the checked file (the PDF, or the root .tex). */
  file?: string;
};

export interface FindingSummary {
  errors: number;
  warnings: number;
  infos: number;
  pages?: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The milder of two severities, for rules that soften a pack level for a borderline case. */
export function milderSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER[a] >= SEVERITY_ORDER[b] ? a : b;
}

/** Orders findings by file, then position, so reports read top to bottom. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    (a.page ?? 0) - (b.page ?? 0) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.rule.localeCompare(b.rule)
  );
}

/** Counts by severity; hints are not counted because they never block or warn. */
export function summarizeFindings(findings: readonly Finding[], pages?: number): FindingSummary {
  const summary: FindingSummary = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of findings) {
    if (finding.severity === 'error') summary.errors++;
    else if (finding.severity === 'warning') summary.warnings++;
    else if (finding.severity === 'info') summary.infos++;
  }
  if (pages !== undefined) summary.pages = pages;
  return summary;
}
