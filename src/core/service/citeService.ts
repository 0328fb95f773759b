import type { CitationFinding } from '../citationChecks/checkCitations';
import type { CitationSeverities } from '../citationChecks/rules';
import { citationIn } from '../citations';
import type { ReadPdf } from '../checks/checkSubmission';
import { citationLanguageOf, type CitingDocument } from '../documents';
import { completeCitation } from '../features/completion';
import { citationDefinition } from '../features/definition';
import { citationHover } from '../features/hover';
import { citationInsertion } from '../features/insertCitation';
import { libraryTree, type LibraryTreeGroup } from '../features/libraryTree';
import { keyOccurrences } from '../features/references';
import { authorYear, referenceMarkdown } from '../features/referenceMarkdown';
import { keyRenameRefusal, renameKeyEdits } from '../features/rename';
import { LibraryCatalog, parseOnThisThread, type LibraryFileSource, type LibraryParser } from '../library/catalog';
import { libraryFormatOf, type LibraryFileResult } from '../library/formats';
import { preferredDefinition, type Library } from '../library/library';
import type { Reference } from '../library/reference';
import { readNamedZoteroLibrary, zoteroReadSummary, type ZoteroDatabaseReader, type ZoteroLibraryResult } from '../library/zotero';
import { workspaceZoteroFiles } from '../library/zotero/workspaceFiles';
import type { BundledLibrary } from '../library/bundled';
import { calmAcceptedFacts, calmAcceptedPaper, type CalmAcceptedFacts } from '../library/calmAccepted';
import { MAX_LIBRARY_FILE_BYTES } from '../limits';
import { LineIndex } from '../text/lineIndex';
import { throwIfCancelled, type CancellationToken, type Disposable, type Workspace } from '../workspace';
import { decodeText, readBytes, readText, refusalMessage, type FileRead } from '../workspace/files';
import { CitationStyles } from './citationStyles';
import { codeActionsFor, type CodeAction } from './codeActions';
import { entryAdditionEdit, type EditsWithNotice } from './entryAdditions';
import { needsBibliographyEntry } from '../features/bibliographyEntry';
import { DocumentStore } from './documentStore';
import { documentsCitingSite, keySiteAt, type KeySiteDeps } from './keySites';
import { LibraryScopes } from './libraryScope';
import { LiveDiagnostics, type DiagnosticsUpdate } from './liveDiagnostics';
import { PendingRequests } from './pendingRequests';
import { checkProjectCitations, type ProjectCheck } from './projectCheck';
import { ProjectGraph, type Project } from './projectGraph';
import { checkDocumentSubmission, submissionTarget, type DocumentReport, type SubmissionRequest, type SubmissionTarget } from './submission';
import { NothingToRename, RequestRefused, SILENT_LOG, type FileEdit, type Location, type Position, type Range, type ServiceLog } from './types';

export interface CiteServiceOptions {
  /** The libraries shipped with CALM Cite (read-only), offered unless `calmCite.library.includeBundled` is off. */
  bundled: BundledLibrary;
  /** Parses library files; the editor's passes big files to a worker thread. */
  parser?: LibraryParser;
  /** Reads a Zotero database's items from its bytes; the editor's does it on a worker thread. */
  readZoteroDatabase?: ZoteroDatabaseReader;
  /** Reads a PDF for the submission rules; the editor's runs pdf.js on a worker thread. */
  readPdf?: ReadPdf;
  log?: ServiceLog;
  /** Called after each library file or Zotero database (`zotero`) is (re-)read, so views of the libraries can refresh. */
  onLibraryRead?: (path: string, format: LibraryFileResult['format']) => void;
  /**
   * Check the open documents' citations as they change (editors); the CLI checks on request only.
   * `hintsOnlyForOpenFiles`: the editor shows hints only in an open editor (VS Code), so a closed file's are not sent.
   */
  liveDiagnostics?: { delayMs: number; hintsOnlyForOpenFiles?: boolean };
}

export interface CompletionItem {
  key: string;
  /** Authors and year, shown beside the key. */
  detail: string;
  title?: string;
  /** Orders the list by the search rank: the editor's own filter cannot see titles or authors. */
  sortText: string;
  library: Reference['library'];
  /** Citing it also adds its entry to the document's bibliography (a key only Zotero or the bundled library defines). */
  addsEntry: boolean;
}

