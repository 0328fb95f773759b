import type { FindingDraft } from '../finding';
import { findEnvironments, locate } from '../latexCommands';
import type { SourceRule } from './sourceRule';

// The heading is looked for within 200 characters, so unclosed headings do not each search the rest of the file.
const ACK_HEADING = /\\((?:section|subsection|subsubsection|paragraph)\*?)\s*\{\s*(Acknowledg[^}]{0,200})\}/g;

/** S6: acknowledgments written as a plain heading stay visible in the anonymous PDF; the ack environment hides them. */
export const checkAckEnvironment: SourceRule = ({ document }) => {
  const drafts: FindingDraft[] = [];
  for (const file of document.files) {
    const ackBodies = findEnvironments(file, 'ack');
    for (const match of file.masked.matchAll(ACK_HEADING)) {
      if (ackBodies.some((body) => match.index >= body.start && match.index < body.end)) continue;
      drafts.push({
        ...locate(file, match.index),
        message: `"\\${match[1]}{${match[2]!.trim()}}" prints acknowledgments even in the anonymous submission. Put them in \\begin{ack} ... \\end{ack}, which the style hides until [final].`,
      });
    }
  }
  return drafts;
};
