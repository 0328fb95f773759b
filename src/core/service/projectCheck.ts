import { checkCitationsByFile, groupByFile, type CitationFinding } from '../citationChecks/checkCitations';
import { severitiesFromSetting, severityOf, type CitationSeverities } from '../citationChecks/rules';
import { megabytes, MAX_CITATION_DOCUMENT_LENGTH } from '../limits';
import type { CitingDocument } from '../documents';
import { throwIfCancelled, type CancellationToken } from '../workspace';
import type { DocumentStore } from './documentStore';
import type { LibraryScopes } from './libraryScope';

export interface ProjectCheck {
  /**
   * The findings by the file they are in. A library file's list is the same array as in the previous check
   * while the library and the keys the document cites of it are unchanged, so the live diagnostics can tell
   * what to publish again by identity, without a pass over the 90,000 unused-entry hints of a big .bib.
   */
  byFile: ReadonlyMap<string, readonly CitationFinding[]>;
  /** Every finding in one list (built when first read: the live diagnostics read `byFile` only). */
  readonly findings: readonly CitationFinding[];
  /** The LaTeX root when the document is a chapter of a bigger project, else the document. */
  root: string;
  /** Every file of the project that was checked, root first. */
  files: string[];
  /** Every library file in scope (the Zotero database included), so a change to one of them re-checks exactly the projects that use it. */
  libraryPaths: string[];
  /** The library files the document names itself: unused entries are reported there, copied entries go there. */
  ownLibraryFiles: string[];
}

/**
 * The citation checks of one document's project: a LaTeX root with every file it includes, or one
 * Markdown file, against the libraries it names and those its settings add. Zotero and the bundled CALM
 * library are not in scope, since BibTeX and Pandoc will not see them: a key found only there is
 * undefined, with its entry offered for copying. Shared by the editor's live diagnostics and `calm-cite check`.
 */
export async function checkProjectCitations(
  path: string,
  store: DocumentStore,
  scopes: LibraryScopes,
  token: CancellationToken | undefined,
  extraSeverities: CitationSeverities = {},
): Promise<ProjectCheck> {
  const scope = await scopes.scopeOf(path, token);
  const { project, settings } = scope;
  const severities = { ...severitiesFromSetting(settings.diagnostics.severity), ...extraSeverities };
  const { library, missing, unreadable } = await scopes.checkedLibraryOf(scope);
  const bundled = await scopes.bundledLibrary();
  const zotero = await scopes.zoteroLibraryOf(scope);
  throwIfCancelled(token);

  const documents: CitingDocument[] = [];
  // What the project decides beside the citation checks: unreadable documents and libraries, project files.
  const findings: CitationFinding[] = [];
  const report = (rule: CitationFinding['rule'], finding: Omit<CitationFinding, 'rule' | 'severity'>) => {
    const severity = severityOf(rule, severities);
    if (severity !== 'off') findings.push({ rule, severity, ...finding });
  };
  for (const file of project.files) {
    const read = await store.document(file, 'editor', project.language);
    if (read.ok) documents.push(read.value);
    else if (read.refusal.reason === 'too-large') {
      report('cite/document-too-large', {
        file,
        line: 1,
        column: 1,
        message: `The document is ${megabytes(read.refusal.size)}; CALM Cite scans documents up to ${megabytes(MAX_CITATION_DOCUMENT_LENGTH)} for citations, so its citations were not checked.`,
      });
    }
  }
  // Reading the documents may have waited for the editor: a newer edit makes this check stale.
  throwIfCancelled(token);
  const checked = checkCitationsByFile({ documents, library, ownLibraryFiles: scope.ownFiles, bundled, zotero, severities, extraCommands: settings.latex.extraCiteCommands });
  // A library that does not exist, or is not a file that can be read (a folder, a FIFO), is reported where it is named.
  const unusable = [
    ...missing.map((file) => ({
      file,
      whenNamed: `The library ${file} does not exist. Check the name in \\bibliography, \\addbibresource or bibliography:, or create the file.`,
      inSettings: `The library ${file} named in calmCite.library.paths does not exist. Fix the setting or create the file.`,
    })),
    ...unreadable.map(({ path: file, message }) => ({
      file,
      whenNamed: `${message} Check the name in \\bibliography, \\addbibresource or bibliography:.`,
      inSettings: `${message} Fix calmCite.library.paths (or --library).`,
    })),
  ];
  for (const { file, whenNamed, inSettings } of unusable) {
    const named = project.bibliographies.find((bibliography) => bibliography.path === file);
    report('bib/missing-file', {
      file: named?.from.path ?? path,
      line: named?.from.line ?? 1,
      column: named?.from.column ?? 1,
      message: named ? whenNamed : inSettings,
    });
  }
  for (const problem of project.problems) report('doc/project-file', { file: problem.path, line: problem.line, column: problem.column, message: problem.message });
  const libraryPaths = scope.zotero ? [...scope.paths, scope.zotero.database] : scope.paths;
  const byFile = new Map(checked);
  for (const [file, list] of groupByFile(findings)) byFile.set(file, [...(checked.get(file) ?? []), ...list]);
  let flat: readonly CitationFinding[] | undefined;
  return {
    byFile,
    get findings() {
      return (flat ??= [...byFile.values()].flat());
    },
    root: project.root,
    files: project.files,
    libraryPaths,
    ownLibraryFiles: scope.ownFiles,
  };
}
