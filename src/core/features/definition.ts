import type { Citation } from '../citations';
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

/** Where a cited key is defined, in every library file that defines it. */
export function citationDefinition(citation: Citation, library: Library): CitationDefinition {
  const targets = library.lookupAll(citation.key).map((reference) => ({ ...reference.source, bundled: reference.library === 'bundled' }));
  return { start: citation.start, end: citation.end, key: citation.key, targets };
}
