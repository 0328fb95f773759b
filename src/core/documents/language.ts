import type { CitationLanguage } from '../citations/types';

/** The editor language ids of the documents CALM Cite serves, with the citation syntax each one uses. */
export const CITATION_LANGUAGE_BY_ID: Readonly<Record<string, CitationLanguage>> = {
  latex: 'latex',
  tex: 'latex',
  markdown: 'markdown',
  quarto: 'markdown',
  rmd: 'markdown',
  rmarkdown: 'markdown',
};

/**
 * The citation syntax of a document: by the editor's language id when it has one, else by the file's name
 * (`.tex`/`.ltx` LaTeX; `.md`/`.markdown`/`.qmd`/`.Rmd` Markdown, since Quarto and R Markdown files open as
 * plain Markdown or text when their own extensions are absent).
 */
export function citationLanguageOf(path: string, languageId?: string): CitationLanguage | undefined {
  const byId = languageId === undefined ? undefined : CITATION_LANGUAGE_BY_ID[languageId];
  if (byId) return byId;
  if (/\.(tex|ltx)$/i.test(path)) return 'latex';
  if (/\.(md|markdown|qmd|rmd)$/i.test(path)) return 'markdown';
  return undefined;
}
