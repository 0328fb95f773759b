import type * as vscode from 'vscode';
import type { CitationLanguage } from '../core/citations/types';
import { citationLanguageOf as citationLanguageOfPath } from '../core/documents/language';

/** The citation syntax of an open document, by its language id or, for Quarto and R Markdown opened as text, its name. */
export function citationLanguageOf(document: vscode.TextDocument): CitationLanguage | undefined {
  return citationLanguageOfPath(document.fileName, document.languageId);
}
