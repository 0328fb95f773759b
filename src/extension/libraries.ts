import * as path from 'node:path';
import * as vscode from 'vscode';
import { LibraryCatalog, type LibraryFileSource } from '../core/library/catalog';
import { LIBRARY_FILE_EXTENSIONS, type LibraryFileResult } from '../core/library/formats';
import { isBundledLibraryPath } from '../core/library/bundled';
import type { Library } from '../core/library/library';
import type { CitingDocument } from '../core/features/references';
import { documentLibraryPaths } from '../core/project/documentLibraries';
import { citationLanguageOf } from './languages';
import { readSettings } from './settings';
import { discoveryOptionsFor } from './texFiles';
import { createWorkerParser } from '../core/library/worker/workerParser';
import { readWorkspaceLibraryFile, readWorkspaceText } from './workspaceTexts';

/**
 * The reference libraries each open document sees: the bundled CALM library, the files the document
 * names (\bibliography, \addbibresource, YAML `bibliography:`, `_quarto.yml`) and the files the
 * `calmCite.library.paths` setting of its workspace folder adds. Folders never share settings, so two
 * projects never see each other's keys.
 */
export class WorkspaceLibraries implements vscode.Disposable {
  /** Shared with the diagnostics, so each library file is read once for every feature. */
  readonly catalog: LibraryCatalog;
  private readonly changeEmitter = new vscode.EventEmitter<string | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pathsByDocument = new Map<string, { cacheKey: string; paths: string[] }>();
  /** Fires with the library file that changed (undefined: any may have, e.g. settings), so views and diagnostics can refresh. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    workerScript: string,
  ) {
    const parser = createWorkerParser(workerScript, (message) => log.warn(message));
    this.disposables.push({ dispose: parser.dispose });
    this.catalog = new LibraryCatalog(this.fileSource(), async (filePath, content, options) => {
      const result = await parser.parse(filePath, content, options);
      this.logRead(filePath, result);
      return result;
    });
    const pattern = `**/*{${LIBRARY_FILE_EXTENSIONS.join(',')}}`;
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const invalidate = (uri: vscode.Uri) => this.invalidate(uri.fsPath);
    this.disposables.push(
      watcher,
      watcher.onDidChange(invalidate),
      watcher.onDidCreate(invalidate),
      watcher.onDidDelete(invalidate),
      // Unsaved edits to an open library count: completion follows the buffer, not the disk.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.catalog.loadedPaths().includes(event.document.uri.fsPath)) this.invalidate(event.document.uri.fsPath);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('calmCite')) this.changeEmitter.fire(undefined);
      }),
      this.changeEmitter,
    );
  }

  /** The library for a document; reads only the files that changed since the last call. */
  async libraryFor(document: vscode.TextDocument): Promise<Library> {
    const settings = readSettings(document.uri, this.log);
    const paths = await this.libraryPaths(document, settings.library.paths);
    const started = Date.now();
    const { library, missing } = await withProgressWhenSlow(this.catalog.resolve({ paths, includeBundled: settings.library.includeBundled }));
    for (const file of missing) this.log.warn(`Library ${file} could not be read (named by ${document.uri.fsPath}).`);
    if (Date.now() - started > 50) this.log.info(`Indexed ${library.size} references from ${library.filePaths().length} files in ${Date.now() - started} ms.`);
    return library;
  }

  /**
   * Which files a document names changes only when its text does, so the answer is kept per
   * document version: typing inside a citation does not walk the \input tree on every key.
   */
  private async libraryPaths(document: vscode.TextDocument, settingPatterns: readonly string[]): Promise<string[]> {
    const cacheKey = `${document.uri.toString()}#${document.version}#${settingPatterns.join('|')}`;
    const cached = this.pathsByDocument.get(document.uri.toString());
    if (cached?.cacheKey === cacheKey) return cached.paths;
    const language = citationLanguageOf(document) ?? 'latex';
    const paths =
      document.uri.scheme === 'file'
        ? await this.filePaths({ path: document.uri.fsPath, text: document.getText(), language }, settingPatterns)
        : await this.settingsPaths(settingPatterns, vscode.workspace.getWorkspaceFolder(document.uri));
    this.pathsByDocument.set(document.uri.toString(), { cacheKey, paths });
    return paths;
  }

  private async filePaths(file: CitingDocument, settingPatterns: readonly string[]): Promise<string[]> {
    const uri = vscode.Uri.file(file.path);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const fromDocument = await documentLibraryPaths(file, this.fileSource(), discoveryOptionsFor(uri));
    const fromSettings = await this.settingsPaths(settingPatterns, folder);
    return [...new Set([...fromDocument.paths, ...fromSettings])];
  }

  /**
   * Whether a workspace file, open or not, sees any of `libraryFiles`: two papers in one workspace may
   * each define their own entry under the same key, and a rename must touch only the citations of the
   * entry being renamed.
   */
  async seesAnyOf(file: CitingDocument, libraryFiles: readonly string[]): Promise<boolean> {
    const settings = readSettings(vscode.Uri.file(file.path), this.log);
    if (settings.library.includeBundled && libraryFiles.some(isBundledLibraryPath)) return true;
    const paths = await this.filePaths(file, settings.library.paths);
    return libraryFiles.some((libraryFile) => paths.includes(libraryFile));
  }

  /** The library files the `calmCite.library.paths` setting adds for a document. */
  settingsLibraryPaths(document: vscode.TextDocument): Promise<string[]> {
    const settings = readSettings(document.uri, this.log);
    return this.settingsPaths(settings.library.paths, vscode.workspace.getWorkspaceFolder(document.uri));
  }

  /** One line per file actually (re-)read: the catalog calls the parser only then, so nothing is logged twice. */
  private logRead(filePath: string, result: LibraryFileResult): void {
    const errors = result.errors.length;
    const line = `Read ${filePath} (${result.format}): ${result.references.length} entries, ${errors} ${errors === 1 ? 'entry error' : 'entry errors'}.`;
    if (errors === 0) {
      this.log.info(line);
      return;
    }
    const first = result.errors[0]!;
    this.log.warn(`${line} First at line ${first.line}: ${first.message}`);
  }

  invalidate(filePath: string): void {
    this.pathsByDocument.clear();
    this.catalog.invalidate(filePath);
    this.changeEmitter.fire(filePath);
  }

  /** Re-reads every library file, for the "Re-read Reference Libraries" command. */
  invalidateAll(): void {
    this.pathsByDocument.clear();
    for (const file of this.catalog.loadedPaths()) this.catalog.invalidate(file);
    this.changeEmitter.fire(undefined);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** The files `calmCite.library.paths` names for a folder, globs expanded; the submission check passes them on too. */
  async settingsPaths(patterns: readonly string[], folder: vscode.WorkspaceFolder | undefined): Promise<string[]> {
    const paths: string[] = [];
    for (const pattern of patterns) {
      if (/[*?[{]/.test(pattern)) {
        const base = folder ?? vscode.workspace.workspaceFolders?.[0];
        if (!base) continue;
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, pattern));
        paths.push(...found.map((uri) => uri.fsPath).sort());
      } else {
        paths.push(path.isAbsolute(pattern) || !folder ? pattern : path.join(folder.uri.fsPath, pattern));
      }
    }
    return paths;
  }

  /** Reads files as the user sees them: an open document's unsaved text wins over the disk. */
  fileSource(): LibraryFileSource {
    return { readFile: readWorkspaceText, readLibraryFile: readWorkspaceLibraryFile };
  }
}

/** How long reading may take before the window's status bar says so: quick reads should not flicker. */
const PROGRESS_DELAY_MS = 300;

/** Shows "Reading references…" in the window's progress area while `work` outlasts a short delay. */
function withProgressWhenSlow<T>(work: Promise<T>): Promise<T> {
  const timer = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading references…' }, () => work.catch(() => undefined));
  }, PROGRESS_DELAY_MS);
  return work.finally(() => clearTimeout(timer));
}
