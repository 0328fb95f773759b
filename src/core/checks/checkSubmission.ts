import * as path from 'node:path';
import { runRules, stamp } from './applyPack';
import { compareFindings, summarizeFindings, type Finding, type FindingSummary } from './finding';
import type { LatexDocument } from '../documents';
import type { ProjectProblem } from '../service/projectGraph';
import type { FileRead } from '../workspace/files';
import type { ReadProjectText } from './sourceRules/sourceRule';
import { readPdfModel, type PdfModel, type PdfReadOptions } from './pdf/pdfDocument';
import { PdfReadError, REBUILD_ADVICE } from './pdf/pdfReadError';
import { PDF_RULES } from './pdf/index';
import type { BuildLog } from './pdf/pdfRule';
import { placeOnSource, type ReadBytes } from './pdf/placeOnSource';
import { DEFAULT_STAGE, packForStage, ruleSeverity, type RulesPack, type Stage } from './rulesPack';
import { SOURCE_RULES } from './sourceRules/index';
import { readStyleSetup } from './sourceRules/styleSetup';

const SOURCE_UNREADABLE = 'calm/source-unreadable';
const PDF_UNREADABLE = 'calm/pdf-unreadable';
const PDF_TOO_MANY_PAGES = 'calm/pdf-too-many-pages';

/** Reports a finding for a rule the pack has on; nothing if the pack switched it off. */
function packFinding(pack: RulesPack, ruleId: string, finding: Omit<Finding, 'rule' | 'severity'>): Finding[] {
  const severity = ruleSeverity(pack, ruleId);
  return severity ? [stamp(ruleId, severity, finding, finding.file)] : [];
}

/** A paper's sources as the project graph read them (saved on disk): its files and what could not be followed. */
export interface SourceInput {
  rootPath: string;
  files: readonly LatexDocument[];
  /** Includes that are missing, outside the project, in a cycle or nested too deep, where they are named. */
  problems: readonly ProjectProblem[];
  readText: ReadProjectText;
}

/** Runs the pack's source rules of `stage` over the root .tex and every file it includes. Never throws. */
export async function checkSource(input: SourceInput, fullPack: RulesPack, stage: Stage = DEFAULT_STAGE): Promise<Finding[]> {
  const pack = packForStage(fullPack, stage);
  const unreadable = input.problems.flatMap((problem) =>
    packFinding(pack, SOURCE_UNREADABLE, { file: problem.path, line: problem.line, column: problem.column, message: problem.message }),
  );
  if (input.files.length === 0) return unreadable;
  const document = { files: input.files };
  const context = { rootPath: input.rootPath, document, pack, readText: input.readText, style: readStyleSetup(input.files) };
  const findings = await runRules(pack, SOURCE_RULES, context, input.rootPath);
  return [...unreadable, ...findings].sort(compareFindings);
}

/** Reads a PDF into what the PDF rules look at; the editor and the CLI pass one that runs on a worker thread. */
export type ReadPdf = (bytes: Uint8Array, options?: PdfReadOptions) => Promise<PdfModel>;

export interface PdfCheckOptions {
  readPdf?: ReadPdf;
  /** Tighter bounds than the defaults (src/core/limits.ts), for tests. */
  readOptions?: PdfReadOptions;
  buildLog?: BuildLog;
  /** The submission (default) or the camera-ready: which of the pack's rules run. */
  stage?: Stage;
  /** Reads the SyncTeX file beside the PDF, to put PDF findings on source lines; without it they stay on the PDF. */
  readBytes?: ReadBytes;
  /** Where the .tex files the PDF was built from are (the root .tex's folder); the PDF's folder when not given. */
  sourceRoot?: string;
}

/**
 * Runs the pack's PDF rules over the first pages (MAX_PDF_PAGES). Never throws: a PDF pdf.js cannot read
 * is one 'calm/pdf-unreadable' finding, a longer one a 'calm/pdf-too-many-pages' finding besides the others.
 */
export async function checkPdf(pdfBytes: Uint8Array, pdfPath: string, pack: RulesPack, options: PdfCheckOptions = {}): Promise<Finding[]> {
  const result = await checkPdfWithPageCount(pdfBytes, pdfPath, pack, options);
  return result.findings;
}

