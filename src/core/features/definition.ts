import { keyAt, type CitationLanguage, type CitationOptions } from '../citations';
import type { Library } from '../library/library';
import type { SourceLocation } from '../library/reference';

export interface CitationDefinition {
  /** The cited key's offsets in the document. */
  start: number;
  end: number;
  key: string;
  /** Where each definition of the key starts, in library order; more than one when it is defined twice. */
  targets: (SourceLocation & { bundled: boolean })[];
}

/** Where the key under the cursor is defined; undefined when the cursor is not on a cited key. */
export function citationDefinition(
  text: string,
  offset: number,
  language: CitationLanguage,
  library: Library,
  options: CitationOptions = {},
): CitationDefinition | undefined {
  const citation = keyAt(text, offset, language, options);
  if (!citation) return undefined;
  const targets = library.lookupAll(citation.key).map((reference) => ({ ...reference.source, bundled: reference.library === 'bundled' }));
  return { start: citation.start, end: citation.end, key: citation.key, targets };
}
