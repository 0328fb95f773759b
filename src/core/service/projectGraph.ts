import * as nodePath from 'node:path';
import type { CitationLanguage } from '../citations/types';
import { citationLanguageOf, LatexDocument, type CitingDocument } from '../documents';
import type { LatexInclude } from '../discovery/latexSources';
import { quartoProjectBibliographies } from '../discovery/markdownSources';
import { MAX_INCLUDE_DEPTH } from '../limits';
import { throwIfCancelled, type CancellationToken, type Workspace } from '../workspace';
import type { FileRead } from '../workspace/files';
import type { DocumentStore, Freshness } from './documentStore';

/** A located problem with a project's files: an include or bibliography that cannot be read, a cycle, a root that does not fit. */
export interface ProjectProblem {
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface ProjectBibliography {
  /** Absolute: BibTeX and biber resolve names against the root document's folder, Pandoc against the document's. */
  path: string;
  /** Where the document names it. */
  from: { path: string; line: number; column: number };
}

/** What one document belongs to: its LaTeX root with every file TeX reads, or one Markdown file; and the bibliographies they name. */
export interface Project {
  language: CitationLanguage;
  root: string;
  /** Root first, then the files TeX reads, in reading order. */
  files: string[];
  bibliographies: ProjectBibliography[];
  problems: ProjectProblem[];
  /** The folder the project may read files in. */
  folder: string;
}

/** What a project was built from, so a later request can tell whether it still holds. */
interface Built {
  project: Project;
  /** Each file read, with what of it decided the project (its `structure()`, or the text of a YAML file). */
  dependencies: Map<string, string | undefined>;
}

/** Most `.tex` files searched for the root of a chapter that has neither `\documentclass` nor `% !TEX root`. */
const MAX_ROOT_CANDIDATES = 500;

/**
 * Projects, computed once per change: which root a document belongs to, which files that root reads,
 * and which bibliographies they name. A project is kept until a file it was built from changes what
 * decided it: typing in a sentence keeps it, editing an `\input` line rebuilds it.
 */
export class ProjectGraph {
  private readonly projects = new Map<string, Built>();
  private readonly roots = new Map<string, string>();
  private readonly candidates = new Map<string, Promise<string[]>>();

  constructor(
    private readonly workspace: Workspace,
    private readonly store: DocumentStore,
    /** The editor's view (unsaved text first) for live features; the saved files for a submission check. */
    private readonly freshness: Freshness = 'editor',
  ) {}

  /** The project of a document, as the editor shows its files. */
  async projectOf(path: string, token?: CancellationToken): Promise<Project> {
    const read = await this.store.document(path, this.freshness);
    if (!read.ok || read.value.language === 'markdown') return this.build(path, read, token);
    const root = await this.rootOf(read.value, token);
    if (root === path) return this.build(path, read, token);
    const folder = this.store.projectFolder(path);
    // A magic comment may name any file; one outside the project is not read, and the document stands alone.
    if (!(await this.store.insideProject(folder, root))) {
      return this.alone(path, `% !TEX root names ${relativeName(path, root)}, which is outside the project (${folder}), so CALM Cite does not read it and reads this file on its own. Open the folder that holds the root, or check the root itself.`, token);
    }
    return this.build(root, await this.store.document(root, this.freshness), token, path);
  }

  /** Forget what depends on these files: `.tex` files appearing or disappearing may change which file is a chapter's root. */
  filesChanged(paths: readonly string[]): void {
    if (paths.some((path) => /\.tex$/i.test(path))) {
      this.candidates.clear();
      this.roots.clear();
    }
  }

  clear(): void {
    this.projects.clear();
    this.roots.clear();
    this.candidates.clear();
  }

  private async build(root: string, read: FileRead<CitingDocument>, token: CancellationToken | undefined, member?: string): Promise<Project> {
    const project = await this.cachedOrBuilt(root, read, token);
    if (member === undefined || project.files.includes(member)) return project;
    // The root a magic comment names must include the document; otherwise the document stands alone.
    return this.alone(member, `% !TEX root names ${relativeName(member, root)}, which does not include this file, so CALM Cite reads this file on its own. Fix the magic comment or \\input this file from that root.`, token);
  }

  /** A document whose magic comment's root cannot be its project: its own project, with a problem at 1:1 saying why. */
  private async alone(member: string, message: string, token: CancellationToken | undefined): Promise<Project> {
    const project = await this.cachedOrBuilt(member, await this.store.document(member, this.freshness), token);
    return { ...project, problems: [{ path: member, line: 1, column: 1, message }, ...project.problems] };
  }

  private async cachedOrBuilt(root: string, read: FileRead<CitingDocument>, token: CancellationToken | undefined): Promise<Project> {
    const cached = this.projects.get(root);
    if (cached && (await this.stillHolds(cached))) return cached.project;
    throwIfCancelled(token);
    const built = read.ok && read.value.language === 'markdown' ? await this.markdownProject(read.value) : await this.latexProject(root, read, token);
    this.projects.set(root, built);
    return built.project;
  }

