import type { Reference } from './reference';

/** An entry that describes an arXiv (or other) preprint rather than a peer-reviewed version. */
export function isPreprint(reference: Reference): boolean {
  if (reference.venue && !/arxiv|preprint/i.test(reference.venue)) return false;
  return Boolean(reference.arxiv) || /arxiv|preprint/i.test(`${reference.publisher ?? ''} ${reference.fields.howpublished ?? ''}`);
}

/**
 * The peer-reviewed version of a preprint, when the library knows one. The bundled library also
 * records "None found" and "No archival version found", which are not versions to point at.
 */
export function laterPublishedVersion(reference: Reference): string | undefined {
  const recorded = reference.publishedVersion?.trim();
  if (!recorded || !isPreprint(reference)) return undefined;
  if (/^(none found|no archival version|no later version)/i.test(recorded)) return undefined;
  return recorded;
}
