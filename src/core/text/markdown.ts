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

/**
 * Text as inline code that no content can break out of: a backtick run longer than any inside it, and
 * spaces inside the fence so a leading or trailing backtick stays text (CommonMark's rule).
 */
export function markdownCode(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text.replace(/[\r\n]+/g, ' ')} ${fence}`;
}