  private async stillHolds(built: Built): Promise<boolean> {
    for (const [path, structure] of built.dependencies) {
      if ((await this.structureOf(path)) !== structure) return false;
    }
    return true;
  }

  /** What of a file decides a project: a document's `structure()`, the whole text of a YAML configuration. */
  private async structureOf(path: string): Promise<string | undefined> {
    if (citationLanguageOf(path, this.workspace.openDocument(path)?.languageId) === undefined) {
      const read = await this.store.text(path, this.freshness);
      return read.ok ? read.value : undefined;
    }
    const read = await this.store.document(path, this.freshness);
    return read.ok ? read.value.structure() : undefined;
  }

  /** The root of a LaTeX file: its magic comment's, itself with `\documentclass`, else a `\documentclass` file that includes it. */
  private async rootOf(document: CitingDocument, token: CancellationToken | undefined): Promise<string> {
    if (!(document instanceof LatexDocument)) return document.path;
    const magic = document.magicRoot();
    if (magic !== undefined) return nodePath.resolve(nodePath.dirname(document.path), magic);
    if (document.hasDocumentClass()) return document.path;
    const known = this.roots.get(document.path);
    if (known !== undefined) return known;
    let root = document.path;
    for (const candidate of await this.rootCandidates(this.store.projectFolder(document.path))) {
      throwIfCancelled(token);
      if (candidate === document.path) continue;
      const read = await this.store.document(candidate, this.freshness);
      if (!read.ok || !(read.value instanceof LatexDocument) || !read.value.hasDocumentClass()) continue;
      const project = await this.build(candidate, read, token);
      if (project.files.includes(document.path)) {
        root = candidate;
        break;
      }
    }
    this.roots.set(document.path, root);
    return root;
  }

  private rootCandidates(folder: string): Promise<string[]> {
    let pending = this.candidates.get(folder);
    if (!pending) {
      pending = this.workspace.findFiles(folder, '**/*.tex', MAX_ROOT_CANDIDATES);
      this.candidates.set(folder, pending);
    }
    return pending;
  }

  /**
   * Follows `\input`, `\include`, `\subfile`, `\import` and `\subimport` from the root, each file read once
   * however often it is included. What cannot be followed (missing, outside the project, a cycle, too deep)
   * is a located problem, and the rest of the project is still read.
   */
  private async latexProject(root: string, rootRead: FileRead<CitingDocument>, token: CancellationToken | undefined): Promise<Built> {
    const folder = this.store.projectFolder(root);
    const rootDir = nodePath.dirname(root);
    const project: Project = { language: 'latex', root, files: [], bibliographies: [], problems: [], folder };
    const dependencies = new Map<string, string | undefined>();
    dependencies.set(root, rootRead.ok ? rootRead.value.structure() : undefined);
    if (!rootRead.ok) {
      project.problems.push({ path: root, line: 1, column: 1, message: rootRead.message });
      return { project, dependencies };
    }
    const seenBibliographies = new Set<string>();
    const visited = new Set<string>();

    const visit = async (document: LatexDocument, chain: string[]): Promise<void> => {
      throwIfCancelled(token);
      project.files.push(document.path);
      visited.add(document.path);
      // Bibliographies and includes in reading order, so the list follows the compiled document.
      const named = [
        ...document.bibliographies().map((bibliography) => ({ start: bibliography.start, bibliography })),
        ...document.includes().map((include) => ({ start: include.start, include })),
      ].sort((a, b) => a.start - b.start);
      for (const item of named) {
        if ('bibliography' in item) {
          const path = nodePath.resolve(rootDir, item.bibliography.path);
          if (seenBibliographies.has(path)) continue;
          seenBibliographies.add(path);
          const from = { path: document.path, line: item.bibliography.line, column: item.bibliography.column };
          if (!(await this.store.insideProject(folder, path))) {
            project.problems.push({ ...from, message: outsideMessage(path, folder) });
            continue;
          }
          project.bibliographies.push({ path, from });
          continue;
        }
        const include = item.include;
        const at = { path: document.path, line: include.line, column: include.column };
        const candidates = candidatePaths(include, document.path, rootDir, folder);
        if (candidates.some((candidate) => chain.includes(candidate))) {
          const closing = candidates.find((candidate) => chain.includes(candidate))!;
          const cycle = [...chain.slice(chain.indexOf(closing)), closing].map((each) => nodePath.basename(each));
          project.problems.push({ ...at, message: `Include cycle: ${cycle.join(' -> ')}. TeX would loop here; remove one of these \\input commands.` });
          continue;
        }
        // Included a second time elsewhere: its content is already collected, and it is not read again.
        if (candidates.some((candidate) => visited.has(candidate))) continue;
        if (chain.length > MAX_INCLUDE_DEPTH) {
          project.problems.push({ ...at, message: `Includes nested more than ${MAX_INCLUDE_DEPTH} levels deep: ${include.name} was not followed. Flatten the chain of \\input files.` });
          continue;
        }
        const found = await this.readInclude(include.name, candidates, folder);
        for (const candidate of found.tried) dependencies.set(candidate, undefined);
        if (!found.document) {
          project.problems.push({ ...at, message: found.message });
          continue;
        }
        dependencies.set(found.document.path, found.document.structure());
        await visit(found.document, [...chain, found.document.path]);
      }
    };

    if (rootRead.value instanceof LatexDocument) await visit(rootRead.value, [root]);
    return { project, dependencies };
  }

