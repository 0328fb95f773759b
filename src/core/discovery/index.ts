export {
  hasDocumentClass,
  latexBibliographies,
  latexIncludes,
  magicTexRoot,
  type LatexFileReference,
  type LatexInclude,
} from './latexSources';
export { markdownBibliographies, quartoProjectBibliographies, type MarkdownBibliographies, type NamedBibliography } from './markdownSources';
