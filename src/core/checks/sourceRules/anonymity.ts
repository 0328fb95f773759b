import { findEmails } from '../emails';
import type { FindingDraft } from '../finding';
import { definitionRanges, findCommands, findCommandsInFiles, insideAny, locate } from '../latexCommands';
import type { LatexDocument as LatexFile } from '../../documents';
import type { SourceRule } from './sourceRule';

/** Self-citation in the first person: "our previous work \cite{..}", "in our prior work [3]". */
const FIRST_PERSON_CITATION =
  /\bour\s+(?:own\s+)?(?:previous|prior|earlier|past)\s+(?:work|paper|study|studies|publication|article)s?\b[^.]{0,60}?(?:\\cite[a-zA-Z]*\b|\[\s*\d)/gi;
const WE_PREVIOUSLY = /\bwe\s+(?:have\s+)?previously\s+(?:showed|shown|proposed|introduced|demonstrated|found|developed|presented|reported|studied|published)\b/gi;

/**
 * Code-hosting URLs that name a user or organisation; anonymous mirrors (anonymous.4open.science) do not match.
 * The user name of `user.github.io` must start a word: tried from inside a 100 KB run of letters, the pattern
 * took quadratic time.
 */
const PERSONAL_URL = /(?:https?:\/\/)?(?:www\.)?(?:(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co)\/([A-Za-z0-9_.-]+)|(?<![A-Za-z0-9-])([A-Za-z0-9-]+)\.github\.io)/gi;
/** Wording that makes a URL the authors' own rather than a tool they used. */
const OWNERSHIP =
  /\b(?:our|my)\s+(?:code|implementation|repository|repo|project|models?|data(?:set)?s?|website|page|library|package|toolkit|framework)\b|\b(?:code|implementation|models?|data(?:set)?s?)\s+(?:is|are|will\s+be)\s+(?:publicly\s+|freely\s+)?(?:available|released|open[- ]sourced)\b|\bwe\s+(?:release|open[- ]source|publish|make)\b|\b(?:code|data(?:set)?s?|models?|implementation)(?:\s+and\s+(?:code|data(?:set)?s?|models?))?\s*:\s*(?:\\(?:url|href)\s*\{)?\s*$/i;

/** The text of the sentence before `offset` (back to the previous full stop or blank line), at most 300 characters. */
function sentenceBefore(clean: string, offset: number): string {
  const window = clean.slice(Math.max(0, offset - 300), offset);
  const boundary = Math.max(window.search(/[.!?]\s+[^.!?]*$/), window.lastIndexOf('\n\n'));
  return boundary === -1 ? window : window.slice(boundary + 1);
}

function authorRanges(file: LatexFile): Array<[number, number]> {
  return findCommands(file, 'author').map((use) => [use.offset, use.end]);
}

/** ``quoted'' and \enquote{...} text mentions a phrase rather than using it (the template quotes "In our previous work [4]"). */
function quotedRanges(file: LatexFile): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const match of file.masked.matchAll(/``[^`']{0,300}''/g)) ranges.push([match.index, match.index + match[0].length]);
  for (const use of findCommands(file, 'enquote')) ranges.push([use.offset, use.end]);
  return ranges;
}

function checkWording(file: LatexFile): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const quoted = quotedRanges(file);
  for (const pattern of [FIRST_PERSON_CITATION, WE_PREVIOUSLY]) {
    for (const match of file.masked.matchAll(pattern)) {
      if (insideAny(match.index, quoted)) continue;
      const phrase = match[0].replace(/\s+/g, ' ');
      drafts.push({
        ...locate(file, match.index),
        message: `"${phrase}" cites your own work in the first person, which reveals who you are. Cite it in the third person ("Jones et al. [4] showed ...").`,
      });
    }
  }
  return drafts;
}

/** Between \begin{document} and the abstract or first section: what is printed under the title belongs to the authors. */
function titleArea(file: LatexFile): [number, number] | undefined {
  const begin = /\\begin\s*\{document\}/.exec(file.masked);
  if (!begin) return undefined;
  const body = /\\begin\s*\{abstract\}|\\section\*?\s*\{/g;
  body.lastIndex = begin.index;
  const end = body.exec(file.masked);
  return end ? [begin.index, end.index] : undefined;
}

function checkUrls(file: LatexFile): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const title = titleArea(file);
  const reported = new Set<string>();
  for (const match of file.masked.matchAll(PERSONAL_URL)) {
    const owner = (match[1] ?? match[2] ?? '').toLowerCase();
    const underTitle = title !== undefined && insideAny(match.index, [title]);
    if (owner.startsWith('anonymous') || !(underTitle || OWNERSHIP.test(sentenceBefore(file.masked, match.index)))) continue;
    // \href{url}{url} prints one link: one finding per account and line.
    const key = `${owner}:${file.position(match.index).line}`;
    if (reported.has(key)) continue;
    reported.add(key);
    drafts.push({
      ...locate(file, match.index),
      message: `${match[0]} presents your own code or data under the account "${owner}", which identifies you. Use an anonymized link (e.g. anonymous.4open.science) or upload it as supplementary material.`,
    });
  }
  return drafts;
}

function checkEmailsAndThanks(file: LatexFile): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  // Text in \author is hidden by the style; text in a macro definition is printed only where the macro is used.
  const inAuthor = [...authorRanges(file), ...definitionRanges(file)];
  for (const use of findCommands(file, 'thanks')) {
    if (insideAny(use.offset, inAuthor)) continue;
    drafts.push({
      ...locate(file, use.offset),
      message: '\\thanks outside \\author is printed even in the anonymous submission. Remove it (or move funding notes into the ack environment) until the camera-ready.',
    });
  }
  for (const email of findEmails(file.masked)) {
    if (insideAny(email.offset, inAuthor)) continue;
    const plural = email.addresses.length > 1;
    drafts.push({
      ...locate(file, email.offset),
      message: `The e-mail address${plural ? 'es' : ''} ${email.addresses.join(', ')} ${plural ? 'are' : 'is'} printed in the submission and identif${plural ? 'y' : 'ies'} the authors. Remove ${plural ? 'them' : 'it'} until the camera-ready.`,
    });
  }
  return drafts;
}

/** PDF metadata set through hyperref survives anonymization: \hypersetup{pdfauthor={...}}. */
function checkPdfAuthor(files: readonly LatexFile[]): FindingDraft[] {
  const settings = [...findCommandsInFiles(files, 'hypersetup'), ...findCommandsInFiles(files, 'usepackage')];
  return settings.flatMap((use) => {
    const text = `${use.options ?? ''},${use.args[0] ?? ''}`;
    const author = /pdfauthor\s*=\s*\{?([^,}]*)/.exec(text);
    // A macro's value is not known from here (it may be set only for a public build), and "Anonymous ..." names no one.
    const value = author?.[1]!.trim() ?? '';
    if (value === '' || value.startsWith('\\') || /^anonymous\b/i.test(value)) return [];
    return [
      {
        ...locate(use.file, use.offset),
        message: `pdfauthor=${value} writes author names into the PDF metadata. Leave pdfauthor empty for the submission.`,
      },
    ];
  });
}

/** The NeurIPS template's example author, left in place: no one's name. */
export const TEMPLATE_AUTHOR = /David\s*S\.?(?:~|\s)*Hippocampus/;

/**
 * The style replaces \author by "Anonymous Author(s)" in the submission PDF, so names there are only
 * a risk in shared sources (supplementary material, arXiv); that is worth a note, not a warning.
 */
function noteAuthorBlock(files: readonly LatexFile[]): FindingDraft[] {
  const author = findCommandsInFiles(files, 'author').find((use) => {
    const names = (use.args[0] ?? '').replace(/\\[a-zA-Z@]+/g, ' ').trim();
    return /[A-Za-z]{2,}/.test(names) && !/^anonymous/i.test(names) && !TEMPLATE_AUTHOR.test(use.args[0] ?? '');
  });
  if (!author) return [];
  return [
    {
      ...locate(author.file, author.offset),
      severity: 'info',
      message: '\\author names real people; the style hides them in the submission PDF, but they are in the .tex. Anonymize \\author before sharing the source or supplementary material.',
    },
  ];
}

/** S8: double-blind submissions must not reveal the authors. Only the anonymous (submission) mode is checked. */
export const checkAnonymity: SourceRule = ({ document, style }) => {
  if (!style.isSubmission) return [];
  return [
    ...document.files.flatMap((file) => [...checkWording(file), ...checkUrls(file), ...checkEmailsAndThanks(file)]),
    ...checkPdfAuthor(document.files),
    ...noteAuthorBlock(document.files),
  ];
};
