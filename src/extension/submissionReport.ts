import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding, FindingSummary } from '../core/checks/finding';
import type { RulesPack } from '../core/checks/rulesPack';
import { needsPageThumbnails, parseReportMessage, submissionReportHtml } from '../core/features/submissionReportHtml';
import type { SubmissionTarget } from './submissionTarget';

/** What the server's check answers: every finding (1-based lines, PDF pages), the summary and the pack. */
export interface SubmissionReport {
  findings: Finding[];
  summary: FindingSummary;
  pack: RulesPack;
}

/** A finished check: what was checked, against which pack, and what was found. */
export interface CheckedSubmission {
  target: SubmissionTarget;
  pack: RulesPack;
  report: SubmissionReport;
}

/**
 * The report webview: the summary, every finding with a link to its place, and thumbnails of PDF
 * pages that fail a page rule. One panel, re-rendered after each check while it is open.
 */
export class SubmissionReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private checked: CheckedSubmission | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Keeps the latest result; shows it now if the panel is open or `reveal` asks for it. */
  update(checked: CheckedSubmission, reveal: boolean): void {
    this.checked = checked;
    if (this.panel) this.render();
    else if (reveal) this.show();
  }

  show(): void {
    if (!this.checked) {
      void vscode.window.showInformationMessage('No submission check has run yet. Run "CALM Cite: Check Submission" first.');
      return;
    }
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return;
    }
    this.panel = vscode.window.createWebviewPanel(
      'calmCite.submissionReport',
      'CALM Submission Check',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      this.webviewOptions(this.checked),
    );
    this.panel.onDidDispose(() => (this.panel = undefined));
    this.panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message));
    this.render();
  }

  dispose(): void {
    this.panel?.dispose();
  }

  /**
   * Scripts run for the location buttons and pdf.js; resources come only from the extension's media/
   * and dist/ folders, plus the PDF's folder when its pages are drawn.
   */
  private webviewOptions(checked: CheckedSubmission): vscode.WebviewOptions {
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')];
    if (needsPageThumbnails(this.model(checked))) roots.push(vscode.Uri.file(path.dirname(checked.target.pdfPath)));
    return { enableScripts: true, localResourceRoots: roots };
  }

  private model(checked: CheckedSubmission) {
    const { target, pack, report } = checked;
    return {
      texPath: target.root,
      pdfPath: target.pdfPath,
      pack,
      findings: report.findings,
      summary: report.summary,
      displayPath: (file: string) => vscode.workspace.asRelativePath(file, false),
    };
  }

  private render(): void {
    if (!this.panel || !this.checked) return;
    const webview = this.panel.webview;
    webview.options = this.webviewOptions(this.checked);
    const model = this.model(this.checked);
    const asset = (...segments: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...segments)).toString();
    const pdfjs = ['dist', 'node_modules', 'pdfjs-dist'];
    webview.html = submissionReportHtml(model, {
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('hex'),
      scriptUri: asset('media', 'report.js'),
      styleUri: asset('media', 'report.css'),
      pdfjsUri: asset(...pdfjs, 'legacy', 'build', 'pdf.mjs'),
      pdfjsWorkerUri: asset(...pdfjs, 'legacy', 'build', 'pdf.worker.mjs'),
      cmapsUri: `${asset(...pdfjs, 'cmaps')}/`,
      pdfUri: needsPageThumbnails(model) ? webview.asWebviewUri(vscode.Uri.file(this.checked.target.pdfPath)).toString() : undefined,
    });
  }

  private async onMessage(message: unknown): Promise<void> {
    const findings = this.checked?.report.findings ?? [];
    const parsed = parseReportMessage(message, findings.length);
    if (parsed) await this.openFinding(findings[parsed.index]!);
  }

  private async openFinding(finding: Finding): Promise<void> {
    const line = Math.max(0, (finding.line ?? 1) - 1);
    const column = Math.max(0, (finding.column ?? 1) - 1);
    const position = new vscode.Position(line, column);
    const besideReport = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    try {
      await vscode.window.showTextDocument(vscode.Uri.file(finding.file), { selection: new vscode.Range(position, position), viewColumn: besideReport });
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot open ${finding.file}: ${(error as Error).message}`);
    }
  }
}
