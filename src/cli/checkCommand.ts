import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BUILTIN_PACKS, parseStage, RulesPackError, type Stage } from '../core/checks/rulesPack';
import { readPdfInWorker } from '../core/checks/pdf/worker/readPdfInWorker';
import { summaryText } from '../core/checks/summaryText';
import type { Finding } from '../core/checks/finding';
import { bundledLibrary } from '../core/library/bundled';
import { PDF_READ_LIMITS } from '../core/limits';
import { createCiteService } from '../core/service/citeService';
import { DocumentUnreadableError, type DocumentReport } from '../core/service/submission';
import { parseSettings } from '../core/settings';
import { NodeWorkspace } from '../core/workspace/nodeWorkspace';
import { refusalReason } from '../core/workspace/files';
import { visibleControls } from '../core/text/controlCharacters';
import { parseFormat } from './format';
import { packageRoot } from './packageRoot';
import { toSarif } from './sarif';
import { UsageError } from './usage';

const FORMATS = ['text', 'json', 'sarif'] as const;

/** `calm-cite check DOC [--pdf DOC.pdf] [--rules calm-2024|neurips-2024|FILE] [--stage submission|camera-ready] [--format text|json|sarif] [--library FILE]...` */
export async function runCheck(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      pdf: { type: 'string' },
      rules: { type: 'string' },
      stage: { type: 'string' },
      format: { type: 'string' },
      library: { type: 'string', multiple: true },
    },
  });
  const format = parseFormat(values.format, FORMATS, 'text');
  if (positionals.length !== 1) throw new UsageError('check: name exactly one document (a .tex root file or a .md/.qmd/.Rmd file).');
  const documentPath = path.resolve(positionals[0]!);
  // The project is the document's folder tree; --library names libraries to read wherever they are.
  const libraries = (values.library ?? []).map((file) => path.resolve(file));
  const settings = parseSettings({ library: { paths: libraries } }).settings;
  const workspace = new NodeWorkspace({ folders: [path.dirname(documentPath)], settings: () => settings });
  const pdfPath = values.pdf === undefined ? undefined : path.resolve(values.pdf);
  if (pdfPath) await assertRegularFile(workspace, pdfPath, values.pdf!);
  const stage = stageOf(values.stage);

  const service = createCiteService(workspace, {
    bundled: bundledLibrary(packageRoot()),
    // pdf.js on a worker thread, stopped past the time and heap limits.
    readPdf: (bytes, options) => readPdfInWorker(pdfWorkerScript(), bytes, options),
  });
  let report: DocumentReport;
  try {
    report = await service.checkSubmission({ path: documentPath, pdfPath, rules: rulesFlag(values.rules), stage });
  } catch (error) {
    if (error instanceof DocumentUnreadableError || error instanceof RulesPackError) throw new UsageError(error.message);
    throw error;
  } finally {
    service.dispose();
  }

  if (format === 'json') out(JSON.stringify({ findings: report.findings.map(findingJson), summary: report.summary }, null, 2));
  else if (format === 'sarif') out(JSON.stringify(toSarif(report.findings, report.pack), null, 2));
  else out(textReport(report));
  return report.summary.errors > 0 ? 1 : 0;
}

/** `--rules`: a shipped pack id, or a JSON pack file relative to the working directory; calm-2024 when not given. */
function rulesFlag(rules: string | undefined): string {
  if (rules === undefined) return 'calm-2024';
  return BUILTIN_PACKS[rules] ? rules : path.resolve(rules);
}

/** dist/pdfWorker.js beside the bundled CLI; the TypeScript entry point when the CLI runs from source (tests). */
function pdfWorkerScript(): string {
  const bundled = path.join(__dirname, 'pdfWorker.js');
  return fs.existsSync(bundled) ? bundled : path.resolve(__dirname, '../core/checks/pdf/worker/pdfWorkerMain.ts');
}

function stageOf(value: string | undefined): Stage {
  try {
    return parseStage(value);
  } catch (error) {
    if (error instanceof RulesPackError) throw new UsageError(`--stage: ${error.message}`);
    throw error;
  }
}

/** The PDF is the other input a check cannot do without: a missing one, a folder or a pipe is a usage error (exit 2). */
async function assertRegularFile(workspace: NodeWorkspace, file: string, asGiven: string): Promise<void> {
  const opened = await workspace.open(file, { maxBytes: PDF_READ_LIMITS.maxFileBytes });
  if (opened.ok) {
    await opened.handle.close();
    return;
  }
  throw new UsageError(`cannot read ${asGiven}: ${refusalReason(opened)}`);
}

/** The documented JSON shape: the finding's public fields only, in a fixed order. */
function findingJson(finding: Finding) {
  return {
    rule: finding.rule,
    severity: finding.severity,
    file: finding.file,
    line: finding.line ?? null,
    column: finding.column ?? null,
    ...(finding.page !== undefined ? { page: finding.page } : {}),
    ...(finding.pdf !== undefined ? { pdf: finding.pdf } : {}),
    message: finding.message,
  };
}

function textReport(report: DocumentReport): string {
  const lines = report.findings.map((finding) => {
    const where = [path.relative(process.cwd(), finding.file) || finding.file, finding.line, finding.column].filter((part) => part !== undefined).join(':');
    const page = finding.page !== undefined ? ` (page ${finding.page})` : '';
    // Messages quote keys, titles and LaTeX from the files: their control characters are shown, not sent to the terminal.
    return visibleControls(`${where}: ${finding.severity}: ${finding.message}${page} [${finding.rule}]`);
  });
  const hints = report.findings.filter((finding) => finding.severity === 'hint').length;
  lines.push(report.findings.length === 0 ? 'No problems found.' : `${summaryText(report.summary, hints)}.`);
  return lines.join('\n');
}
