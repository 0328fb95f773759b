import type { CitationFinding } from '../citationChecks/checkCitations';
import { checkCitationsByFile } from '../citationChecks/checkCitations';
import { severitiesFromSetting } from '../citationChecks/rules';
import { citationLanguageOf } from '../documents';
import { libraryFormatOf } from '../library/formats';
import { RequestCancelled, type CancellationToken, type Disposable, type Workspace, type WorkspaceChange } from '../workspace';
import { findingsByFile, type CheckedScope } from './findingsByFile';
import type { LibraryScopes } from './libraryScope';
import type { ProjectCheck } from './projectCheck';
import type { ServiceLog } from './types';

/** One check's result: a document's project (keyed by its root) or a library file open on its own. */
interface Scope extends CheckedScope {
  /** The files whose open documents keep this scope alive. */
  files: readonly string[];
  libraryPaths: readonly string[];
}

/** Findings per file to show now; a file mapped to no findings is to be cleared. */
export type DiagnosticsUpdate = ReadonlyMap<string, readonly CitationFinding[]>;

export interface LiveDiagnosticsDeps {
  workspace: Workspace;
  scopes: LibraryScopes;
  checkProject: (path: string, token: CancellationToken) => Promise<ProjectCheck>;
  /** Readies a document's completion (its library's search index), so the first list never waits behind a first check. */
  prepareCompletion?: (path: string, token: CancellationToken) => Promise<void>;
  /** Resolves once no completion or hover request is in flight: a check waits for them. */
  requestsSettled?: () => Promise<void>;
  log: ServiceLog;
  /** Waits this long after the last change before checking, so a check never competes with typing. */
  delayMs: number;
  /** Hints only for open files: the editor shows them nowhere else (VS Code), and a big .bib has one per entry. */
  hintsOnlyForOpenFiles?: boolean;
}

/**
 * Live citation diagnostics for the documents open in an editor. A pause in typing re-checks the edited
 * document's project only; a change to a library re-checks the projects that use it. Findings land on
 * the file they are in (an included chapter, a .bib, the document), merged over every project that sees
 * the file, and reach the editor through `onDidUpdate`: only the files whose findings a check changed
 * (and, for an editor that shows hints only in an open editor, hints only for open files). Typing a key
 * in a paper that uses a 90,000-entry .bib therefore sends the paper's few findings, not the .bib's hints.
 */
