import * as nodePath from 'node:path';
import type { LibraryCatalog, LibraryResolution } from '../library/catalog';
import type { Library } from '../library/library';
import type { Settings } from '../settings';
import { throwIfCancelled, type CancellationToken, type Workspace } from '../workspace';
import { isGlob } from '../workspace/glob';
import type { Project, ProjectGraph } from './projectGraph';
import type { DocumentStore } from './documentStore';

/** Most files one `calmCite.library.paths` glob adds. */
const MAX_FILES_PER_GLOB = 1_000;

/** Which libraries one document sees, and why. */
export interface LibraryScope {
  project: Project;
  settings: Settings;
  /** The files the document's project names itself (`\bibliography`, YAML): unused entries are reported there, copied entries go there. */
  ownFiles: string[];
  /** Every user library file in scope, in order: the project's own, then those the settings name. */
  paths: string[];
  /** The CALM libraries shipped with CALM Cite, when the settings include them. */
  bundled: readonly string[];
}

/**
 * The policy of which document sees which library: the files its project names, then those the
 * `calmCite.library.paths` setting of its folder names (paths or globs, relative to the folder, read on
 * purpose even when outside it), then the bundled CALM library unless switched off. Two folders never
 * share settings, so two projects never see each other's keys.
 */
export class LibraryScopes {
  constructor(
    private readonly workspace: Workspace,
    private readonly store: DocumentStore,
    private readonly graph: ProjectGraph,
    private readonly catalog: LibraryCatalog,
    private readonly bundledLibraries: readonly string[],
  ) {}

  async scopeOf(path: string, token?: CancellationToken): Promise<LibraryScope> {
    const project = await this.graph.projectOf(path, token);
    const settings = await this.workspace.settings(path);
    const ownFiles = project.bibliographies.map((bibliography) => bibliography.path);
    const fromSettings = await this.settingsPaths(settings, this.store.projectFolder(path));
    throwIfCancelled(token);
    return {
      project,
      settings,
      ownFiles,
      paths: [...new Set([...ownFiles, ...fromSettings])],
      bundled: settings.library.includeBundled ? this.bundledLibraries : [],
    };
  }

  /** The library a document sees, with the bundled CALM library when the settings include it. */
  async libraryOf(scope: LibraryScope): Promise<LibraryResolution> {
    return this.catalog.resolve({ paths: scope.paths, bundled: scope.bundled });
  }

  /** The libraries BibTeX or Pandoc will see for the document: never the bundled one. */
  async checkedLibraryOf(scope: LibraryScope): Promise<LibraryResolution> {
    return this.catalog.resolve({ paths: scope.paths, bundled: [] });
  }

  /** The libraries a folder's settings name, and the bundled one unless switched off: what a folder sees without a paper open. */
  async folderLibrary(folder: string): Promise<Library> {
    const settings = await this.workspace.settings(folder);
    const paths = await this.settingsPaths(settings, folder);
    return (await this.catalog.resolve({ paths, bundled: settings.library.includeBundled ? this.bundledLibraries : [] })).library;
  }

  /** Whether a document or a setting has named this library file (so it is read). */
  isKnownLibrary(path: string): boolean {
    return this.catalog.holds(path);
  }

  /** A library of just these files, without the bundled one: a library file checked on its own. */
  async libraryOfFiles(paths: readonly string[]): Promise<Library> {
    return (await this.catalog.resolve({ paths, bundled: [] })).library;
  }

  /** The bundled CALM library on its own, whatever the settings say: checks offer its entries for copying. */
  async bundledLibrary(): Promise<Library> {
    return (await this.catalog.resolve({ paths: [], bundled: this.bundledLibraries })).library;
  }

  /** Whether a document sees any of `libraryFiles`: a rename must touch only the citations of the entry it renames. */
  async seesAnyOf(path: string, libraryFiles: readonly string[], token?: CancellationToken): Promise<boolean> {
    const scope = await this.scopeOf(path, token);
    return libraryFiles.some((file) => scope.paths.includes(file) || scope.bundled.includes(file));
  }

  private async settingsPaths(settings: Settings, folder: string): Promise<string[]> {
    const paths: string[] = [];
    for (const pattern of settings.library.paths) {
      if (isGlob(pattern)) paths.push(...(await this.workspace.findFiles(folder, pattern, MAX_FILES_PER_GLOB)));
      else paths.push(nodePath.resolve(folder, pattern));
    }
    return paths;
  }
}
