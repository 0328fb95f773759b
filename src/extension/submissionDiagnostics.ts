import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/checks/finding';
import type { RulesPack } from '../core/checks/rulesPack';
import { CITATION_RULES } from '../core/citationChecks/rules';

const DIAGNOSTIC_SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * The last submission check's findings in the Problems panel, in their own collection so they stay
 * apart from the live citation diagnostics. PDF findings have a page, not a line: they sit on the
 * PDF's first line with the page in the message.
 */
export class SubmissionDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('calm-cite-submission');

  /**
   * With `liveCitationDiagnostics` on, the citation rules' findings are left to the live diagnostics,
   * which follow every keystroke; listing them here too would show each problem twice.
   */
  show(findings: readonly Finding[], pack: RulesPack, liveCitationDiagnostics: boolean): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of findings) {
      if (liveCitationDiagnostics && finding.rule in CITATION_RULES) continue;
      const diagnostics = byFile.get(finding.file) ?? [];
      diagnostics.push(toDiagnostic(finding, pack));
      byFile.set(finding.file, diagnostics);
    }
    this.collection.clear();
    this.collection.set([...byFile].map(([file, diagnostics]) => [vscode.Uri.file(file), diagnostics]));
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function toDiagnostic(finding: Finding, pack: RulesPack): vscode.Diagnostic {
  const line = Math.max(0, (finding.line ?? 1) - 1);
  const column = Math.max(0, (finding.column ?? 1) - 1);
  // The end of the line is not known without opening the file; VS Code clamps the range to the line.
  const range = new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER);
  const message = finding.page !== undefined && (finding.line === undefined || finding.pdf !== undefined) ? `Page ${finding.page}: ${finding.message}` : finding.message;
  const diagnostic = new vscode.Diagnostic(range, message, DIAGNOSTIC_SEVERITY[finding.severity]);
  diagnostic.source = 'CALM Cite';
  const source = pack.rules[finding.rule]?.source;
  diagnostic.code = source ? { value: finding.rule, target: vscode.Uri.parse(source) } : finding.rule;
  return diagnostic;
}
