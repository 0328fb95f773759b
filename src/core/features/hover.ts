import { keyAt, type CitationLanguage, type CitationOptions } from '../citations';
import type { Library } from '../library/library';
import { nearestKeys } from '../library/nearestKeys';
import { escapeMarkdown, markdownCode } from '../text/markdown';
import { referenceMarkdown, type ReferenceMarkdownOptions } from './referenceMarkdown';

export interface CitationHover {
  /** The cited key's offsets in the document. */
  start: number;
  end: number;
  markdown: string;
  key: string;
  known: boolean;
}

/** What to show when the cursor rests on a cited key: the key under the cursor, never the whole group. */
export function citationHover(
  text: string,
  offset: number,
  language: CitationLanguage,
  library: Library,
  options: CitationOptions & ReferenceMarkdownOptions = {},
): CitationHover | undefined {
  const citation = keyAt(text, offset, language, options);
  if (!citation) return undefined;
  const definitions = library.lookupAll(citation.key);
  const base = { start: citation.start, end: citation.end, key: citation.key };
  if (definitions.length === 0) {
    const suggestions = nearestKeys(citation.key, library.keys().keys());
    // Library keys are text from a file: a code span shows each one literally (no link, no remote image).
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(markdownCode).join(', ')}?` : '';
    return { ...base, known: false, markdown: `**${markdownCode(citation.key)}** is not defined in any library this document uses.${hint}` };
  }
  const [first, ...others] = definitions;
  let markdown = `**${markdownCode(citation.key)}**\n\n${referenceMarkdown(first!, options)}`;
  if (others.length > 0) {
    const places = others.map((other) => `${other.source.path}:${other.source.line}`).join(', ');
    markdown += `\n\n$(warning) Also defined in ${escapeMarkdown(places)}`;
  }
  return { ...base, known: true, markdown };
}