export interface Completion {
  /** The whole partial key, replaced by the chosen key. */
  range: Range;
  /** What the user typed before the cursor; the editor must ask again as it grows (the list is incomplete). */
  query: string;
  items: CompletionItem[];
}

export interface Hover {
  range: Range;
  key: string;
  known: boolean;
  markdown: string;
}

export interface PreviewOptions {
  /** Show the whole abstract instead of its first few hundred characters. */
  fullAbstract?: boolean;
  /** Where a shortened abstract's "whole abstract" link leads, per key (an editor command); no link without it. */
  fullAbstractLink?: (key: string) => string;
  /** The link that opens a `zotero://select/...` URI (an editor command); the URI itself without it. */
  zoteroLink?: (uri: string) => string;
}

export interface SearchResult {
  key: string;
  detail: string;
  title?: string;
  library: Reference['library'];
  /** Where the entry is written; none for a Zotero item. */
  location?: Location;
}

export interface CiteService extends Disposable {
  /** The library a document sees: its own bibliographies, those its settings add, Zotero when on, and the bundled CALM library. */
  library(path: string, token?: CancellationToken): Promise<Library>;
  /** A document's project: its LaTeX root and files, or the Markdown file, and the bibliographies they name. */
  project(path: string, token?: CancellationToken): Promise<Project>;
  completion(path: string, position: Position, token?: CancellationToken): Promise<Completion | undefined>;
  /** The formatted reference of a key the document sees, for a completion item's documentation or a full view. */
  describe(path: string, key: string, options?: PreviewOptions, token?: CancellationToken): Promise<string | undefined>;
  hover(path: string, position: Position, options?: PreviewOptions, token?: CancellationToken): Promise<Hover | undefined>;
  definition(path: string, position: Position, token?: CancellationToken): Promise<Location[]>;
  references(path: string, position: Position, includeDeclaration: boolean, token?: CancellationToken): Promise<Location[]>;
  /** The key to rename at a position and its range; throws `NothingToRename` off a key, `RequestRefused` with the reason when it cannot be renamed. */
  prepareRename(path: string, position: Position, token?: CancellationToken): Promise<{ range: Range; placeholder: string }>;
  /** The edits that rename a key in its entries and every citation; throws `RequestRefused` with the reason. */
  rename(path: string, position: Position, newKey: string, token?: CancellationToken): Promise<FileEdit[]>;
  /** The citation checks of a document's project, now. */
  checkProject(path: string, token?: CancellationToken, severities?: CitationSeverities): Promise<ProjectCheck>;
  /** The findings shown on a file by the live checks. */
  diagnostics(path: string): readonly CitationFinding[];
  /** Live findings as they change; only with `liveDiagnostics`. */
  onDidUpdateDiagnostics(listener: (update: DiagnosticsUpdate) => void): Disposable;
  /** Quick fixes for the live findings on `range` of a file. */
  codeActions(path: string, range: Range, token?: CancellationToken): Promise<CodeAction[]>;
  libraryTree(path: string, token?: CancellationToken): Promise<LibraryTreeGroup[]>;
  /** Ranked search of a document's library, for pickers. */
  search(path: string, query: string, limit: number, token?: CancellationToken): Promise<SearchResult[]>;
  /**
   * Ranked search of every library the open documents (or the folders' settings) see, for workspace
   * symbols: entries written in a file only, since a symbol is a place to go to (a Zotero item is not).
   */
  searchWorkspace(query: string, limit: number, token?: CancellationToken): Promise<Array<SearchResult & { location: Location }>>;
  /** The edits that cite `key` at a position (into the citation there, or a new one), with its entry when the bibliography lacks it. */
  insertCitation(path: string, position: Position, key: string, token?: CancellationToken): Promise<EditsWithNotice>;
  /** The edits that put `key` over `range` (an accepted completion) and add its entry when the bibliography lacks it. */
  citeWithEntry(path: string, range: Range, key: string, token?: CancellationToken): Promise<EditsWithNotice>;
  /** The edit that adds `key`'s entry to the document's bibliography when only Zotero or the bundled library defines it (none otherwise). */
  addEntry(path: string, key: string, token?: CancellationToken): Promise<EditsWithNotice>;
  submissionTarget(path: string, token?: CancellationToken): Promise<SubmissionTarget>;
  /** Citations, sources and PDF of a paper against a rules pack. */
  checkSubmission(request: SubmissionRequest, token?: CancellationToken): Promise<DocumentReport>;
  /** Forget every file read, for "Re-read Reference Libraries". */
  reload(): void;
}

