import type { CitationLanguage } from '../citations/types';
import { LatexDocument } from './latexDocument';
import { MarkdownDocument } from './markdownDocument';

export { LatexDocument } from './latexDocument';
export { MarkdownDocument } from './markdownDocument';
export { CITATION_LANGUAGE_BY_ID, citationLanguageOf } from './language';

/** A document that cites: one version of a LaTeX or a Markdown (Pandoc, Quarto, R Markdown) file. */
export type CitingDocument = LatexDocument | MarkdownDocument;

export function citingDocument(path: string, text: string, language: CitationLanguage): CitingDocument {
  return language === 'latex' ? new LatexDocument(path, text) : new MarkdownDocument(path, text);
}
