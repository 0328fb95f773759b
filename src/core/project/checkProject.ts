import { checkCitations, type CitationFinding } from '../citationChecks/checkCitations';
import { severityOf, type CitationSeverities } from '../citationChecks/rules';
import type { FileSystem } from '../discovery/fileSystem';
import type { LibraryCatalog } from '../library/catalog';
import { documentLibraryPaths, type DiscoveryOptions, type DocumentInput } from './documentLibraries';

export interface ProjectCheckInput {
  /** The document as the user sees it: the editor passes its unsaved text. */
  document: DocumentInput;
  /** Reads the project's other files and its libraries (the editor's prefers open, unsaved buffers). */
  fs: FileSystem;
  catalog: LibraryCatalog;
  discovery?: DiscoveryOptions;
  /** Library files the document does not name (settings, `--library`). */
  extraLibraryPaths?: readonly string[];
  severities?: CitationSeverities;
  extraCommands?: readonly string[];
}

export interface ProjectCheck {
  findings: CitationFinding[];
  /** The LaTeX root when the document is a chapter of a bigger project, else the document. */
  root: string;
  /** Every file of the project that was checked, root first. */
  files: string[];
  /** Every library file in scope, so a change to one of them re-checks exactly the projects that use it. */
  libraryPaths: string[];
  /** The library files the document names itself: unused entries are reported there, copied entries go there. */
  ownLibraryFiles: string[];
}

/**
 * The citation checks of one document's project: a LaTeX root with every file it \input's, or one
 * Markdown file, against the libraries it names. The bundled CALM library is not in scope, since
 * BibTeX and Pandoc will not see it; a key found only there is reported as undefined, with the entry
 * offered for copying. Shared by `calm-cite check` and the editor's live diagnostics.
 */
export async function checkProject(input: ProjectCheckInput): Promise<ProjectCheck> {
  const { document } = input;
  const discovered = await documentLibraryPaths(document, input.fs, input.discovery);
  const libraryPaths = [...new Set([...discovered.paths, ...(input.extraLibraryPaths ?? [])])];
  const { library, missing } = await input.catalog.resolve({ paths: libraryPaths, includeBundled: false });
  const { library: bundled } = await input.catalog.resolve({ paths: [], includeBundled: true });

  const documents = [];
  for (const file of discovered.files) {
    const text = file === document.path ? document.text : await input.fs.readFile(file);
    if (text !== undefined) documents.push({ path: file, text, language: document.language });
  }
  const findings = checkCitations({
    documents,
    library,
    ownLibraryFiles: discovered.paths,
    otherLibrary: bundled,
    severities: input.severities,
    extraCommands: input.extraCommands,
  });
  const missingSeverity = severityOf('bib/missing-file', input.severities);
  if (missingSeverity !== 'off') {
    for (const file of missing) {
      findings.push({
        rule: 'bib/missing-file',
        severity: missingSeverity,
        file: document.path,
        message: `The library ${file} cannot be read. Check the name in \\bibliography, \\addbibresource or bibliography:, or create the file.`,
      });
    }
  }
  return {
    findings,
    root: discovered.root ?? document.path,
    files: discovered.files,
    libraryPaths,
    ownLibraryFiles: discovered.paths,
  };
}
