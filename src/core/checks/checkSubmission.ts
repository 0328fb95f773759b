import { runRules, stamp } from './applyPack';
import { compareFindings, summarizeFindings, type Finding, type FindingSummary } from './finding';
import type { LatexDocument } from '../documents';
import type { ProjectProblem } from '../service/projectGraph';
import type { FileRead } from '../workspace/files';
import type { ReadProjectText } from './sourceRules/sourceRule';
import { readPdfModel, type PdfModel } from './pdf/pdfDocument';
import { PDF_RULES } from './pdf/index';
import { ruleSeverity, type RulesPack } from './rulesPack';
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

/** Runs the pack's source rules over the root .tex and every file it includes. Never throws. */
export async function checkSource(input: SourceInput, pack: RulesPack): Promise<Finding[]> {
  const unreadable = input.problems.flatMap((problem) =>
    packFinding(pack, SOURCE_UNREADABLE, { file: problem.path, line: problem.line, column: problem.column, message: problem.message }),
  );
  if (input.files.length === 0) return unreadable;
  const document = { files: input.files };
  const context = { rootPath: input.rootPath, document, pack, readText: input.readText, style: readStyleSetup(input.files) };
  const findings = await runRules(pack, SOURCE_RULES, context, input.rootPath);
  return [...unreadable, ...findings].sort(compareFindings);
}

/** Reads a PDF into what the PDF rules look at (its first `maxPages` pages); the editor passes one that runs on a worker thread. */
export type ReadPdf = (bytes: Uint8Array, maxPages?: number) => Promise<PdfModel>;

export interface PdfCheckOptions {
  readPdf?: ReadPdf;
  /** Fewer pages than the default limit (src/core/limits.ts), for tests. */
  maxPages?: number;
}

/**
 * Runs the pack's PDF rules over the first pages (MAX_PDF_PAGES). Never throws: a PDF pdf.js cannot read
 * is one 'calm/pdf-unreadable' finding, a longer one a 'calm/pdf-too-many-pages' finding besides the others.
 */
export async function checkPdf(pdfBytes: Uint8Array, pdfPath: string, pack: RulesPack, options: PdfCheckOptions = {}): Promise<Finding[]> {
  const result = await checkPdfWithPageCount(pdfBytes, pdfPath, pack, options);
  return result.findings;
}

async function checkPdfWithPageCount(pdfBytes: Uint8Array, pdfPath: string, pack: RulesPack, options: PdfCheckOptions): Promise<{ findings: Finding[]; pages?: number }> {
  let pdf;
  try {
    pdf = await (options.readPdf ?? readPdfModel)(pdfBytes, options.maxPages);
  } catch (error) {
    return {
      findings: packFinding(pack, PDF_UNREADABLE, {
        file: pdfPath,
        message: `The PDF could not be read (${(error as Error).message}). Rebuild it (pdflatex) and check that the file is complete, not truncated or password-protected.`,
      }),
    };
  }
  const findings = await runRules(pack, PDF_RULES, { pdf, pdfPath, pack }, pdfPath);
  if (pdf.pageCount > pdf.pages.length) {
    findings.push(
      ...packFinding(pack, PDF_TOO_MANY_PAGES, {
        file: pdfPath,
        page: pdf.pages.length + 1,
        message: `The PDF has ${pdf.pageCount} pages; CALM Cite checks the first ${pdf.pages.length}, so pages ${pdf.pages.length + 1}-${pdf.pageCount} were not checked.`,
      }),
    );
  }
  return {
    findings: findings.sort(compareFindings),
    pages: pdf.pageCount,
  };
}

export interface SubmissionInput {
  sources?: SourceInput;
  pdfPath?: string;
  pack: RulesPack;
  /** The PDF's bytes, or why they could not be read. */
  readPdfBytes: (path: string) => Promise<FileRead<Uint8Array>>;
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
  if (input.sources !== undefined) findings.push(...(await checkSource(input.sources, input.pack)));
  if (input.pdfPath !== undefined) {
    const read = await input.readPdfBytes(input.pdfPath);
    if (!read.ok) {
      findings.push(
        ...packFinding(input.pack, PDF_UNREADABLE, {
          file: input.pdfPath,
          message: `${read.message} No PDF checks ran: build the PDF first or fix the path.`,
        }),
      );
    } else {
      const result = await checkPdfWithPageCount(read.value, input.pdfPath, input.pack, { readPdf: input.readPdf });
      findings.push(...result.findings);
      pages = result.pages;
    }
  }
  return { findings, summary: summarizeFindings(findings, pages) };
}
