import * as path from 'node:path';
import { ACCEPTED_LIBRARY_FILE, acceptedPaperSessions, loadBundledLibraries } from './bundled';
import type { Reference } from './reference';

/** What CALM Cite knows of a paper accepted at the CALM 2024 workshop, beyond its bibliographic fields. */
export interface CalmAcceptedPaper {
  session: 'oral' | 'poster';
  /** The later (or other) versions the library records, when it found any. */
  otherVersions?: string;
}

let openReviewIds: ReadonlyMap<string, string> | undefined;

/** The OpenReview forum id of each bundled accepted paper, by key. */
function acceptedOpenReviewIds(): ReadonlyMap<string, string> {
  if (!openReviewIds) {
    const accepted = loadBundledLibraries().find((file) => path.basename(file.path) === ACCEPTED_LIBRARY_FILE);
    openReviewIds = new Map((accepted?.result.references ?? []).flatMap((reference) => (reference.fields.openreview ? [[reference.key, reference.fields.openreview.trim()] as const] : [])));
  }
  return openReviewIds;
}

/**
 * The accepted-paper facts of an entry of the bundled accepted papers, or of a copy of one in the
 * user's library (same key, same OpenReview forum id: CALM Cite copies the entry when the key is
 * cited); undefined for every other reference.
 */
export function calmAcceptedPaper(reference: Reference): CalmAcceptedPaper | undefined {
  const session = acceptedPaperSessions().get(reference.key);
  const openReview = acceptedOpenReviewIds().get(reference.key);
  if (!session || openReview === undefined || reference.fields.openreview?.trim() !== openReview) return undefined;
  // The library writes "None found." or "None confirmed. ..." when it found no other version worth citing.
  const recorded = reference.publishedVersion?.trim();
  const otherVersions = recorded && !/^none (found|confirmed)\b/i.test(recorded) ? recorded : undefined;
  return otherVersions ? { session, otherVersions } : { session };
}
