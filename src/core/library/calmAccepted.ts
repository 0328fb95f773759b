import * as path from 'node:path';
import { ACCEPTED_LIBRARY_FILE, acceptedPaperSessions } from './bundled';
import type { Reference } from './reference';

/** What CALM Cite knows of a paper accepted at the CALM 2024 workshop, beyond its bibliographic fields. */
export interface CalmAcceptedPaper {
  session: 'oral' | 'poster';
  /** The later (or other) versions the library records, when it found any. */
  otherVersions?: string;
}

/**
 * The accepted-paper facts of a bundled entry of `calm2024-accepted.bib`; undefined for every other
 * reference (a user's own copy of the entry is the user's, not the workshop's record).
 */
export function calmAcceptedPaper(reference: Reference): CalmAcceptedPaper | undefined {
  if (reference.library !== 'bundled' || path.basename(reference.source.path) !== ACCEPTED_LIBRARY_FILE) return undefined;
  const session = acceptedPaperSessions().get(reference.key);
  if (!session) return undefined;
  // The library writes "None found." or "None confirmed. ..." when it found no other version worth citing.
  const recorded = reference.publishedVersion?.trim();
  const otherVersions = recorded && !/^none (found|confirmed)\b/i.test(recorded) ? recorded : undefined;
  return otherVersions ? { session, otherVersions } : { session };
}