/**
 * The one citation service that the VS Code extension, the language server and the CLI talk to. It owns
 * the library catalog, the project graph and the reading policy, and reaches files, settings and open
 * documents only through `workspace`.
 */
export function createCiteService(workspace: Workspace, options: CiteServiceOptions): CiteService {
  const log = options.log ?? SILENT_LOG;
  const store = new DocumentStore(workspace);
  const graph = new ProjectGraph(workspace, store, 'editor');
  const savedGraph = new ProjectGraph(workspace, store, 'saved');
  const zoteroFiles = workspaceZoteroFiles(workspace, MAX_LIBRARY_FILE_BYTES);
  const catalog = new LibraryCatalog(
    libraryFileSource(workspace),
    options.parser ?? parseOnThisThread,
    (path, result) => {
      logRead(log, path, result);
      options.onLibraryRead?.(path, result.format);
    },
    (database) => readNamedZoteroLibrary(database, zoteroFiles, {}, options.readZoteroDatabase),
  );
  const scopes = new LibraryScopes(workspace, store, graph, catalog, options.bundled.files);
  const styles = new CitationStyles(workspace, log);
  const keySiteDeps: KeySiteDeps = { workspace, store, scopes, bundledLibraries: options.bundled.files };
  const checkProject = (path: string, token?: CancellationToken, severities?: CitationSeverities) => checkProjectCitations(path, store, scopes, token, severities);
  const pending = new PendingRequests();
  const live = options.liveDiagnostics
    ? new LiveDiagnostics({
        workspace,
        scopes,
        checkProject: (path, token) => checkProject(path, token),
        prepareCompletion: async (path, token) => void (await libraryOf(path, token)).prepareSearch(),
        requestsSettled: () => pending.settled(),
        log,
        ...options.liveDiagnostics,
      })
    : undefined;
  const submissionDeps = { workspace, store, savedGraph, checkProject: (path: string, severities: CitationSeverities) => checkProject(path, undefined, severities), readPdf: options.readPdf };

  const subscription = workspace.onDidChange((change) => {
    if (change.kind === 'settings') return;
    store.forget(change.paths);
    for (const path of change.paths) catalog.invalidate(path);
    if (change.kind === 'files') {
      graph.filesChanged(change.paths);
      savedGraph.filesChanged(change.paths);
    }
  });

  const document = async (path: string): Promise<CitingDocument | undefined> => {
    const read = await store.document(path);
    return read.ok ? read.value : undefined;
  };
  const libraryOf = async (path: string, token?: CancellationToken) => (await scopes.libraryOf(await scopes.scopeOf(path, token))).library;
  const rangeIn = (doc: CitingDocument, start: number, end: number): Range => ({ start: doc.position(start), end: doc.position(end) });
  const styleOf = async (path: string) => styles.styleFor((await workspace.settings(path)).citationStyle, store.projectFolder(path));
  const searchResult = (reference: Reference): SearchResult => ({
    key: reference.key,
    detail: authorYear(reference),
    title: reference.title,
    library: reference.library,
    // A Zotero item is written nowhere an editor can open: the database is binary.
    ...(reference.zotero ? {} : { location: { path: reference.source.path, range: { start: reference.source, end: reference.source } } }),
  });
  const textOf = (path: string): Promise<FileRead<string>> => store.text(path);
  const languageOfPath = (path: string) => citationLanguageOf(path, workspace.openDocument(path)?.languageId) ?? 'latex';
  // The accepted papers' sessions and OpenReview ids: read once, from the shipped files.
  let accepted: Promise<CalmAcceptedFacts> | undefined;
  const acceptedFacts = () =>
    (accepted ??= (async () => {
      const json = await readText(workspace, options.bundled.acceptedSessions, MAX_LIBRARY_FILE_BYTES);
      return calmAcceptedFacts(json.ok ? json.value : undefined, await scopes.bundledLibrary());
    })());
  const acceptedLookup = async () => {
    const facts = await acceptedFacts();
    return (reference: Reference) => calmAcceptedPaper(reference, facts);
  };

  return {
    library: libraryOf,
    project: (path, token) => graph.projectOf(path, token),

    async completion(path, position, token) {
      return pending.run(async () => {
        const doc = await document(path);
        if (!doc) return undefined;
        const settings = await workspace.settings(path);
        let library: Library | undefined;
        const completion = await completeCitation(doc, doc.lines.offset(position), async () => (library = await libraryOf(path, token)), { extraCommands: settings.latex.extraCiteCommands });
        throwIfCancelled(token);
        if (!completion || !library) return undefined;
        const seen: Library = library;
        const addsEntry = (key: string) => settings.library.addEntryOnInsert && needsBibliographyEntry(seen, key);
        return {
          range: rangeIn(doc, completion.replaceStart, completion.replaceEnd),
          query: completion.query,
          items: completion.entries.map((entry) => ({
            key: entry.reference.key,
            detail: entry.detail,
            title: entry.reference.title,
            sortText: entry.sortText,
            library: entry.reference.library,
            addsEntry: addsEntry(entry.reference.key),
          })),
        };
      });
    },

    async describe(path, key, preview = {}, token) {
      return pending.run(async () => {
        const reference = preferredDefinition((await libraryOf(path, token)).lookupAll(key));
        if (!reference) return undefined;
        return referenceMarkdown(reference, {
          style: await styleOf(path),
          fullAbstract: preview.fullAbstract,
          fullAbstractLink: preview.fullAbstractLink?.(key),
          zoteroLink: preview.zoteroLink,
          calmAccepted: await acceptedLookup(),
        });
      });
    },

    async hover(path, position, preview = {}, token) {
      return pending.run(async () => {
        const doc = await document(path);
        if (!doc) return undefined;
        const { extraCiteCommands } = (await workspace.settings(path)).latex;
        // The pointer rests on plain text far more often than on a key: answer that before reading libraries.
        const citation = citationIn(doc, doc.lines.offset(position), { extraCommands: extraCiteCommands });
        if (!citation) return undefined;
        const library = await libraryOf(path, token);
        throwIfCancelled(token);
        const hover = citationHover(citation, library, {
          style: await styleOf(path),
          fullAbstractLink: preview.fullAbstractLink?.(citation.key),
          zoteroLink: preview.zoteroLink,
          calmAccepted: await acceptedLookup(),
        });
        return { range: rangeIn(doc, hover.start, hover.end), key: hover.key, known: hover.known, markdown: hover.markdown };
      });
    },

    async definition(path, position, token) {
      const doc = await document(path);
      if (!doc) return [];
      const { extraCiteCommands } = (await workspace.settings(path)).latex;
      const citation = citationIn(doc, doc.lines.offset(position), { extraCommands: extraCiteCommands });
      if (!citation) return [];
      const definition = citationDefinition(citation, await libraryOf(path, token));
      return definition.targets.map((target) => ({ path: target.path, range: { start: target, end: target } }));
    },

    async references(path, position, includeDeclaration, token) {
      const site = await keySiteAtPosition(path, position, token);
      if (!site) return [];
      const documents = await documentsCitingSite(keySiteDeps, site, token);
      const occurrences = keyOccurrences(site.target.key, { documents, libraryFiles: site.libraryFiles }, { extraCommands: site.extraCommands });
      const ranges = new FileRanges([...site.libraryFiles, ...documents]);
      return occurrences
        .filter((occurrence) => includeDeclaration || occurrence.kind === 'citation')
        .map((occurrence) => ({ path: occurrence.path, range: ranges.range(occurrence.path, occurrence.start, occurrence.end) }));
    },

    async prepareRename(path, position, token) {
      const site = await keySiteAtPosition(path, position, token);
      if (!site) throw new NothingToRename();
      const refusal = keyRenameRefusal(site.target.key, site.libraryFiles);
      if (refusal) throw new RequestRefused(refusal);
      const here = (await document(path)) ?? site.libraryFiles.find((file) => file.path === path)!;
      return { range: new FileRanges([here]).range(path, site.target.start, site.target.end), placeholder: site.target.key };
    },

    async rename(path, position, newKey, token) {
      const site = await keySiteAtPosition(path, position, token);
      if (!site) throw new NothingToRename();
      const documents = await documentsCitingSite(keySiteDeps, site, token);
      let edits;
      try {
        edits = renameKeyEdits(
          { oldKey: site.target.key, newKey: newKey.trim(), documents, libraryFiles: site.libraryFiles, keyExists: site.keyExists },
          { extraCommands: site.extraCommands },
        );
      } catch (error) {
        throw new RequestRefused((error as Error).message);
      }
      const ranges = new FileRanges([...site.libraryFiles, ...documents]);
      log.info(`Renaming ${site.target.key} to ${newKey.trim()}: ${edits.length} places in ${new Set(edits.map((edit) => edit.path)).size} files.`);
      return edits.map((edit) => ({ path: edit.path, range: ranges.range(edit.path, edit.start, edit.end), newText: edit.newText }));
    },

    checkProject,

    diagnostics: (path) => live?.findingsOn(path) ?? [],

    onDidUpdateDiagnostics(listener) {
      return live ? live.onDidUpdate(listener) : { dispose: () => undefined };
    },

    async codeActions(path, range, token) {
      if (!live) return [];
      const actions: CodeAction[] = [];
      for (const finding of live.findingsOn(path)) {
        throwIfCancelled(token);
        if (!overlaps(finding, range)) continue;
        actions.push(...(await codeActionsFor({ text: textOf, language: languageOfPath }, finding, live.ownLibraryFilesOf(finding))));
      }
      return actions;
    },

    async libraryTree(path, token) {
      return libraryTree(await libraryOf(path, token), await acceptedFacts());
    },

    async search(path, query, limit, token) {
      const library = await libraryOf(path, token);
      return library.search(query, { limit }).map((hit) => searchResult(hit.reference));
    },

    async searchWorkspace(query, limit, token) {
      const papers = workspace
        .openDocuments()
        .filter((open) => citationLanguageOf(open.path, open.languageId))
        .map((open) => open.path);
      // Without an open paper, the libraries each folder's settings name (and the bundled one).
      const libraries = papers.length > 0 ? papers.map((path) => () => libraryOf(path, token)) : workspace.folders().map((folder) => () => scopes.folderLibrary(folder));
      const seen = new Set<string>();
      const results: Array<SearchResult & { location: Location }> = [];
      for (const library of libraries) {
        throwIfCancelled(token);
        for (const hit of (await library()).search(query, { limit })) {
          const id = `${hit.reference.source.path}\u0000${hit.reference.key}`;
          const result = searchResult(hit.reference);
          if (seen.has(id) || !result.location) continue;
          seen.add(id);
          results.push({ ...result, location: result.location });
        }
      }
      return results.slice(0, limit);
    },

    async insertCitation(path, position, key, token) {
      const doc = await document(path);
      if (!doc) return { edits: [] };
      const settings = await workspace.settings(path);
      const insertion = citationInsertion(doc, doc.lines.offset(position), key, { extraCommands: settings.latex.extraCiteCommands, latexCommand: settings.latex.insertCommand });
      const entry = await entryEdits(doc, key, token);
      return { ...entry, edits: [{ path, range: rangeIn(doc, insertion.start, insertion.end), newText: insertion.text }, ...entry.edits] };
    },

    async citeWithEntry(path, range, key, token) {
      const doc = await document(path);
      if (!doc) return { edits: [] };
      const entry = await entryEdits(doc, key, token);
      return { ...entry, edits: [{ path, range, newText: key }, ...entry.edits] };
    },

    async addEntry(path, key, token) {
      const doc = await document(path);
      return doc ? entryEdits(doc, key, token) : { edits: [] };
    },

    submissionTarget: (path, token) => submissionTarget(submissionDeps, path, token),
    checkSubmission: (request, token) => checkDocumentSubmission(submissionDeps, request, token),

    reload() {
      store.forgetAll();
      catalog.invalidateAll();
      graph.clear();
      savedGraph.clear();
    },

    dispose() {
      subscription.dispose();
      live?.dispose();
    },
  };

  /** The key's entry added to the document's bibliography, when only Zotero or the bundled library has it and the settings allow it. */
  async function entryEdits(doc: CitingDocument, key: string, token: CancellationToken | undefined): Promise<EditsWithNotice> {
    const scope = await scopes.scopeOf(doc.path, token);
    const { library } = await scopes.libraryOf(scope);
    if (!scope.settings.library.addEntryOnInsert || !needsBibliographyEntry(library, key)) return { edits: [] };
    const addition = await entryAdditionEdit(textOf, scope.ownFiles, doc.language, preferredDefinition(library.lookupAll(key))!);
    return { edits: addition.edits, ...(addition.notice ? { notice: addition.notice } : {}) };
  }

  async function keySiteAtPosition(path: string, position: Position, token: CancellationToken | undefined) {
    const text = await store.text(path);
    if (!text.ok) return undefined;
    return keySiteAt(keySiteDeps, path, new LineIndex(text.value).offset(position), token);
  }
}

