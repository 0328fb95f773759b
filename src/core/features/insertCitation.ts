import { citationContextIn, type CitationLanguage, type CitationOptions } from '../citations';
import type { CitingDocument } from '../documents';

export interface CitationInsertion {
  /** Replace `start`..`end` (often empty) with `text`. */
  start: number;
  end: number;
  text: string;
}

export interface InsertCitationOptions extends CitationOptions {
  /** The LaTeX command for a new citation, without backslash (`citep`). */
  latexCommand: string;
}

/**
 * How to cite `key` at `offset`: in an empty key slot (`\citep{a, |}`, `[@|]`) just the key; inside
 * an existing citation, appended to its key list (`, key` / `; @key`) so the group stays one
 * citation; elsewhere a new `\citep{key}` or `[@key]`.
 */
export function citationInsertion(document: CitingDocument, offset: number, key: string, options: InsertCitationOptions): CitationInsertion {
  const { text, language } = document;
  const context = citationContextIn(document, offset, options);
  if (context && context.replaceStart === context.replaceEnd) return { start: offset, end: offset, text: key };

  const citations = document.language === 'latex' ? document.citations(options.extraCommands) : document.citations();
  const group = citations
    .map((citation) => citation.group)
    .find((candidate) => candidate.start < offset && offset < candidate.end && isClosedGroup(text, candidate, language));
  if (group) {
    // The group ends with the `}` of the key list or the `]` of a Pandoc bracket: the new key goes just before it.
    const closing = group.end - 1;
    const separator = language === 'latex' ? ',' : ';';
    const endsWithSeparator = text.slice(group.start, closing).trimEnd().endsWith(separator);
    const item = language === 'latex' ? key : `@${key}`;
    return { start: closing, end: closing, text: endsWithSeparator ? item : `${separator} ${item}` };
  }
  return { start: offset, end: offset, text: language === 'latex' ? `\\${options.latexCommand}{${key}}` : `[@${key}]` };
}

/** A LaTeX command ends with its key list's `}`; a Pandoc citation is a group only in brackets (not a narrative `@key`). */
function isClosedGroup(text: string, group: { start: number; end: number }, language: CitationLanguage): boolean {
  return language === 'latex' ? text.charAt(group.end - 1) === '}' : text.charAt(group.start) === '[' && text.charAt(group.end - 1) === ']';
}
