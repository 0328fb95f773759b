import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests } from '../server/protocol';
import { SubmissionDiagnostics } from './submissionDiagnostics';
import { SubmissionReportPanel, type CheckedSubmission, type SubmissionReport } from './submissionReport';
import { SHOW_REPORT_COMMAND, SubmissionStatus } from './submissionStatus';
import { findSubmissionTarget, isTexDocument, type SubmissionTarget } from './submissionTarget';
import { untrustedRefusal, workspaceTrusted } from './trust';

export const CHECK_SUBMISSION_COMMAND = 'calmCite.checkSubmission';
/** latexmk and editors write a PDF in several steps; one check after the writes settle is enough. */
const RERUN_DELAY_MS = 1000;

/**
 * "Check Submission": the citation checks and the rules pack over the root .tex and its PDF, shown in
 * the Problems panel, the status bar and the report. With calmCite.check.onSave it runs again when a
 * .tex file of the checked project is saved or the PDF changes.
 */
export function registerSubmissionCheck(context: vscode.ExtensionContext, client: LanguageClient, log: vscode.LogOutputChannel): vscode.Disposable {
  const diagnostics = new SubmissionDiagnostics();
  const status = new SubmissionStatus();
  const report = new SubmissionReportPanel(context.extensionUri);
  let lastTarget: SubmissionTarget | undefined;
  let pdfWatcher: vscode.Disposable | undefined;
  let queue: Promise<void> = Promise.resolve();
  let rerunTimer: NodeJS.Timeout | undefined;

  /** Checks one at a time, so a slow PDF check never overwrites a newer result. */
  const check = (target: SubmissionTarget, interactive: boolean) => {
    queue = queue
      .then(() => runCheck(target, interactive))
      .catch((error: unknown) => {
        status.failed();
        log.error(`Submission check of ${target.root} failed: ${(error as Error).message}`);
      });
    return queue;
  };

  const runCheck = async (target: SubmissionTarget, interactive: boolean) => {
    // The live checks show citation findings already; the report keeps them, the Problems panel shows them once.
    const liveCitationChecks = vscode.workspace.getConfiguration('calmCite', target.folder?.uri).get<boolean>('diagnostics.enabled', true);
    status.checking();
    try {
      // The server reads the saved sources, the libraries and the PDF (pdf.js on a worker thread) and loads the rules pack.
      const checked: SubmissionReport = await vscode.window.withProgress(
        {
          location: interactive ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
          title: `CALM Cite: checking ${path.basename(target.root)} and ${path.basename(target.pdfPath)}`,
        },
        () => client.sendRequest(Requests.checkSubmission, { uri: vscode.Uri.file(target.root).toString(), pdfPath: target.pdfPath }),
      );
      const result: CheckedSubmission = { target, pack: checked.pack, report: checked };
      diagnostics.show(checked.findings, checked.pack, liveCitationChecks);
      status.done(checked.summary, checked.pack.title);
      report.update(result, interactive);
      watchPdf(target);
      lastTarget = target;
      void vscode.commands.executeCommand('setContext', 'calmCite.submissionChecked', true);
      log.info(`Checked ${target.root} and ${target.pdfPath} against ${checked.pack.id}: ${checked.findings.length} findings.`);
    } catch (error) {
      status.failed();
      const message = (error as Error).message;
      log.error(`Submission check of ${target.root}: ${message}`);
      void vscode.window.showErrorMessage(`CALM Cite: ${message}`);
    }
  };

  const rerunLater = (target: SubmissionTarget) => {
    clearTimeout(rerunTimer);
    rerunTimer = setTimeout(() => void check(target, false), RERUN_DELAY_MS);
  };

  const onSaveEnabled = (target: SubmissionTarget | undefined, uri: vscode.Uri) =>
    workspaceTrusted() && vscode.workspace.getConfiguration('calmCite', target?.folder?.uri ?? uri).get<boolean>('check.onSave', false);

  const watchPdf = (target: SubmissionTarget) => {
    if (lastTarget?.pdfPath === target.pdfPath) return;
    pdfWatcher?.dispose();
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(target.pdfPath)), path.basename(target.pdfPath)));
    const onPdfChange = (uri: vscode.Uri) => {
      if (lastTarget && onSaveEnabled(lastTarget, uri)) rerunLater(lastTarget);
    };
    pdfWatcher = vscode.Disposable.from(watcher, watcher.onDidChange(onPdfChange), watcher.onDidCreate(onPdfChange));
  };

  const onDidSave = async (document: vscode.TextDocument) => {
    if (!isTexDocument(document) || !onSaveEnabled(lastTarget, document.uri)) return;
    const target = lastTarget?.files.includes(document.uri.fsPath) ? lastTarget : await findSubmissionTarget(client, document, false);
    if (target) rerunLater(target);
  };

  const checkCommand = async () => {
    const refusal = untrustedRefusal('run the submission checks', 'they read the PDF with pdf.js and load rules packs from the workspace');
    if (refusal) {
      void vscode.window.showErrorMessage(refusal);
      return;
    }
    const target = await findSubmissionTarget(client, vscode.window.activeTextEditor?.document, true);
    if (target) await check(target, true);
  };

  return vscode.Disposable.from(
    diagnostics,
    status,
    report,
    { dispose: () => (clearTimeout(rerunTimer), pdfWatcher?.dispose()) },
    vscode.commands.registerCommand(CHECK_SUBMISSION_COMMAND, checkCommand),
    vscode.commands.registerCommand(SHOW_REPORT_COMMAND, () => report.show()),
    vscode.workspace.onDidSaveTextDocument((document) => void onDidSave(document)),
  );
}
