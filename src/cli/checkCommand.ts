import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { choosePack, loadChosenPack } from '../core/checks/packChoice';
import { parseStage, RulesPackError, type RulesPack, type Stage } from '../core/checks/rulesPack';
import type { Finding } from '../core/checks/finding';
import { checkDocument, DocumentUnreadableError, type DocumentReport } from '../core/project/checkDocument';
import { readPdfInWorker } from '../core/checks/pdf/worker/readPdfInWorker';
import { PDF_READ_LIMITS } from '../core/limits';
import { summaryText } from '../core/checks/summaryText';
import { parseFormat } from './format';
import { readRegularFile } from './regularFile';
import { toSarif } from './sarif';
import { UsageError } from './usage';

const FORMATS = ['text', 'json', 'sarif'] as const;

/** `calm-cite check DOC [--pdf DOC.pdf] [--rules calm-2024|neurips-2024|FILE] [--stage submission|camera-ready] [--format text|json|sarif]` */
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
  const pdfPath = values.pdf === undefined ? undefined : path.resolve(values.pdf);
  const pdfBytes = pdfPath === undefined ? undefined : readPdf(pdfPath, values.pdf!);
  const pack = await rulesPack(values.rules);
  const stage = stageOf(values.stage);

  let report: DocumentReport;
  try {
    report = await checkDocument({
      documentPath,
      pdfPath,
      pack,
      stage,
      extraLibraryPaths: (values.library ?? []).map((file) => path.resolve(file)),
      fs: {
        readFile: async (file) => readOrUndefined(file, 'utf8'),
        readBytes: async (file) => (file === pdfPath ? pdfBytes : readBoundedBytes(file)),
      },
      readPdf: (bytes, options) => readPdfInWorker(pdfWorkerScript(), bytes, options),
    });
  } catch (error) {
    if (error instanceof DocumentUnreadableError) throw new UsageError(error.message);
    throw error;
  }

  if (format === 'json') out(JSON.stringify({ findings: report.findings.map(findingJson), summary: report.summary }, null, 2));
  else if (format === 'sarif') out(JSON.stringify(toSarif(report.findings, pack), null, 2));
  else out(textReport(report));
  return report.summary.errors > 0 ? 1 : 0;
}

function stageOf(value: string | undefined): Stage {
  try {
    return parseStage(value);
  } catch (error) {
    if (error instanceof RulesPackError) throw new UsageError(`--stage: ${error.message}`);
    throw error;
  }
}

/** `--rules`: a shipped pack id or a JSON pack file (relative to the working directory), chosen as the editor does. */
async function rulesPack(rules: string | undefined): Promise<RulesPack> {
  const choice = choosePack({ setting: rules, workspaceFolder: process.cwd(), hasWorkspaceRulesFile: false });
  try {
    return await loadChosenPack(choice, async (file) => readOrUndefined(file, 'utf8'));
  } catch (error) {
    if (error instanceof RulesPackError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The PDF is the other input a check cannot do without: a missing one, a folder, a FIFO or a device is a
 * usage error (exit 2) that names it, and nothing blocks on it.
 */
function readPdf(file: string, asGiven: string): Uint8Array {
  const result = readRegularFile(file, PDF_READ_LIMITS.maxFileBytes, 'PDFs');
  if ('problem' in result) throw new UsageError(`cannot read ${asGiven}: ${result.problem}`);
  return result.bytes;
}

/** dist/pdfWorker.js beside the bundled CLI; the TypeScript entry point when the CLI runs from source. */
function pdfWorkerScript(): string {
  const bundled = path.join(__dirname, 'pdfWorker.js');
  return fs.existsSync(bundled) ? bundled : path.resolve(__dirname, '../core/checks/pdf/worker/pdfWorkerMain.ts');
}

function readOrUndefined(file: string, encoding: 'utf8'): string | undefined {
  try {
    return fs.readFileSync(file, encoding);
  } catch {
    return undefined;
  }
}

/** Other binary files the check reads (the SyncTeX file beside the PDF): regular files within the PDF bound only. */
function readBoundedBytes(file: string): Uint8Array | undefined {
  const result = readRegularFile(file, PDF_READ_LIMITS.maxFileBytes, 'files');
  return 'bytes' in result ? result.bytes : undefined;
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
    return `${where}: ${finding.severity}: ${finding.message}${page} [${finding.rule}]`;
  });
  const hints = report.findings.filter((finding) => finding.severity === 'hint').length;
  lines.push(report.findings.length === 0 ? 'No problems found.' : `${summaryText(report.summary, hints)}.`);
  return lines.join('\n');
}
