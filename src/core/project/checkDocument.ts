import * as nodePath from 'node:path';
import type { CitationLanguage } from '../citations';
import type { CitationFinding } from '../citationChecks/checkCitations';
import { CITATION_RULES, type CitationRuleId, type CitationSeverities } from '../citationChecks/rules';
import { checkSubmission, type ReadPdf } from '../checks/checkSubmission';
import { compareFindings, summarizeFindings, type Finding, type FindingSummary } from '../checks/finding';
import { DEFAULT_STAGE, packForStage, type RulesPack, type Stage } from '../checks/rulesPack';
import { LibraryCatalog } from '../library/catalog';
import { checkProject } from './checkProject';

export interface CheckFileSystem {
  readFile(path: string): Promise<string | undefined>;
  readBytes(path: string): Promise<Uint8Array | undefined>;
}

export interface CheckDocumentInput {
  documentPath: string;
  /** The compiled PDF, checked against the pack's PDF rules. */
  pdfPath?: string;
  /** The submission rules (LaTeX only); without a pack only citations are checked. */
  pack?: RulesPack;
  /** Which version is checked, the anonymous submission (default) or the camera-ready: the pack's rules of that stage run. */
  stage?: Stage;
  /** Library files the document does not name (settings, `--library`). */
  extraLibraryPaths?: readonly string[];
  severities?: CitationSeverities;
  extraCommands?: readonly string[];
  fs: CheckFileSystem;
  /** Shared with the editor so files already read are not read again. */
  catalog?: LibraryCatalog;
  /** How the PDF is read; the editor reads it on a worker thread. */
  readPdf?: ReadPdf;
}

export interface DocumentReport {
  findings: (Finding | CitationFinding)[];
  summary: FindingSummary;
}

/** Thrown when the document itself cannot be read: the one input a check cannot go on without. */
export class DocumentUnreadableError extends Error {}

export function languageOfPath(path: string): CitationLanguage | undefined {
  const extension = nodePath.extname(path).toLowerCase();
  if (extension === '.tex' || extension === '.ltx') return 'latex';
  if (['.md', '.markdown', '.qmd', '.rmd'].includes(extension)) return 'markdown';
  return undefined;
}

/**
 * Every check that applies to one document: its project's citations (`checkProject`), and, for
 * LaTeX with a rules pack, the submission rules over its sources and PDF.
 */
export async function checkDocument(input: CheckDocumentInput): Promise<DocumentReport> {
  const language = languageOfPath(input.documentPath);
  if (!language) throw new DocumentUnreadableError(`${input.documentPath} is not a LaTeX (.tex) or Markdown (.md, .qmd, .Rmd) document.`);
  const text = await input.fs.readFile(input.documentPath);
  if (text === undefined) throw new DocumentUnreadableError(`cannot read ${input.documentPath}`);

  const stage = input.stage ?? DEFAULT_STAGE;
  const severities = { ...packSeverities(input.pack && packForStage(input.pack, stage)), ...input.severities };
  const project = await checkProject({
    document: { path: input.documentPath, text, language },
    fs: input.fs,
    catalog: input.catalog ?? new LibraryCatalog(input.fs),
    extraLibraryPaths: input.extraLibraryPaths,
    severities,
    extraCommands: input.extraCommands,
  });
  const findings: (Finding | CitationFinding)[] = project.findings;
  let pages: number | undefined;
  if (input.pack && (language === 'latex' || input.pdfPath)) {
    const submission = await checkSubmission({
      texPath: language === 'latex' ? project.root : undefined,
      pdfPath: input.pdfPath,
      pack: input.pack,
      stage,
      readFile: input.fs.readFile,
      readBytes: input.fs.readBytes,
      readPdf: input.readPdf,
    });
    findings.push(...submission.findings);
    pages = submission.summary.pages;
  }
  findings.sort(compareFindings);
  return { findings, summary: summarizeFindings(findings, pages) };
}

/** A rules pack may set the citation rules' severities too. */
function packSeverities(pack: RulesPack | undefined): CitationSeverities {
  const severities: CitationSeverities = {};
  for (const rule of Object.keys(CITATION_RULES) as CitationRuleId[]) {
    const setting = pack?.rules[rule];
    if (setting) severities[rule] = setting.severity;
  }
  return severities;
}
