import * as path from 'node:path';
import { runRules, stamp } from './applyPack';
import { compareFindings, summarizeFindings, type Finding, type FindingSummary } from './finding';
import { loadLatexDocument, type ReadTextFile } from './latexSource';
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

/** Runs the pack's source rules of `stage` over the root .tex and every file it \input s. Never throws. */
export async function checkSource(rootTexPath: string, fullPack: RulesPack, readFile: ReadTextFile, stage: Stage = DEFAULT_STAGE): Promise<Finding[]> {
  const pack = packForStage(fullPack, stage);
  const safeRead: ReadTextFile = async (filePath) => {
    try {
      return await readFile(filePath);
    } catch {
      return undefined;
    }
  };
  const document = await loadLatexDocument(rootTexPath, safeRead);
  if (!document) {
    return packFinding(pack, SOURCE_UNREADABLE, {
      file: rootTexPath,
      message: `${rootTexPath} could not be read, so no source checks ran. Check the path to the root .tex file.`,
    });
  }
  const unreadable = document.unreadable.flatMap((draft) => packFinding(pack, SOURCE_UNREADABLE, { ...draft, file: draft.file ?? rootTexPath }));
  const context = { rootPath: rootTexPath, document, pack, readFile: safeRead, style: readStyleSetup(document.files) };
  const findings = await runRules(pack, SOURCE_RULES, context, rootTexPath);
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
async function readBuildLog(pdfPath: string, readFile: ReadTextFile): Promise<BuildLog | undefined> {
  const logPath = pdfPath.replace(/\.pdf$/i, '.log');
  if (logPath === pdfPath) return undefined;
  try {
    const text = await readFile(logPath);
    return text === undefined ? undefined : { name: path.basename(logPath), text };
  } catch {
    return undefined;
  }
}

function pageRange(first: number, last: number): string {
  return first === last ? `page ${first}` : `pages ${first}-${last}`;
}

export interface SubmissionInput {
  texPath?: string;
  pdfPath?: string;
  pack: RulesPack;
  /** The submission (default) or the camera-ready. */
  stage?: Stage;
  readFile: ReadTextFile;
  readBytes: (filePath: string) => Promise<Uint8Array | undefined>;
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
  if (input.texPath !== undefined) findings.push(...(await checkSource(input.texPath, input.pack, input.readFile, stage)));
  if (input.pdfPath !== undefined) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await input.readBytes(input.pdfPath);
    } catch {
      bytes = undefined;
    }
    if (bytes === undefined) {
      findings.push(
        ...packFinding(packForStage(input.pack, stage), PDF_UNREADABLE, {
          file: input.pdfPath,
          message: `${input.pdfPath} could not be read, so no PDF checks ran. Build the PDF first or fix the path.`,
        }),
      );
    } else {
      const result = await checkPdfWithPageCount(bytes, input.pdfPath, input.pack, {
        readPdf: input.readPdf,
        buildLog: await readBuildLog(input.pdfPath, input.readFile),
        stage,
        readBytes: input.readBytes,
        sourceRoot: input.texPath === undefined ? undefined : path.dirname(input.texPath),
      });
      findings.push(...result.findings);
      pages = result.pages;
    }
  }
  return { findings, summary: summarizeFindings(findings, pages) };
}
