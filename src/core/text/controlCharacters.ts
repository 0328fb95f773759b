/**
 * Text for a terminal or a plain-text report, where it came from files: control characters (C0 and C1, DEL,
 * line and paragraph separators) and the bidirectional controls that reorder what a reader sees are shown as
 * escapes (`\x1b`, `\u202e`), so a title or key can neither drive the terminal nor hide what follows it.
 * Tabs and line breaks are escaped too: output lines and columns are made by the caller.
 */
export function visibleControls(text: string): string {
  return CONTROLS.test(text) ? text.replace(CONTROLS_GLOBAL, escape) : text;
}

const CONTROL_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069]';
const CONTROLS = new RegExp(CONTROL_CLASS);
const CONTROLS_GLOBAL = new RegExp(CONTROL_CLASS, 'g');

function escape(character: string): string {
  const code = character.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
