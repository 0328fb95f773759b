/**
 * Escapes text from a library (titles, abstracts, notes) for Markdown shown in the editor, so a title
 * can never inject links, HTML or formatting into a hover. Only what can start markup is escaped, since
 * editors that show Markdown as plain text (Neovim 0.7's hover) show every backslash: the inline
 * characters anywhere (`&` only where it would start an entity), the block markers (`#`, `-`, `+`, `=`,
 * `:`, `1.`) only at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~<>]|&(?=#?\w+;)/g, (character) => (character === '<' ? '&lt;' : character === '>' ? '&gt;' : `\\${character}`))
    // A line's indentation means nothing in a paragraph, and after a blank line it would open a code block.
    .replace(/(?<=[\n\r])[ \t]+/g, '')
    .replace(/^(?:([#+\-=:])|(\d+)([.)])(?=\s|$))/gm, (_line, marker?: string, digits?: string, delimiter?: string) => (marker ? `\\${marker}` : `${digits}\\${delimiter}`));
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
