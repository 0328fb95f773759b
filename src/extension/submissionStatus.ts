import * as vscode from 'vscode';
import type { FindingSummary } from '../core/checks/finding';
import { errorsAndWarnings } from '../core/checks/summaryText';

export const SHOW_REPORT_COMMAND = 'calmCite.showSubmissionReport';

/** "$(checklist) CALM: 2 errors, 1 warning" after a check; clicking it opens the report. Hidden until the first check. */
export class SubmissionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('calmCite.submission', vscode.StatusBarAlignment.Right, 99);

  constructor() {
    this.item.name = 'CALM Cite submission check';
    this.item.command = SHOW_REPORT_COMMAND;
  }

  checking(): void {
    this.item.text = '$(sync~spin) CALM: checking';
    this.item.tooltip = 'Checking the submission';
    this.item.show();
  }

  done(summary: FindingSummary, packTitle: string): void {
    this.item.text = `$(checklist) CALM: ${errorsAndWarnings(summary)}`;
    this.item.tooltip = `Submission check against ${packTitle}. Click for the report.`;
    this.item.backgroundColor = summary.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  failed(): void {
    this.item.text = '$(checklist) CALM: not checked';
    this.item.tooltip = 'The last submission check could not run; see the CALM Cite log.';
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
