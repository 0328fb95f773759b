/**
 * Escapes text from a library (titles, abstracts, notes) for Markdown shown in the editor, so a
 * title can never inject links, HTML or formatting into a hover.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (character) => (character === '<' ? '&lt;' : character === '>' ? '&gt;' : character === '&' ? '&amp;' : `\\${character}`));
}

/**
 * `text` as a Markdown code span, shown literally whatever it holds: the fence is one backtick longer than
 * the longest run inside, so a key like `` a`b `` or `<https://x>` or `![x](https://x)` can neither end the
 * span nor become a link or an image. Line breaks, which cannot stand in a span, are shown as spaces.
 */
export function markdownCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  // A space inside each fence keeps a leading or trailing backtick from joining it; CommonMark strips one each side.
  const padded = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}

/** A Markdown link with its text escaped; the target goes in `<...>` so parentheses in a URL cannot end it early. */
export function markdownLink(text: string, target: string): string {
  return `[${escapeMarkdown(text)}](<${target.replace(/[<>\s]/g, (character) => encodeURIComponent(character))}>)`;
}