async function checkPdfWithPageCount(pdfBytes: Uint8Array, pdfPath: string, fullPack: RulesPack, options: PdfCheckOptions): Promise<{ findings: Finding[]; pages?: number }> {
  const pack = packForStage(fullPack, options.stage ?? DEFAULT_STAGE);
  let pdf;
  try {
    pdf = await (options.readPdf ?? readPdfModel)(pdfBytes, options.readOptions);
  } catch (error) {
    const advice = error instanceof PdfReadError ? error.advice : REBUILD_ADVICE;
    return {
      findings: packFinding(pack, PDF_UNREADABLE, {
        file: pdfPath,
        message: `The PDF could not be read: ${(error as Error).message}. ${advice}`,
      }),
    };
  }
  const ruleFindings = await runRules(pack, PDF_RULES, { pdf, pdfPath, pack, buildLog: options.buildLog }, pdfPath);
  const findings = options.readBytes
    ? await placeOnSource(ruleFindings, pdf, pdfPath, options.sourceRoot ?? path.dirname(pdfPath), options.readBytes)
    : ruleFindings;
  if (pdf.pageCount > pdf.pages.length) {
    findings.push(
      ...packFinding(pack, PDF_TOO_MANY_PAGES, {
        file: pdfPath,
        page: pdf.pages.length + 1,
        message: `The PDF has ${pdf.pageCount} pages; CALM Cite checks the first ${pdf.pages.length}, so ${pageRange(pdf.pages.length + 1, pdf.pageCount)} were not checked.`,
      }),
    );
  }
  return {
    findings: findings.sort(compareFindings),
    pages: pdf.pageCount,
  };
}

/** The LaTeX log beside the PDF (paper.pdf -> paper.log), if the build left one. */
async function readBuildLog(pdfPath: string, readText: ReadProjectText): Promise<BuildLog | undefined> {
  const logPath = pdfPath.replace(/\.pdf$/i, '.log');
  if (logPath === pdfPath) return undefined;
  const text = await readText(logPath);
  return text === undefined ? undefined : { name: path.basename(logPath), text };
}

function pageRange(first: number, last: number): string {
  return first === last ? `page ${first}` : `pages ${first}-${last}`;
}

export interface SubmissionInput {
  sources?: SourceInput;
  pdfPath?: string;
  pack: RulesPack;
  /** The submission (default) or the camera-ready. */
  stage?: Stage;
  /** The PDF's bytes, or why they could not be read. */
  readPdfBytes: (path: string) => Promise<FileRead<Uint8Array>>;
  /** Files beside the PDF (its .log, its SyncTeX file), read inside the project; undefined when absent. */
  readText: ReadProjectText;
  readBytes: ReadBytes;
  /** Defaults to pdf.js on this thread. */
  readPdf?: ReadPdf;
}

export interface SubmissionReport {
  findings: Finding[];
  summary: FindingSummary;
}

/** Checks the .tex sources and/or the PDF of a submission against one pack. Never throws. */
export async function checkSubmission(input: SubmissionInput): Promise<SubmissionReport> {
  const findings: Finding[] = [];
  let pages: number | undefined;
  const stage = input.stage ?? DEFAULT_STAGE;
  if (input.sources !== undefined) findings.push(...(await checkSource(input.sources, input.pack, stage)));
  if (input.pdfPath !== undefined) {
    const read = await input.readPdfBytes(input.pdfPath);
    if (!read.ok) {
      findings.push(
        ...packFinding(packForStage(input.pack, stage), PDF_UNREADABLE, {
          file: input.pdfPath,
          message: `${read.message} No PDF checks ran: build the PDF first or fix the path.`,
        }),
      );
    } else {
      const result = await checkPdfWithPageCount(read.value, input.pdfPath, input.pack, {
        readPdf: input.readPdf,
        buildLog: await readBuildLog(input.pdfPath, input.readText),
        stage,
        readBytes: input.readBytes,
        sourceRoot: input.sources === undefined ? undefined : path.dirname(input.sources.rootPath),
      });
      findings.push(...result.findings);
      pages = result.pages;
    }
  }
  return { findings, summary: summarizeFindings(findings, pages) };
}
