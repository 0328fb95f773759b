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

const PUBLISHED_NOTE_PREFIX = 'Published version: ';

/**
 * The BibTeX `note` value that tells readers where a cited preprint was published: the bibliography
 * prints it, and the preprint check treats the entry as acknowledged. LaTeX specials are escaped
 * and braces dropped, since the recorded text is prose with URLs.
 */
export function publishedVersionNote(publishedVersion: string): string {
  return PUBLISHED_NOTE_PREFIX + publishedVersion.replace(/[{}]/g, '').replace(/([&%#_$])/g, '\\$1');
}

/** True when the entry's note already names its published version (as `publishedVersionNote` writes it). */
export function notesPublishedVersion(reference: Reference): boolean {
  return reference.fields.note?.includes(PUBLISHED_NOTE_PREFIX.trim()) ?? false;
}