  /** The first candidate that reads: TeX tries `name.tex` before `name`. A missing include is named as written, with every path tried relative to the project folder. */
  private async readInclude(name: string, candidates: string[], folder: string): Promise<{ document?: LatexDocument; tried: string[]; message: string }> {
    const tried: string[] = [];
    let message = '';
    for (const candidate of candidates) {
      if (!(await this.store.insideProject(folder, candidate))) {
        message = outsideMessage(candidate, folder);
        continue;
      }
      tried.push(candidate);
      const read = await this.store.document(candidate, this.freshness, 'latex');
      if (read.ok && read.value instanceof LatexDocument) return { document: read.value, tried, message };
      if (!read.ok && (message === '' || read.refusal.reason !== 'missing')) message = read.refusal.reason === 'missing' ? `Included file not found: ${name} (looked for ${candidates.map((each) => nodePath.relative(folder, each) || each).join(', ')}).` : read.message;
    }
    return { tried, message };
  }

  /** A Markdown file's project: itself, and the bibliographies of its YAML, its book's `index.Rmd` or its Quarto project. */
  private async markdownProject(document: CitingDocument): Promise<Built> {
    const folder = this.store.projectFolder(document.path);
    const project: Project = { language: 'markdown', root: document.path, files: [document.path], bibliographies: [], problems: [], folder };
    const dependencies = new Map<string, string | undefined>([[document.path, document.structure()]]);
    const named: { path: string; from: { path: string; line: number; column: number } }[] = [];
    if (document.language === 'markdown') {
      for (const bibliography of document.bibliographies()) named.push({ path: bibliography.path!, from: { path: document.path, ...document.position(bibliography.start) } });
    }
    const directory = nodePath.dirname(document.path);
    if (named.length === 0) {
      // A bookdown chapter has no front matter of its own: the book's metadata sits in index.Rmd beside _bookdown.yml.
      const bookConfig = nodePath.join(directory, '_bookdown.yml');
      const config = await this.store.text(bookConfig, this.freshness);
      dependencies.set(bookConfig, config.ok ? config.value : undefined);
      const indexPath = nodePath.join(directory, 'index.Rmd');
      if (config.ok && indexPath !== document.path) {
        const index = await this.store.document(indexPath, this.freshness);
        dependencies.set(indexPath, index.ok ? index.value.structure() : undefined);
        if (index.ok && index.value.language === 'markdown') {
          for (const bibliography of index.value.bibliographies()) named.push({ path: bibliography.path!, from: { path: indexPath, ...index.value.position(bibliography.start) } });
        }
      }
    }
    for (const dir of ancestors(directory, folder)) {
      const configPath = nodePath.join(dir, '_quarto.yml');
      const config = await this.store.text(configPath, this.freshness);
      dependencies.set(configPath, config.ok ? config.value : undefined);
      if (!config.ok) continue;
      for (const entry of quartoProjectBibliographies(config.value)) named.push({ path: nodePath.resolve(dir, entry.name), from: { path: configPath, line: 1, column: 1 } });
      break;
    }
    const seen = new Set<string>();
    for (const bibliography of named) {
      if (seen.has(bibliography.path)) continue;
      seen.add(bibliography.path);
      if (await this.store.insideProject(folder, bibliography.path)) project.bibliographies.push(bibliography);
      else project.problems.push({ ...bibliography.from, message: outsideMessage(bibliography.path, folder) });
    }
    return { project, dependencies };
  }
}

/** `root` as the magic comment in `member` names it, relative to the member's folder. */
function relativeName(member: string, root: string): string {
  return nodePath.relative(nodePath.dirname(member), root) || root;
}

function outsideMessage(path: string, folder: string): string {
  return `${path} is outside the project (${folder}), so CALM Cite does not read it. Move it into the project, or name it in calmCite.library.paths (or --library) to read it on purpose.`;
}

/**
 * The files TeX would try for an include: `.tex` added first, relative to the root's folder (the including
 * file's for `\subimport`), then to the project folder, as TEXINPUTS would when a paper is built from there.
 */
function candidatePaths(include: LatexInclude, includer: string, rootDir: string, folder: string): string[] {
  const bases = include.relativeToIncluder ? [nodePath.dirname(includer)] : [...new Set([rootDir, folder])];
  const names = include.path === include.name ? [include.path] : [include.path, include.name];
  return bases.flatMap((base) => names.map((name) => nodePath.resolve(base, name)));
}

/** `dir` and its parents up to `stop` (inclusive); just `dir` when it is not inside `stop`. */
function ancestors(dir: string, stop: string): string[] {
  const relative = nodePath.relative(stop, dir);
  if (relative.startsWith('..') || nodePath.isAbsolute(relative)) return [dir];
  const result: string[] = [];
  for (let current = dir; ; current = nodePath.dirname(current)) {
    result.push(current);
    if (current === stop || nodePath.dirname(current) === current) return result;
  }
}
