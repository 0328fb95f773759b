import * as vscode from 'vscode';
import { checkCitations, type CitationFinding } from '../core/citationChecks/checkCitations';
import { findingSpan } from '../core/citationChecks/findingSpan';
import { severitiesFromSetting } from '../core/citationChecks/rules';
import type { Severity } from '../core/checks/finding';
import { libraryFormatOf } from '../core/library/formats';
import { checkProject, type ProjectCheck } from '../core/project/checkProject';
import { findingsByFile, type CheckedScope } from '../core/project/findingsByFile';
import { citationLanguageOf } from './languages';
import type { WorkspaceLibraries } from './libraries';
import { readSettings } from './settings';
import { discoveryOptionsFor } from './texFiles';

/** Waits this long after the last keystroke, so a check never competes with typing. */
const DEBOUNCE_MS = 300;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** What a quick fix needs beside the diagnostic: the finding with its fix data, and where copied entries go. */
export interface DiagnosticFinding {
  finding: CitationFinding;
  ownLibraryFiles: readonly string[];
}

const findingByDiagnostic = new WeakMap<vscode.Diagnostic, DiagnosticFinding>();

/** The finding behind one of CALM Cite's diagnostics, so quick fixes never re-parse messages. */
export function findingOf(diagnostic: vscode.Diagnostic): DiagnosticFinding | undefined {
  return findingByDiagnostic.get(diagnostic);
}

/** One check's result: a document's project (keyed by its root) or a library file open on its own. */
interface Scope extends CheckedScope {
  /** The files whose open documents keep this scope alive. */
  files: readonly string[];
  libraryPaths: readonly string[];
}

/**
 * Live citation diagnostics (issue #5). A pause in typing re-checks the edited document's project
 * only; a change to a library re-checks the projects that use it. Findings land on the file they
 * are in: an \input chapter, a .bib, or the document.
 */
export function registerDiagnostics(libraries: WorkspaceLibraries, log: vscode.LogOutputChannel): vscode.Disposable {
  return new CitationDiagnostics(libraries, log);
}

class CitationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('calm-cite');
  private readonly scopes = new Map<string, Scope>();
  private readonly scopeOfFinding = new WeakMap<CitationFinding, Scope>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The latest check started per document: a slower, older check must not overwrite a newer one. */
  private readonly latestRun = new Map<string, number>();
  private runs = 0;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly libraries: WorkspaceLibraries,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument(() => this.forgetClosedScopes()),
      libraries.onDidChange((libraryPath) => this.libraryChanged(libraryPath)),
    ];
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.uri.scheme !== 'file' || (!citationLanguageOf(document) && !libraryFormatOf(document.uri.fsPath))) return;
    const id = document.uri.toString();
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        this.check(document).catch((error: unknown) => this.log.error(`Checking ${document.uri.fsPath} failed: ${String(error)}`));
      }, delay),
    );
  }

  /** Re-checks, through one of their open documents, the scopes that use a changed library (all when unknown). */
  private libraryChanged(libraryPath: string | undefined): void {
    const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.fsPath, document]));
    for (const scope of this.scopes.values()) {
      if (libraryPath !== undefined && !scope.libraryPaths.includes(libraryPath)) continue;
      const document = scope.files.map((file) => open.get(file)).find((candidate) => candidate !== undefined);
      if (document) this.schedule(document, DEBOUNCE_MS);
    }
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const id = document.uri.toString();
    const run = ++this.runs;
    this.latestRun.set(id, run);
    const settings = readSettings(document.uri, this.log);
    const severities = severitiesFromSetting(settings.diagnostics.severity);
    const language = citationLanguageOf(document);
    const path = document.uri.fsPath;
    let key: string;
    let scope: Scope | undefined;
    if (language) {
      const project: ProjectCheck = await checkProject({
        document: { path, text: document.getText(), language },
        fs: this.libraries.fileSource(),
        catalog: this.libraries.catalog,
        discovery: discoveryOptionsFor(document.uri),
        extraLibraryPaths: await this.libraries.settingsLibraryPaths(document),
        severities,
        extraCommands: settings.latex.extraCiteCommands,
      });
      key = project.root;
      scope = project;
    } else {
      // A library file on its own: its parse errors and duplicates, whichever document uses it.
      const { library } = await this.libraries.catalog.resolve({ paths: [path], includeBundled: false });
      key = `library:${path}`;
      scope = { findings: checkCitations({ documents: [], library, severities }), ownLibraryFiles: [], files: [path], libraryPaths: [path] };
    }
    if (this.latestRun.get(id) !== run) return;
    this.setScope(key, settings.diagnostics.enabled ? scope : undefined);
  }

  private setScope(key: string, scope: Scope | undefined): void {
    const touched = new Set(this.scopes.get(key)?.findings.map((finding) => finding.file));
    if (scope) {
      this.scopes.set(key, scope);
      for (const finding of scope.findings) {
        this.scopeOfFinding.set(finding, scope);
        touched.add(finding.file);
      }
    } else this.scopes.delete(key);
    this.publish(touched);
  }

  /** A scope stays while one of its files is open; closing the last one clears its diagnostics. */
  private forgetClosedScopes(): void {
    const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.fsPath));
    for (const [key, scope] of [...this.scopes]) {
      if (!scope.files.some((file) => open.has(file))) this.setScope(key, undefined);
    }
  }

  private publish(files: ReadonlySet<string>): void {
    const byFile = findingsByFile([...this.scopes.values()], files);
    for (const file of files) {
      const diagnostics = (byFile.get(file) ?? []).map((finding) => this.toDiagnostic(finding));
      this.collection.set(vscode.Uri.file(file), diagnostics);
    }
  }

  private toDiagnostic(finding: CitationFinding): vscode.Diagnostic {
    const line = Math.max((finding.line ?? 1) - 1, 0);
    const span = findingSpan(finding);
    const range = new vscode.Range(line, span.start - 1, line, span.end - 1);
    const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
    diagnostic.source = 'CALM Cite';
    diagnostic.code = finding.rule;
    if (finding.rule === 'cite/unused-entry') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
    findingByDiagnostic.set(diagnostic, { finding, ownLibraryFiles: this.scopeOfFinding.get(finding)?.ownLibraryFiles ?? [] });
    return diagnostic;
  }
}
