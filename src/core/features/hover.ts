import type { Citation } from '../citations';
import type { Library } from '../library/library';
import { keySuggestions } from '../citationChecks/keySuggestions';
import { escapeMarkdown, markdownCode } from '../text/markdown';
import { isOutsideBibliography } from '../library/reference';
import { referenceMarkdown, zoteroPlace, type ReferenceMarkdownOptions } from './referenceMarkdown';

export interface CitationHover {
  /** The cited key's offsets in the document. */
  start: number;
  end: number;
  markdown: string;
  key: string;
  known: boolean;
}

/** What to show when the cursor rests on a cited key: the key under the cursor, never the whole group. */
export function citationHover(citation: Citation, library: Library, options: ReferenceMarkdownOptions = {}): CitationHover {
  const definitions = library.lookupAll(citation.key);
  const base = { start: citation.start, end: citation.end, key: citation.key };
  if (definitions.length === 0) {
    const suggestions = keySuggestions(library, citation.key);
    // Keys are text from files: as code spans they show literally (a bare URL as a key is no link either).
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(markdownCode).join(', ')}?` : '';
    return { ...base, known: false, markdown: `**${markdownCode(citation.key)}** is not defined in any library this document uses.${hint}` };
  }
  // The user's own entry first: it is the one BibTeX or Pandoc uses. A Zotero or bundled entry under the
  // same key is where that entry was copied from, not a second definition to warn about; nor is Zotero's
  // entry a rival of the bundled one (either can be added).
  const own = definitions.filter((reference) => !isOutsideBibliography(reference));
  const [first, ...others] = own.length > 0 ? own : definitions.filter((reference) => reference.library === definitions[0]!.library);
  let markdown = `**${markdownCode(citation.key)}**\n\n${referenceMarkdown(first!, options)}`;
  if (others.length > 0) {
    const places = others.map((other) => (other.zotero ? `Zotero (${zoteroPlace(other.zotero)})` : `${other.source.path}:${other.source.line}`)).join(', ');
    markdown += `\n\n⚠ Also defined in ${escapeMarkdown(places)}`;
  }
  return { ...base, known: true, markdown };
}
