import type * as vscode from 'vscode';
import type { CitationLanguage } from '../core/citations';

/** The editor languages CALM Cite serves, with the citation syntax each one uses. */
const CITATION_LANGUAGE_BY_ID: Record<string, CitationLanguage> = {
  latex: 'latex',
  tex: 'latex',
  markdown: 'markdown',
  quarto: 'markdown',
  rmd: 'markdown',
  rmarkdown: 'markdown',
};

export const DOCUMENT_SELECTOR: vscode.DocumentFilter[] = Object.keys(CITATION_LANGUAGE_BY_ID).flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
]);

export function citationLanguageOf(document: vscode.TextDocument): CitationLanguage | undefined {
  const byId = CITATION_LANGUAGE_BY_ID[document.languageId];
  if (byId) return byId;
  // Quarto and R Markdown files open as plain markdown or text when their own extensions are absent.
  if (/\.(qmd|rmd)$/i.test(document.fileName)) return 'markdown';
  return undefined;
}
