import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { choosePack, loadChosenPack } from '../core/checks/packChoice';
import { RulesPackError, type RulesPack } from '../core/checks/rulesPack';
import type { Finding } from '../core/checks/finding';
import { checkDocument, DocumentUnreadableError, type DocumentReport } from '../core/project/checkDocument';
import { visibleControls } from '../core/text/controlCharacters';
import { parseFormat } from './format';
import { toSarif } from './sarif';
import { UsageError } from './usage';

const FORMATS = ['text', 'json', 'sarif'] as const;

/** `calm-cite check DOC [--pdf DOC.pdf] [--rules calm-2024|neurips-2024|FILE] [--format text|json|sarif]` */
export async function runCheck(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { pdf: { type: 'string' }, rules: { type: 'string' }, format: { type: 'string' }, library: { type: 'string', multiple: true } },
  });
  const format = parseFormat(values.format, FORMATS, 'text');
  if (positionals.length !== 1) throw new UsageError('check: name exactly one document (a .tex root file or a .md/.qmd/.Rmd file).');
  const documentPath = path.resolve(positionals[0]!);
  const pdfPath = values.pdf === undefined ? undefined : path.resolve(values.pdf);
  if (pdfPath) assertFile(pdfPath, values.pdf!);
  const pack = await rulesPack(values.rules);

  let report: DocumentReport;
  try {
    report = await checkDocument({
      documentPath,
      pdfPath,
      pack,
      extraLibraryPaths: (values.library ?? []).map((file) => path.resolve(file)),
      fs: {
        readFile: async (file) => readOrUndefined(file, 'utf8'),
        readBytes: async (file) => readOrUndefined(file),
      },
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

/** The PDF is the other input a check cannot do without: a missing one, or a folder, is a usage error (exit 2). */
function assertFile(file: string, asGiven: string): void {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch {
    throw new UsageError(`cannot read ${asGiven}: no such file`);
  }
  if (!stats.isFile()) throw new UsageError(`cannot read ${asGiven}: it is a directory, not a file`);
}

function readOrUndefined(file: string): Uint8Array | undefined;
function readOrUndefined(file: string, encoding: 'utf8'): string | undefined;
function readOrUndefined(file: string, encoding?: 'utf8'): string | Uint8Array | undefined {
  try {
    return encoding ? fs.readFileSync(file, encoding) : new Uint8Array(fs.readFileSync(file));
  } catch {
    return undefined;
  }
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
  const { errors, warnings, infos } = report.summary;
  lines.push(errors + warnings + infos === 0 ? 'No problems found.' : `${errors} errors, ${warnings} warnings, ${infos} notes.`);
  return lines.join('\n');
}
