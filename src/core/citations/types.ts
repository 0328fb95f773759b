/** Which citation syntax a document uses. `markdown` covers Pandoc Markdown, Quarto (.qmd) and R Markdown (.Rmd). */
export type CitationLanguage = 'latex' | 'markdown';

export interface TextRange {
  start: number;
  end: number;
}

/** One cited key in a document. Offsets are UTF-16 indices into the document text; `end` is exclusive. */
export interface Citation {
  key: string;
  /** Offsets of the key itself (without `@`, braces or commas), so an edit can replace exactly the key. */
  start: number;
  end: number;
  /** The LaTeX command without backslash, starred form included (`citep*`); absent for Pandoc citations. */
  command?: string;
  /** The whole citation: `\citep[see][p.~4]{a,b}` or `[see @a, p. 3; @b]` or a narrative `@a [p. 3]`. */
  group: TextRange;
}

export interface CitationOptions {
  /** Further LaTeX citing commands, named without backslash (from a user setting). Ignored for Markdown. */
  extraCommands?: readonly string[];
  /** Longer documents are not scanned (default `MAX_CITATION_DOCUMENT_LENGTH`; tests use small ones). */
  maxDocumentLength?: number;
}

export type CitationSyntax = 'latex' | 'pandoc-bracket' | 'pandoc-narrative';

/** Where a key is being typed, for completion. */
export interface CitationContext {
  /** The part of the key before the cursor; may be empty. */
  prefix: string;
  /** The whole partial key around the cursor, so accepting a completion replaces it entirely. */
  replaceStart: number;
  replaceEnd: number;
  /** The other keys already cited in the same group, so completion can leave them out. */
  keysInGroup: string[];
  syntax: CitationSyntax;
}
