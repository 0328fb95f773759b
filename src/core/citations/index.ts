import type { CitingDocument } from '../documents';
import { maskLatex } from '../latex/mask';
import { MAX_CITATION_DOCUMENT_LENGTH } from '../limits';
import { findLatexCitations, latexCitationContextAt } from './latex';
import { findMarkdownCitations, markdownCitationContextAt } from './markdown';
import type { Citation, CitationContext, CitationLanguage, CitationOptions } from './types';

export { CITING_COMMANDS, MULTICITE_COMMANDS, isCitingCommand } from './commands';
export { QUARTO_CROSSREF_PREFIXES, isQuartoCrossref } from './pandocKey';
export { yamlNocite } from './markdown';
export type { Citation, CitationContext, CitationLanguage, CitationOptions, CitationSyntax, TextRange } from './types';

/**
 * Whether a document is too long to scan for citations. Callers that report problems say so
 * (cite/document-too-large); completion and hover just offer nothing in such a document.
 */
export function isTooLongToScan(text: string, options?: CitationOptions): boolean {
  return text.length > (options?.maxDocumentLength ?? MAX_CITATION_DOCUMENT_LENGTH);
}

/** Every cited key occurrence, in document order, outside comments, code and verbatim text. */
export function findCitations(text: string, language: CitationLanguage, options?: CitationOptions): Citation[] {
  if (isTooLongToScan(text, options)) return [];
  return language === 'latex' ? findLatexCitations(maskLatex(text), options) : findMarkdownCitations(text);
}

/** Where a key is being typed at `offset`, for completion; undefined when `offset` is not in a citation. */
export function citationContextAt(
  text: string,
  offset: number,
  language: CitationLanguage,
  options?: CitationOptions,
): CitationContext | undefined {
  if (isTooLongToScan(text, options)) return undefined;
  return language === 'latex' ? latexCitationContextAt(maskLatex(text), offset, options) : markdownCitationContextAt(text, offset);
}

/** The citation whose key covers `offset` (either edge included), for hover, go-to-definition and rename. */
export function keyAt(text: string, offset: number, language: CitationLanguage, options?: CitationOptions): Citation | undefined {
  return findCitations(text, language, options).find((citation) => citation.start <= offset && offset <= citation.end);
}

/** Where a key is being typed at `offset` of a document version, reusing what it has already read. */
export function citationContextIn(document: CitingDocument, offset: number, options?: CitationOptions): CitationContext | undefined {
  if (isTooLongToScan(document.text, options)) return undefined;
  return document.language === 'latex' ? latexCitationContextAt(document.masked, offset, options) : markdownCitationContextAt(document.text, offset);
}

/** The cited key at `offset` of a document version (either edge included). */
export function citationIn(document: CitingDocument, offset: number, options?: CitationOptions): Citation | undefined {
  if (isTooLongToScan(document.text, options)) return undefined;
  const citations = document.language === 'latex' ? document.citations(options?.extraCommands) : document.citations();
  // Citations are in document order: the last one starting at or before `offset` is the only candidate.
  let low = 0;
  let high = citations.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (citations[middle]!.start <= offset) low = middle;
    else high = middle - 1;
  }
  const citation = citations[low];
  return citation && citation.start <= offset && offset <= citation.end ? citation : undefined;
}
