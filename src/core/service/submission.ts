import * as nodePath from 'node:path';
import type { CitationFinding } from '../citationChecks/checkCitations';
import { CITATION_RULES, type CitationRuleId, type CitationSeverities } from '../citationChecks/rules';
import { checkSubmission, type ReadPdf } from '../checks/checkSubmission';
import { compareFindings, summarizeFindings, type Finding, type FindingSummary } from '../checks/finding';
import { choosePack, loadChosenPack, WORKSPACE_RULES_FILE, type PackChoice } from '../checks/packChoice';
import { packForStage, ruleSeverity, type RulesPack, type Stage } from '../checks/rulesPack';
import { citationLanguageOf, LatexDocument } from '../documents';
import { MAX_CITATION_DOCUMENT_LENGTH, PDF_READ_LIMITS } from '../limits';
import { throwIfCancelled, type CancellationToken, type Workspace } from '../workspace';
import { readBytes, readText } from '../workspace/files';
import type { DocumentStore } from './documentStore';
import type { ProjectCheck } from './projectCheck';
import type { ProjectGraph } from './projectGraph';

/** What one submission check looks at: the paper's root, its PDF and its files. */
export interface SubmissionTarget {
  root: string;
  pdfPath: string;
  /** Every .tex file of the project, root first: saving one may re-run the check. */
  files: string[];
}

export interface SubmissionRequest {
  /** The document to check: any file of a LaTeX project (its root is found), or a Markdown file. */
  path: string;
  /** The compiled PDF; without it only the sources and citations are checked. */
  pdfPath?: string;
  /** A shipped pack id or a pack file (a flag or setting, named on purpose); default: the folder's setting, `.calm-cite/rules.json`, calm-2024. */
  rules?: string;
  /** The anonymous submission or the camera-ready; default: the folder's `calmCite.check.stage`. */
  stage?: Stage;
}

export interface DocumentReport {
  findings: (Finding | CitationFinding)[];
  summary: FindingSummary;
  pack: RulesPack;
  packChoice: PackChoice;
  target: SubmissionTarget;
}

/** Thrown when the document itself cannot be read: the one input a check cannot go on without. */
export class DocumentUnreadableError extends Error {}

export interface SubmissionDeps {
  workspace: Workspace;
  store: DocumentStore;
  /** The project graph over the files as saved: the PDF was built from them, not from unsaved edits. */
  savedGraph: ProjectGraph;
  checkProject: (path: string, severities: CitationSeverities) => Promise<ProjectCheck>;
  readPdf?: ReadPdf;
}

/** The root of a document's LaTeX project and the PDF to check: `calmCite.check.pdfPath`, else the root's name with `.pdf`. */
export async function submissionTarget(deps: SubmissionDeps, path: string, token?: CancellationToken): Promise<SubmissionTarget> {
  const project = await deps.savedGraph.projectOf(path, token);
  const settings = await deps.workspace.settings(project.root);
  const setting = settings.check.pdfPath.trim();
  const pdfPath = setting
    ? nodePath.resolve(deps.store.projectFolder(project.root), setting)
    : nodePath.join(nodePath.dirname(project.root), `${nodePath.basename(project.root, nodePath.extname(project.root))}.pdf`);
  return { root: project.root, pdfPath, files: project.files };
}

/**
 * Every check that applies to one document: its project's citations, and, for LaTeX (or with a PDF), the
 * rules pack over the saved sources and the PDF. Throws `DocumentUnreadableError` when the document cannot
 * be read and `RulesPackError` for a pack that does not load.
 */