/** Line indexes of the files an answer touches, each built once. */
class FileRanges {
  private readonly indexes = new Map<string, LineIndex>();
  private readonly texts: Map<string, string>;

  constructor(files: readonly { path: string; text: string }[]) {
    this.texts = new Map(files.map((file) => [file.path, file.text]));
  }

  range(path: string, start: number, end: number): Range {
    let index = this.indexes.get(path);
    if (!index) {
      index = new LineIndex(this.texts.get(path) ?? '');
      this.indexes.set(path, index);
    }
    return { start: index.position(start), end: index.position(end) };
  }
}

function overlaps(finding: CitationFinding, range: Range): boolean {
  const line = finding.line ?? 1;
  return line >= range.start.line && line <= range.end.line;
}

/**
 * Library files as the editor shows them: an open document's unsaved text; a BibTeX file on disk open, for
 * the catalog to read a block at a time; else the file's bytes. A UTF-8 BOM is dropped, as editors drop it,
 * so positions on the first line match; a UTF-16 file (by its BOM) is decoded to text.
 */
function libraryFileSource(workspace: Workspace): LibraryFileSource {
  return async (path) => {
    const open = workspace.openDocument(path);
    if (open) return { ok: true, value: open.text };
    if (libraryFormatOf(path) === 'bibtex') {
      const opened = await workspace.open(path, { maxBytes: MAX_LIBRARY_FILE_BYTES });
      return opened.ok ? { ok: true, value: { handle: opened.handle } } : { ok: false, refusal: opened, message: refusalMessage(path, opened) };
    }
    const read = await readBytes(workspace, path, MAX_LIBRARY_FILE_BYTES);
    if (!read.ok) return read;
    const bytes = read.value;
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: true, value: decodeText(bytes) };
    return { ok: true, value: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes };
  };
}

/** One line per file actually (re-)read: the catalog reports only those, so nothing is logged twice. */
function logRead(log: ServiceLog, path: string, result: LibraryFileResult | ZoteroLibraryResult): void {
  if ('keySources' in result) {
    const [first] = result.errors;
    const more = result.errors.length > 1 ? ` (${result.errors.length} errors; the first:)` : '';
    // Nothing read: the database is missing, too large, or could not be had consistently.
    if (!result.snapshot) {
      log.warn(`Zotero library ${path} not read: ${first?.message ?? 'no consistent copy of it could be read.'}`);
      return;
    }
    // Which snapshot was read (the database, or Zotero's backup while it writes) and how old it is.
    const line = `Read ${zoteroReadSummary(path, result, Date.now())}.`;
    if (!first) log.info(line);
    else log.warn(`${line}${more} ${first.message}`);
    return;
  }
  const errors = result.errors.length;
  const line = `Read ${path} (${result.format}): ${result.references.length} entries, ${errors} ${errors === 1 ? 'entry error' : 'entry errors'}.`;
  if (errors === 0) log.info(line);
  else log.warn(`${line} First at line ${result.errors[0]!.line}: ${result.errors[0]!.message}`);
}