export class LiveDiagnostics implements Disposable {
  private readonly scopes = new Map<string, Scope>();
  private readonly ownLibraryFilesOfFinding = new WeakMap<CitationFinding, readonly string[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The latest check started per document: a slower, older check must not overwrite a newer one, and is cancelled. */
  private readonly latestRun = new Map<string, { run: number; token: { isCancellationRequested: boolean } }>();
  /** The files last published open, hints included (with `hintsOnlyForOpenFiles`). */
  private readonly publishedOpen = new Set<string>();
  private readonly listeners = new Set<(update: DiagnosticsUpdate) => void>();
  private readonly subscription: Disposable;
  private runs = 0;

  constructor(private readonly deps: LiveDiagnosticsDeps) {
    this.subscription = deps.workspace.onDidChange((change) => this.changed(change));
    for (const document of deps.workspace.openDocuments()) this.schedule(document.path, 0);
  }

  onDidUpdate(listener: (update: DiagnosticsUpdate) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The findings shown on a file now. */
  findingsOn(path: string): readonly CitationFinding[] {
    return findingsByFile([...this.scopes.values()], [path]).get(path) ?? [];
  }

  /** The library files that the document of a finding names itself, where a copied entry goes. */
  ownLibraryFilesOf(finding: CitationFinding): readonly string[] {
    return this.ownLibraryFilesOfFinding.get(finding) ?? [];
  }

  /** Checks a document now, skipping the wait; resolves when its findings are published. */
  async checkNow(path: string): Promise<void> {
    clearTimeout(this.timers.get(path));
    this.timers.delete(path);
    await this.check(path);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.subscription.dispose();
  }

  private changed(change: WorkspaceChange): void {
    if (change.kind === 'settings') {
      for (const document of this.deps.workspace.openDocuments()) this.schedule(document.path, this.deps.delayMs);
      return;
    }
    if (change.kind === 'documents') {
      for (const path of change.paths) {
        if (this.deps.workspace.openDocument(path)) this.schedule(path, this.deps.delayMs);
      }
      this.forgetClosedScopes();
      // A file opened or closed gains or loses its hints.
      if (this.deps.hintsOnlyForOpenFiles) {
        this.publish(new Set(change.paths.filter((path) => !!this.deps.workspace.openDocument(path) !== this.publishedOpen.has(path) && this.hasFindings(path))));
      }
    }
    // An edited or saved library, or a chapter changed on disk, changes the checks of every project that uses it.
    const changed = new Set(change.paths);
    for (const scope of this.scopes.values()) {
      if (scope.libraryPaths.some((path) => changed.has(path)) || scope.files.some((path) => changed.has(path))) this.recheck(scope);
    }
  }

  /** Re-checks a scope through one of its open documents. */
  private recheck(scope: Scope): void {
    const open = scope.files.find((file) => this.deps.workspace.openDocument(file));
    if (open) this.schedule(open, this.deps.delayMs);
  }

  private schedule(path: string, delay: number): void {
    if (!this.isDocument(path) && !this.isLibrary(path)) return;
    // A check still running for the document is stale now: it stops at its next cancellation point.
    const running = this.latestRun.get(path);
    if (running) running.token.isCancellationRequested = true;
    clearTimeout(this.timers.get(path));
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        this.check(path).catch((error: unknown) => this.deps.log.error(`Checking ${path} failed: ${String(error)}`));
      }, delay),
    );
  }

  private async check(path: string): Promise<void> {
    if (!this.deps.workspace.openDocument(path)) return;
    const run = ++this.runs;
    const token = { isCancellationRequested: false };
    const previous = this.latestRun.get(path);
    if (previous) previous.token.isCancellationRequested = true;
    this.latestRun.set(path, { run, token });
    // Completion and hover requests that arrived with the edit are answered before the check starts.
    await yieldToRequests();
    if (token.isCancellationRequested) return;
    const settings = await this.deps.workspace.settings(path);
    let key: string;
    let scope: Scope;
    if (this.isDocument(path)) {
      let project: ProjectCheck;
      try {
        await this.deps.prepareCompletion?.(path, token);
        await yieldToRequests();
        await this.deps.requestsSettled?.();
        project = await this.deps.checkProject(path, token);
      } catch (error) {
        if (error instanceof RequestCancelled) return;
        throw error;
      }
      key = project.root;
      scope = { byFile: project.byFile, ownLibraryFiles: project.ownLibraryFiles, files: project.files, libraryPaths: project.libraryPaths };
    } else {
      // A library file on its own: its parse errors and duplicates, whichever document uses it.
      const library = await this.deps.scopes.libraryOfFiles([path]);
      key = `library:${path}`;
      const byFile = checkCitationsByFile({ documents: [], library, severities: severitiesFromSetting(settings.diagnostics.severity) });
      scope = { byFile, ownLibraryFiles: [], files: [path], libraryPaths: [path] };
    }
    if (this.latestRun.get(path)?.run !== run) return;
    this.setScope(key, settings.diagnostics.enabled ? scope : undefined);
  }

  /**
   * A library file open on its own is checked when its name says so unambiguously (.bib, .ris) or a
   * document or setting names it: any JSON or YAML file an editor opens (its own settings.json) is not a
   * CSL library.
   */
  private isLibrary(path: string): boolean {
    const format = libraryFormatOf(path);
    return format === 'bibtex' || format === 'ris' || (format !== undefined && this.deps.scopes.isKnownLibrary(path));
  }

  private isDocument(path: string): boolean {
    return citationLanguageOf(path, this.deps.workspace.openDocument(path)?.languageId) !== undefined;
  }

  /** Replaces a check's result and publishes the files whose list is not the very array it had. */
  private setScope(key: string, scope: Scope | undefined): void {
    const before = this.scopes.get(key);
    const touched = new Set<string>();
    for (const [file, list] of scope?.byFile ?? []) {
      if (before?.byFile.get(file) === list) continue;
      touched.add(file);
      for (const finding of list) this.ownLibraryFilesOfFinding.set(finding, scope!.ownLibraryFiles);
    }
    for (const file of before?.byFile.keys() ?? []) if (!scope?.byFile.has(file)) touched.add(file);
    if (scope) this.scopes.set(key, scope);
    else this.scopes.delete(key);
    // A check that starts or stops owning a file changes how the checks that see the file are merged.
    for (const file of [...(before?.ownLibraryFiles ?? []), ...(scope?.ownLibraryFiles ?? [])]) {
      if (before?.ownLibraryFiles.includes(file) !== scope?.ownLibraryFiles.includes(file) && this.hasFindings(file)) touched.add(file);
    }
    this.publish(touched);
  }

  private hasFindings(file: string): boolean {
    return [...this.scopes.values()].some((scope) => scope.byFile.has(file));
  }

  /** A scope stays while one of its files is open; closing the last one clears its diagnostics. */
  private forgetClosedScopes(): void {
    for (const [key, scope] of [...this.scopes]) {
      if (!scope.files.some((file) => this.deps.workspace.openDocument(file))) this.setScope(key, undefined);
    }
  }

  private publish(files: ReadonlySet<string>): void {
    if (files.size === 0) return;
    const byFile = findingsByFile([...this.scopes.values()], files);
    const update = new Map<string, readonly CitationFinding[]>();
    for (const file of files) {
      const findings = byFile.get(file) ?? [];
      if (!this.deps.hintsOnlyForOpenFiles) update.set(file, findings);
      else if (this.deps.workspace.openDocument(file)) {
        this.publishedOpen.add(file);
        update.set(file, findings);
      } else {
        this.publishedOpen.delete(file);
        update.set(file, findings.filter((finding) => finding.severity !== 'hint'));
      }
    }
    for (const listener of this.listeners) listener(update);
  }
}

/**
 * Lets requests that arrived meanwhile (completion, hover) start before the work that follows: a timer,
 * then an immediate, so a whole poll phase of the event loop (where the editor's messages are read) runs
 * in between, even when the work before was one long synchronous stretch.
 */
async function yieldToRequests(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setImmediate(resolve));
}
