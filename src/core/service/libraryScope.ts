import * as nodePath from 'node:path';
import type { LibraryCatalog, LibraryResolution } from '../library/catalog';
import type { Library } from '../library/library';
import { zoteroSource, type ZoteroSource } from '../library/zotero/source';
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
  /** The user's Zotero database and which of its items are offered, when `calmCite.zotero.enabled` is on. */
  zotero?: ZoteroSource;
}

/**
 * The policy of which document sees which library: the files its project names, then those the
 * `calmCite.library.paths` setting of its folder names (paths or globs, relative to the folder, read on
 * purpose even when outside it), then the user's Zotero database when the settings turn it on, and the
 * bundled CALM library unless switched off. Two folders never share settings, so two projects never see
 * each other's keys. Zotero and the bundled library are offered but never checked against: BibTeX and
 * Pandoc do not read them.
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
    const folder = this.store.projectFolder(path);
    const fromSettings = await this.settingsPaths(settings, folder);
    throwIfCancelled(token);
    const zotero = zoteroSource(settings.zotero, folder);
    return {
      project,
      settings,
      ownFiles,
      paths: [...new Set([...ownFiles, ...fromSettings])],
      bundled: settings.library.includeBundled ? this.bundledLibraries : [],
      ...(zotero ? { zotero } : {}),
    };
  }

  /** The library a document sees, with Zotero and the bundled CALM library when the settings include them. */
  async libraryOf(scope: LibraryScope): Promise<LibraryResolution> {
    return this.catalog.resolve({ paths: scope.paths, bundled: scope.bundled, zotero: scope.zotero });
  }

  /** The libraries BibTeX or Pandoc will see for the document: never Zotero or the bundled one. */
  async checkedLibraryOf(scope: LibraryScope): Promise<LibraryResolution> {
    return this.catalog.resolve({ paths: scope.paths, bundled: [] });
  }

  /** The Zotero items a document is offered on their own (none while Zotero is off): the checks offer them for copying. */
  async zoteroLibraryOf(scope: LibraryScope): Promise<Library | undefined> {
    return scope.zotero ? (await this.catalog.resolve({ paths: [], bundled: [], zotero: scope.zotero })).library : undefined;
  }

  /** The libraries a folder's settings name, Zotero and the bundled one as they say: what a folder sees without a paper open. */
  async folderLibrary(folder: string): Promise<Library> {
    const settings = await this.workspace.settings(folder);
    const paths = await this.settingsPaths(settings, folder);
    const bundled = settings.library.includeBundled ? this.bundledLibraries : [];
    return (await this.catalog.resolve({ paths, bundled, zotero: zoteroSource(settings.zotero, folder) })).library;
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
    return libraryFiles.some((file) => scope.paths.includes(file) || scope.bundled.includes(file) || scope.zotero?.database === file);
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
