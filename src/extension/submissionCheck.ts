import * as path from 'node:path';
import * as vscode from 'vscode';
import { readPdfInWorker } from '../core/checks/pdf/worker/readPdfInWorker';
import { RulesPackError } from '../core/checks/rulesPack';
import { checkDocument, DocumentUnreadableError } from '../core/project/checkDocument';
import { diskFiles } from './diskFiles';
import type { WorkspaceLibraries } from './libraries';
import { readSettings } from './settings';
import { SubmissionDiagnostics } from './submissionDiagnostics';
import { submissionPack } from './submissionPack';
import { SubmissionReportPanel, type CheckedSubmission } from './submissionReport';
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
export function registerSubmissionCheck(context: vscode.ExtensionContext, libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  const diagnostics = new SubmissionDiagnostics();
  const status = new SubmissionStatus();
  const report = new SubmissionReportPanel(context.extensionUri);
  const pdfWorkerScript = path.join(context.extensionPath, 'dist', 'pdfWorker.js');
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
        log.error(`Submission check of ${target.texPath} failed`, error);
      });
    return queue;
  };

  const runCheck = async (target: SubmissionTarget, interactive: boolean) => {
    let pack;
    try {
      pack = await submissionPack(target.folder, log);
    } catch (error) {
      if (!(error instanceof RulesPackError)) throw error;
      log.error(error.message);
      void vscode.window.showErrorMessage(`CALM Cite: ${error.message}`);
      return;
    }
    const settings = readSettings(target.folder?.uri, log);
    status.checking();
    try {
      const documentReport = await vscode.window.withProgress(
        {
          location: interactive ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
          title: `CALM Cite: checking ${path.basename(target.texPath)} and ${path.basename(target.pdfPath)}`,
        },
        async () =>
          checkDocument({
            documentPath: target.texPath,
            pdfPath: target.pdfPath,
            pack,
            stage: settings.check.stage,
            extraLibraryPaths: await libraries.settingsPaths(settings.library.paths, target.folder),
            extraCommands: settings.latex.extraCiteCommands,
            fs: diskFiles,
            readPdf: (bytes, options) => readPdfInWorker(pdfWorkerScript, bytes, options),
          }),
      );
      const checked: CheckedSubmission = { target, pack, report: documentReport };
      diagnostics.show(documentReport.findings, pack, settings.diagnostics.enabled);
      status.done(documentReport.summary, pack.title);
      report.update(checked, interactive);
      watchPdf(target);
      lastTarget = target;
      void vscode.commands.executeCommand('setContext', 'calmCite.submissionChecked', true);
      log.info(`Checked ${target.texPath} and ${target.pdfPath}: ${documentReport.findings.length} findings.`);
    } catch (error) {
      status.failed();
      const message = error instanceof DocumentUnreadableError ? error.message : `the check failed (${(error as Error).message})`;
      log.error(`Submission check of ${target.texPath}: ${message}`, error);
      void vscode.window.showErrorMessage(`CALM Cite: ${message}`);
    }
  };

  const rerunLater = (target: SubmissionTarget) => {
    clearTimeout(rerunTimer);
    rerunTimer = setTimeout(() => void check(target, false), RERUN_DELAY_MS);
  };

  const onSaveEnabled = (target: SubmissionTarget | undefined, uri: vscode.Uri) =>
    workspaceTrusted() && readSettings(target?.folder?.uri ?? uri, log).check.onSave;

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
    const target = lastTarget?.projectFiles.includes(document.uri.fsPath) ? lastTarget : await findSubmissionTarget(document, false, log);
    if (target) rerunLater(target);
  };

  const checkCommand = async () => {
    const refusal = untrustedRefusal('run the submission checks', 'they read the PDF with pdf.js and load rules packs from the workspace');
    if (refusal) {
      void vscode.window.showErrorMessage(refusal);
      return;
    }
    const target = await findSubmissionTarget(vscode.window.activeTextEditor?.document, true, log);
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
