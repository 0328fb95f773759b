/**
 * Escapes text from a library (titles, abstracts, notes) for Markdown shown in the editor, so a
 * title can never inject links, HTML or formatting into a hover.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (character) => (character === '<' ? '&lt;' : character === '>' ? '&gt;' : character === '&' ? '&amp;' : `\\${character}`));
}

/** A Markdown link with its text escaped; the target goes in `<...>` so parentheses in a URL cannot end it early. */
export function markdownLink(text: string, target: string): string {
  return `[${escapeMarkdown(text)}](<${target.replace(/[<>\s]/g, (character) => encodeURIComponent(character))}>)`;
}
