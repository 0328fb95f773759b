import type * as vscode from 'vscode';
import type { CitationLanguage } from '../core/citations';
import { LIBRARY_FILE_EXTENSIONS } from '../core/library/formats';

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

/** Library files, wherever they are: references and rename also start from an entry's key. */
export const LIBRARY_SELECTOR: vscode.DocumentFilter[] = [
  { scheme: 'file', pattern: `**/*{${LIBRARY_FILE_EXTENSIONS.join(',')}}` },
];

/** The documents that cite, searched across the workspace for references and rename. */
export const CITING_FILES_GLOB = '**/*.{tex,md,qmd,Rmd,rmd}';

/** The citation syntax of a workspace file that is not open, by its extension. */
export function citationLanguageOfPath(filePath: string): CitationLanguage {
  return /\.tex$/i.test(filePath) ? 'latex' : 'markdown';
}