export async function checkDocumentSubmission(deps: SubmissionDeps, request: SubmissionRequest, token?: CancellationToken): Promise<DocumentReport> {
  const language = citationLanguageOf(request.path);
  if (!language) throw new DocumentUnreadableError(`${request.path} is not a LaTeX (.tex) or Markdown (.md, .qmd, .Rmd) document.`);
  const read = await deps.store.document(request.path, 'saved', language);
  if (!read.ok) throw new DocumentUnreadableError(read.message);
  const folder = deps.store.projectFolder(request.path);
  const settings = await deps.workspace.settings(request.path);
  const { pack, choice } = await rulesPackFor(deps.workspace, folder, request.rules ?? settings.check.rulesPack);
  const stage = request.stage ?? settings.check.stage;
  throwIfCancelled(token);

  const stagePack = packForStage(pack, stage);
  const project = await deps.checkProject(request.path, packSeverities(stagePack));
  // The source rules report what of a LaTeX paper cannot be read as calm/source-unreadable: once is enough.
  const sourcesReported = language === 'latex' && ruleSeverity(stagePack, 'calm/source-unreadable') !== undefined;
  const findings: (Finding | CitationFinding)[] = project.findings.filter((finding) => !(sourcesReported && finding.rule === 'doc/project-file'));
  const target = await submissionTarget(deps, request.path, token);
  const pdfPath = request.pdfPath;
  let pages: number | undefined;
  if (language === 'latex' || pdfPath) {
    const sources = language === 'latex' ? await savedSources(deps, request.path, token) : undefined;
    const submission = await checkSubmission({
      sources,
      pdfPath,
      pack,
      stage,
      readPdfBytes: (path) => readBytes(deps.workspace, path, PDF_READ_LIMITS.maxFileBytes),
      readText: (path) => projectText(deps, folder, path),
      readBytes: async (path) => {
        if (!(await deps.store.insideProject(folder, path))) return undefined;
        const read = await readBytes(deps.workspace, path, PDF_READ_LIMITS.maxFileBytes);
        return read.ok ? read.value : undefined;
      },
      readPdf: deps.readPdf,
    });
    findings.push(...submission.findings);
    pages = submission.summary.pages;
  }
  findings.sort(compareFindings);
  return { findings, summary: summarizeFindings(findings, pages), pack, packChoice: choice, target };
}

/** The paper's files as saved, read by the one LaTeX reader, with what could not be followed. */
async function savedSources(deps: SubmissionDeps, path: string, token: CancellationToken | undefined) {
  const project = await deps.savedGraph.projectOf(path, token);
  const files: LatexDocument[] = [];
  for (const file of project.files) {
    const read = await deps.store.document(file, 'saved', 'latex');
    if (read.ok && read.value instanceof LatexDocument) files.push(read.value);
  }
  return { rootPath: project.root, files, problems: project.problems, readText: (file: string) => projectText(deps, project.folder, file) };
}

/** A text file of the project as saved (the style file, the build log), never one outside it; undefined when it cannot be read. */
async function projectText(deps: SubmissionDeps, folder: string, file: string): Promise<string | undefined> {
  if (!(await deps.store.insideProject(folder, file))) return undefined;
  const text = await readText(deps.workspace, file, MAX_CITATION_DOCUMENT_LENGTH);
  return text.ok ? text.value : undefined;
}

/** The pack a check uses: `rules` (a flag or an explicit setting), else the folder's `.calm-cite/rules.json`, else calm-2024. */
export async function rulesPackFor(workspace: Workspace, folder: string, rules: string | undefined): Promise<{ pack: RulesPack; choice: PackChoice }> {
  const rulesFile = nodePath.join(folder, WORKSPACE_RULES_FILE);
  const hasWorkspaceRulesFile = rules === undefined && (await readText(workspace, rulesFile, MAX_CITATION_DOCUMENT_LENGTH)).ok;
  const choice = choosePack({ setting: rules, workspaceFolder: folder, hasWorkspaceRulesFile });
  const pack = await loadChosenPack(choice, async (file) => {
    const read = await readText(workspace, file, MAX_CITATION_DOCUMENT_LENGTH);
    return read.ok ? read.value : undefined;
  });
  return { pack, choice };
}

/** A rules pack may set the citation rules' severities too. */
function packSeverities(pack: RulesPack): CitationSeverities {
  const severities: CitationSeverities = {};
  for (const rule of Object.keys(CITATION_RULES) as CitationRuleId[]) {
    const setting = pack.rules[rule];
    if (setting) severities[rule] = setting.severity;
  }
  return severities;
}
