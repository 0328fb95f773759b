import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { CalmAcceptedPaper } from '../library/calmAccepted';
import { laterPublishedVersion } from '../library/publishedVersion';
import type { Reference } from '../library/reference';
import { formatReference } from '../preview/formatter';
import { escapeMarkdown, markdownLink } from '../text/markdown';

/** The workshop's four directions, as the bundled library tags them. */
export const CALM_TOPICS: Record<string, string> = {
  'calm:in': 'Causality in large models',
  'calm:for': 'Causality for large models',
  'calm:with': 'Causality with large models',
  'calm:of': 'Causality of large models',
};

const ABSTRACT_PREVIEW_LENGTH = 400;

export interface ReferenceMarkdownOptions {
  style?: string;
  /** Show the whole abstract instead of its first few hundred characters. */
  fullAbstract?: boolean;
  /** Where a shortened abstract's "whole abstract" link leads (an editor command); no link without it. */
  fullAbstractLink?: string;
  /** What CALM Cite knows of a CALM 2024 accepted paper (oral or poster, other versions), for the references that are one. */
  calmAccepted?: (reference: Reference) => CalmAcceptedPaper | undefined;
}

/**
 * A reference as Markdown for hovers and completion details: the CSL-formatted entry, the
 * abstract (or the library's note), links, topic tags, a later published version, and where the
 * entry is defined. Every piece of library text is escaped.
 */
export function referenceMarkdown(reference: Reference, options: ReferenceMarkdownOptions = {}): string {
  const blocks: string[] = [escapeMarkdown(formatReference(reference, options.style))];
  const accepted = options.calmAccepted?.(reference);
  if (accepted) blocks.push(`**CALM 2024 accepted paper, ${accepted.session}**`);

  const summary = reference.abstract ?? reference.note;
  if (summary) {
    const shortened = !options.fullAbstract && summary.length > ABSTRACT_PREVIEW_LENGTH;
    const shown = shortened ? `${summary.slice(0, ABSTRACT_PREVIEW_LENGTH).replace(/\s+\S*$/, '')} …` : summary;
    const label = reference.abstract ? 'Abstract' : 'Summary';
    const more = shortened && options.fullAbstractLink ? ` ${markdownLink(`whole ${label.toLowerCase()}`, options.fullAbstractLink)}` : '';
    blocks.push(`*${label}:* ${escapeMarkdown(shown)}${more}`);
  }

  const links = referenceLinks(reference).map(({ label, url }) => markdownLink(label, url));
  if (links.length > 0) blocks.push(links.join(' · '));

  const topics = reference.keywords.filter((keyword) => keyword in CALM_TOPICS).map((keyword) => CALM_TOPICS[keyword]!);
  if (topics.length > 0) blocks.push(`*CALM topics:* ${topics.map(escapeMarkdown).join(', ')}`);

  const published = laterPublishedVersion(reference);
  if (published) blocks.push(`⚠ *Preprint; published version:* ${escapeMarkdown(published)}`);
  if (accepted?.otherVersions) blocks.push(`*Other versions:* ${escapeMarkdown(accepted.otherVersions)}`);

  const where = `${path.basename(reference.source.path)}:${reference.source.line}`;
  const origin = reference.library === 'bundled' ? ' (CALM 2024 library, shipped with CALM Cite)' : '';
  const target = `${pathToFileURL(reference.source.path).href}#L${reference.source.line}`;
  blocks.push(`Defined in ${markdownLink(where, target)}${escapeMarkdown(origin)}`);
  return blocks.join('\n\n');
}

export function referenceLinks(reference: Reference): { label: string; url: string }[] {
  const links: { label: string; url: string }[] = [];
  if (reference.doi) links.push({ label: `DOI ${reference.doi}`, url: `https://doi.org/${reference.doi}` });
  if (reference.arxiv) links.push({ label: `arXiv:${reference.arxiv}`, url: `https://arxiv.org/abs/${reference.arxiv}` });
  // BibLaTeX-style `openreview = {ID}`, as the CALM libraries record workshop and conference papers.
  const openReview = reference.fields.openreview?.trim();
  if (openReview && /^[\w-]+$/.test(openReview)) links.push({ label: 'OpenReview', url: `https://openreview.net/forum?id=${openReview}` });
  if (reference.url && /^https?:\/\//i.test(reference.url) && !links.some((link) => link.url === reference.url)) {
    links.push({ label: 'URL', url: reference.url });
  }
  return links;
}

/** Short author line for completion details: "Kıcıman, Ness, Sharma et al. (2023)". */
export function authorYear(reference: Reference): string {
  const families = reference.authors.map((person) => person.literal ?? person.family);
  const authors = families.length > 3 ? `${families.slice(0, 3).join(', ')} et al.` : families.join(', ');
  return [authors, reference.year && `(${reference.year})`].filter(Boolean).join(' ');
}
