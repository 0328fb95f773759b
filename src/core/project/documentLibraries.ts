import * as nodePath from 'node:path';
import type { CitationLanguage } from '../citations';
import type { FileSystem } from '../discovery/fileSystem';
import { findRootDocument, resolveLatexProject, type ProjectProblem } from '../discovery/latexProject';
import { hasDocumentClass, magicTexRoot } from '../discovery/latexSources';
import { markdownBibliographies, quartoProjectBibliographies } from '../discovery/markdownSources';

export interface DocumentInput {
  path: string;
  text: string;
  language: CitationLanguage;
}

export interface DiscoveryOptions {
  /** The workspace folder: `_quarto.yml` is looked for from the document's folder up to here. */
  workspaceRoot?: string;
  /** Other .tex files that may be the root of a chapter file without `\documentclass`. */
  candidateRoots?: () => Promise<string[]>;
}

export interface DocumentLibraries {
  /** Library files in the order the document names them. */
  paths: string[];
  /** The LaTeX root document, when the document is part of a multi-file project. */
  root?: string;
  /** Every file of the LaTeX project, root first (just the document for Markdown). */
  files: string[];
  problems: ProjectProblem[];
}

/** The library files a document names, directly or through its LaTeX root, YAML front matter or `_quarto.yml`. */
export async function documentLibraryPaths(document: DocumentInput, fs: FileSystem, options: DiscoveryOptions = {}): Promise<DocumentLibraries> {
  return document.language === 'latex' ? latexLibraries(document, fs, options) : markdownLibraries(document, fs, options);
}

async function latexLibraries(document: DocumentInput, fs: FileSystem, options: DiscoveryOptions): Promise<DocumentLibraries> {
  // The editor's text may be unsaved: it wins over the disk for the document itself.
  const withDocument: FileSystem = { readFile: async (path) => (path === document.path ? document.text : fs.readFile(path)) };
  const texts = new Map([[document.path, document.text]]);
  // Only a chapter file without \documentclass needs the other files to find its root.
  const needsRoot = !hasDocumentClass(document.text) && magicTexRoot(document.text) === undefined;
  const candidates = needsRoot ? ((await options.candidateRoots?.()) ?? []) : [];
  for (const candidate of candidates) {
    if (candidate === document.path) continue;
    const text = await fs.readFile(candidate);
    if (text !== undefined) texts.set(candidate, text);
  }
  const root = (await findRootDocument(document.path, texts)) ?? document.path;
  const project = await resolveLatexProject(root, withDocument, options.workspaceRoot ? { searchDirs: [options.workspaceRoot] } : undefined);
  return {
    paths: project.bibliographies.map((bibliography) => bibliography.path),
    root,
    files: project.files,
    problems: project.problems,
  };
}

async function markdownLibraries(document: DocumentInput, fs: FileSystem, options: DiscoveryOptions): Promise<DocumentLibraries> {
  const directory = nodePath.dirname(document.path);
  const paths = markdownBibliographies(document.text, document.path).bibliographies.map((entry) => entry.path!);
  if (paths.length === 0) paths.push(...(await bookdownBibliographies(document, fs)));
  for (const dir of ancestors(directory, options.workspaceRoot)) {
    const quartoConfig = await fs.readFile(nodePath.join(dir, '_quarto.yml'));
    if (quartoConfig === undefined) continue;
    paths.push(...quartoProjectBibliographies(quartoConfig).map((entry) => nodePath.resolve(dir, entry.name)));
    break;
  }
  return { paths: [...new Set(paths)], files: [document.path], problems: [] };
}

/**
 * A bookdown chapter has no front matter of its own: the book's metadata, bibliography included,
 * sits in index.Rmd beside `_bookdown.yml`.
 */
async function bookdownBibliographies(document: DocumentInput, fs: FileSystem): Promise<string[]> {
  const directory = nodePath.dirname(document.path);
  if ((await fs.readFile(nodePath.join(directory, '_bookdown.yml'))) === undefined) return [];
  const indexPath = nodePath.join(directory, 'index.Rmd');
  const index = indexPath === document.path ? undefined : await fs.readFile(indexPath);
  if (index === undefined) return [];
  return markdownBibliographies(index, indexPath).bibliographies.map((entry) => entry.path!);
}

/** `dir` and its parents up to `stop` (inclusive), or just `dir` when there is no workspace root above it. */
function ancestors(dir: string, stop: string | undefined): string[] {
  if (!stop || nodePath.relative(stop, dir).startsWith('..')) return [dir];
  const result: string[] = [];
  for (let current = dir; ; current = nodePath.dirname(current)) {
    result.push(current);
    if (current === stop || nodePath.dirname(current) === current) return result;
  }
}
