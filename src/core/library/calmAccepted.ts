import * as path from 'node:path';
import { z } from 'zod';
import { ACCEPTED_LIBRARY_FILE } from './bundled';
import type { Library } from './library';
import type { Reference } from './reference';

/** What CALM Cite knows of a paper accepted at the CALM 2024 workshop, beyond its bibliographic fields. */
export interface CalmAcceptedPaper {
  session: 'oral' | 'poster';
  /** The later (or other) versions the library records, when it found any. */
  otherVersions?: string;
}

/** The accepted papers' sessions and OpenReview forum ids, by key. */
export interface CalmAcceptedFacts {
  sessions: ReadonlyMap<string, 'oral' | 'poster'>;
  openReviewIds: ReadonlyMap<string, string>;
}

/** The accepted-papers page lists the four oral presentations first, then the posters. */
const ORAL_COUNT = 4;

const AcceptedItemsSchema = z.array(z.object({ id: z.string(), custom: z.object({ seed_index: z.number().int().min(1) }) }));

/**
 * The facts from the shipped accepted papers: each paper's session from its position on the accepted-papers
 * page (`seed_index` of the CSL-JSON), its OpenReview id from the bundled `.bib` the library holds. A
 * JSON that does not parse gives no sessions, never an error in a hover.
 */
export function calmAcceptedFacts(acceptedJson: string | undefined, bundled: Library): CalmAcceptedFacts {
  let sessions = new Map<string, 'oral' | 'poster'>();
  try {
    const items = AcceptedItemsSchema.parse(JSON.parse(acceptedJson ?? '[]'));
    sessions = new Map(items.map((item) => [item.id, item.custom.seed_index <= ORAL_COUNT ? 'oral' : 'poster']));
  } catch {
    sessions = new Map();
  }
  const accepted = bundled.filePaths().find((file) => path.basename(file) === ACCEPTED_LIBRARY_FILE);
  const openReviewIds = new Map(
    (accepted ? bundled.fileReferences(accepted) : []).flatMap((reference) => (reference.fields.openreview ? [[reference.key, reference.fields.openreview.trim()] as const] : [])),
  );
  return { sessions, openReviewIds };
}

/**
 * The accepted-paper facts of an entry of the bundled accepted papers, or of a copy of one in the user's
 * library (same key, same OpenReview forum id: CALM Cite copies the entry when the key is cited);
 * undefined for every other reference.
 */
export function calmAcceptedPaper(reference: Reference, facts: CalmAcceptedFacts): CalmAcceptedPaper | undefined {
  const session = facts.sessions.get(reference.key);
  const openReview = facts.openReviewIds.get(reference.key);
  if (!session || openReview === undefined || reference.fields.openreview?.trim() !== openReview) return undefined;
  // The library writes "None found." or "None confirmed. ..." when it found no other version worth citing.
  const recorded = reference.publishedVersion?.trim();
  const otherVersions = recorded && !/^none (found|confirmed)\b/i.test(recorded) ? recorded : undefined;
  return otherVersions ? { session, otherVersions } : { session };
}
