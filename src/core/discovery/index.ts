export { memoryFileSystem, type FileSystem } from './fileSystem';
export {
  hasDocumentClass,
  latexBibliographies,
  latexIncludes,
  magicTexRoot,
  type LatexFileReference,
  type LatexInclude,
} from './latexSources';
export {
  findRootDocument,
  resolveLatexProject,
  type LatexProject,
  type ProjectBibliography,
  type ProjectLimits,
  type ProjectProblem,
} from './latexProject';
export { markdownBibliographies, quartoProjectBibliographies, type MarkdownBibliographies, type NamedBibliography } from './markdownSources';
