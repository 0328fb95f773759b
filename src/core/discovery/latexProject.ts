import * as nodePath from 'node:path';
import { MAX_INCLUDE_DEPTH } from '../limits';
import { memoryFileSystem, type FileSystem } from './fileSystem';
import { hasDocumentClass, latexBibliographies, latexIncludes, magicTexRoot, type LatexInclude } from './latexSources';

export interface ProjectProblem {
  path: string;
  /** 1-based. */
  line: number;
  column: number;
  message: string;
}

export interface ProjectBibliography {
  /** Absolute: resolved against the root document's folder, where BibTeX and biber run. */
  path: string;
  from: { path: string; line: number };
}

export interface LatexProject {
  /** Every file of the document, root first, then in the order TeX reads them. */
  files: string[];
  bibliographies: ProjectBibliography[];
  problems: ProjectProblem[];
}

export interface ProjectLimits {
  /** How deeply includes may nest before we stop and report it; `MAX_INCLUDE_DEPTH` by default. */
  maxDepth?: number;
  /**
   * Further folders to look in when an include is not found next to the root, as TEXINPUTS would
   * (e.g. the workspace folder, for documents compiled from the repository root).
   */
  searchDirs?: readonly string[];
}

function candidatePaths(include: LatexInclude, includer: string, rootDir: string, searchDirs: readonly string[]): string[] {
  const bases = include.relativeToIncluder ? [nodePath.dirname(includer)] : [rootDir, ...searchDirs];
  // TeX tries the name with `.tex` added first, then the name as written (`\input{table.pgf}`).
  const names = include.path === include.name ? [include.path] : [include.path, include.name];
  return bases.flatMap((base) => names.map((name) => nodePath.resolve(base, name)));
}

/**
 * Follows `\input`/`\include`/`\import` from the root document. Missing files, cycles and too-deep nesting
 * become located problems so a half-written project still yields its files and bibliographies.
 */
export async function resolveLatexProject(rootPath: string, fs: FileSystem, limits?: ProjectLimits): Promise<LatexProject> {
  const root = nodePath.resolve(rootPath);
  const rootDir = nodePath.dirname(root);
  const maxDepth = limits?.maxDepth ?? MAX_INCLUDE_DEPTH;
  const searchDirs = (limits?.searchDirs ?? []).map((dir) => nodePath.resolve(dir));
  const project: LatexProject = { files: [], bibliographies: [], problems: [] };
  const seenBibliographies = new Set<string>();

  const readFirst = async (paths: string[]): Promise<{ path: string; text: string } | undefined> => {
    for (const path of paths) {
      const text = await fs.readFile(path);
      if (text !== undefined) return { path, text };
    }
    return undefined;
  };

  const visit = async (path: string, text: string, chain: string[]): Promise<void> => {
    project.files.push(path);
    // Bibliographies and includes in reading order, so the list follows the compiled document.
    const references = [
      ...latexBibliographies(text).map((bibliography) => ({ start: bibliography.start, bibliography })),
      ...latexIncludes(text).map((include) => ({ start: include.start, include })),
    ].sort((a, b) => a.start - b.start);
    for (const reference of references) {
      if ('bibliography' in reference) {
        const resolved = nodePath.resolve(rootDir, reference.bibliography.path);
        if (seenBibliographies.has(resolved)) continue;
        seenBibliographies.add(resolved);
        project.bibliographies.push({ path: resolved, from: { path, line: reference.bibliography.line } });
        continue;
      }
      const include = reference.include;
      const at = { path, line: include.line, column: include.column };
      const found = await readFirst(candidatePaths(include, path, rootDir, searchDirs));
      if (!found) {
        project.problems.push({ ...at, message: `Included file not found: ${include.name}` });
      } else if (chain.includes(found.path)) {
        const cycle = [...chain.slice(chain.indexOf(found.path)), found.path].map((each) => nodePath.basename(each));
        project.problems.push({ ...at, message: `Include cycle: ${cycle.join(' -> ')}` });
      } else if (project.files.includes(found.path)) {
        // Included a second time elsewhere: its content is already collected.
      } else if (chain.length > maxDepth) {
        project.problems.push({ ...at, message: `Includes nested more than ${maxDepth} levels deep: ${include.name} not followed` });
      } else {
        await visit(found.path, found.text, [...chain, found.path]);
      }
    }
  };

  const rootText = await fs.readFile(root);
  if (rootText === undefined) {
    project.problems.push({ path: root, line: 1, column: 1, message: `Cannot read the root document ${root}` });
    return project;
  }
  await visit(root, rootText, [root]);
  return project;
}

/**
 * The document to compile when `filePath` is being edited: the file named by a `% !TEX root` comment,
 * else the file itself if it has `\documentclass`, else a candidate with `\documentclass` that includes it
 * (transitively). `texts` holds the file and its candidates (same folder or workspace), keyed by path.
 */
export async function findRootDocument(filePath: string, texts: ReadonlyMap<string, string>): Promise<string | undefined> {
  const text = texts.get(filePath);
  if (text === undefined) return undefined;
  const magic = magicTexRoot(text);
  if (magic !== undefined) return nodePath.resolve(nodePath.dirname(filePath), magic);
  if (hasDocumentClass(text)) return filePath;
  const fs = memoryFileSystem(texts);
  const target = nodePath.resolve(filePath);
  for (const [candidate, candidateText] of texts) {
    if (candidate === filePath || !hasDocumentClass(candidateText)) continue;
    const project = await resolveLatexProject(candidate, fs);
    if (project.files.includes(target)) return candidate;
  }
  return undefined;
}
