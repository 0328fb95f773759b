import type { FindingDraft } from '../finding';
import { commaList, findCommands, locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

/** Packages whose only purpose is to change the page layout or spacing the style fixes. */
const LAYOUT_PACKAGES = new Set(['geometry', 'fullpage', 'savetrees', 'vmargin', 'anysize', 'a4wide', 'a4', 'layout', 'setspace']);

/** Lengths that define the text block, set by the style. */
const LAYOUT_LENGTHS =
  /^\\(textwidth|textheight|oddsidemargin|evensidemargin|topmargin|headheight|headsep|footskip|voffset|hoffset|marginparwidth|baselineskip)$/;

/** Commands that change the page geometry, line spacing or the body font size directly. */
const DIRECT_HACKS = /\\(geometry|newgeometry|linespread|enlargethispage)(?![a-zA-Z@])/g;
/** Negative vertical space squeezes the text the style spaces: \vspace{-3mm}, \vspace*{-1ex}, \vskip -2pt. */
const NEGATIVE_SPACE = /\\(vspace\*?\s*\{|vskip)\s*-/g;
// `\s*(?:\{\s*)?`, not `\s*\{?\s*`: two runs of blanks in a row split a long run of spaces every possible way.
const REDEFINED_SIZE = /\\(?:renewcommand|def)\s*(?:\{\s*)?\\(normalsize|baselinestretch|small|footnotesize)(?![a-zA-Z@])/g;

/** S4: no changes to margins, text block, line spacing or font sizes. */
export const checkLayoutHacks: SourceRule = ({ document }) => {
  const drafts: FindingDraft[] = [];
  for (const file of document.files) {
    for (const use of findCommands(file, 'usepackage')) {
      for (const name of commaList(use.args[0]).filter((item) => LAYOUT_PACKAGES.has(item))) {
        drafts.push({
          ...locate(file, use.offset),
          message: `\\usepackage{${name}} changes the page layout or spacing that the style fixes. Remove it and keep the style's margins and spacing.`,
        });
      }
    }
    for (const command of ['setlength', 'addtolength']) {
      for (const use of findCommands(file, command, 2)) {
        const length = (use.args[0] ?? '').trim();
        if (LAYOUT_LENGTHS.test(length)) {
          drafts.push({
            ...locate(file, use.offset),
            message: `\\${command}{${length}} changes the text block. Remove it: the style's 5.5in x 9in text block must not be changed.`,
          });
        }
      }
    }
    for (const match of file.masked.matchAll(DIRECT_HACKS)) {
      drafts.push({
        ...locate(file, match.index),
        message: `\\${match[1]} changes the page geometry or line spacing. Remove it and shorten the text instead.`,
      });
    }
    for (const match of file.masked.matchAll(NEGATIVE_SPACE)) {
      const command = match[1]!.startsWith('vskip') ? '\\vskip' : `\\${match[1]!.replace(/\s*\{$/, '')}`;
      drafts.push({
        ...locate(file, match.index),
        severity: 'warning',
        message: `Negative ${command} removes space the style sets, to fit more text. Remove it and shorten the text instead.`,
      });
    }
    for (const match of file.masked.matchAll(REDEFINED_SIZE)) {
      drafts.push({
        ...locate(file, match.index),
        message: `Redefining \\${match[1]} changes the font size or line spacing the style sets (10pt on 11pt). Remove the redefinition.`,
      });
    }
  }
  return drafts;
};
