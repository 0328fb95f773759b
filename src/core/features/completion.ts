import { citationContextIn, type CitationOptions, type CitationSyntax } from '../citations';
import type { CitingDocument } from '../documents';
import type { Library } from '../library/library';
import type { Reference } from '../library/reference';
import { authorYear } from './referenceMarkdown';

export interface CompletionEntry {
  reference: Reference;
  /** Authors and year, shown beside the key. */
  detail: string;
  /** Orders the list by the search rank, since the editor's own filter cannot see titles or authors. */
  sortText: string;
}

export interface CitationCompletion {
  /** The whole partial key, replaced by the chosen key. */
  replaceStart: number;
  replaceEnd: number;
  /** What the user typed before the cursor; the editor must filter with it and ask again as it grows. */
  query: string;
  syntax: CitationSyntax;
  entries: CompletionEntry[];
}

export interface CompletionOptions extends CitationOptions {
  limit?: number;
}

/**
 * Completion for a key being typed at `offset`, ranked over key, authors, title, year, venue and topics.
 * The library is asked for only when the cursor is in a citation: most trigger characters are not.
 */
export async function completeCitation(
  document: CitingDocument,
  offset: number,
  libraryFor: () => Library | Promise<Library>,
  options: CompletionOptions = {},
): Promise<CitationCompletion | undefined> {
  const context = citationContextIn(document, offset, options);
  if (!context) return undefined;
  const library = await libraryFor();
  const alreadyInGroup = new Set(context.keysInGroup);
  const citations = document.language === 'latex' ? document.citations(options.extraCommands) : document.citations();
  const citedKeys = new Set(citations.map((citation) => citation.key));
  const limit = options.limit ?? 100;
  const hits = library.search(context.prefix, { citedKeys, limit: limit + alreadyInGroup.size });
  const entries = hits
    .filter((hit) => !alreadyInGroup.has(hit.reference.key))
    .slice(0, limit)
    .map((hit, rank) => ({
      reference: hit.reference,
      detail: authorYear(hit.reference),
      sortText: String(rank).padStart(5, '0'),
    }));
  return {
    replaceStart: context.replaceStart,
    replaceEnd: context.replaceEnd,
    query: context.prefix,
    syntax: context.syntax,
    entries,
  };
}
