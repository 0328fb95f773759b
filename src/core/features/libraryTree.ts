import * as path from 'node:path';
import { ACCEPTED_LIBRARY_FILE } from '../library/bundled';
import { calmAcceptedPaper, type CalmAcceptedFacts } from '../library/calmAccepted';
import type { Library } from '../library/library';
import type { Reference } from '../library/reference';
import { authorYear, CALM_TOPICS } from './referenceMarkdown';

/** A folder of the References view: a library file, a bundled CALM library, or one of its parts (a direction, a session). */
export interface LibraryTreeGroup {
  label: string;
  description: string;
  /** The library file the group shows, when it is one. */
  path?: string;
  groups: LibraryTreeGroup[];
  entries: LibraryTreeEntry[];
  /** References left out by the cap; the view says how many and where to search them. */
  hidden: number;
}

export interface LibraryTreeEntry {
  reference: Reference;
  /** Authors and year, shown beside the key. */
  description: string;
}

export const DEFAULT_ENTRY_CAP = 2_000;

/**
 * The active document's libraries as a tree: first one group per user library file (entries in file
 * order), the document's own bibliography; then the workshop's selected references split by its four
 * directions (an entry tagged with several appears under each), and its accepted papers split into
 * orals and posters. Groups hold at most `cap` entries so a 100k-entry file does not flood the view.
 */
export function libraryTree(library: Library, facts: CalmAcceptedFacts, cap: number = DEFAULT_ENTRY_CAP): LibraryTreeGroup[] {
  const own: LibraryTreeGroup[] = [];
  const bundled: LibraryTreeGroup[] = [];
  for (const filePath of library.filePaths()) {
    const file = { ...library.file(filePath)!, references: library.fileReferences(filePath) };
    if (file.references.length > 0 && file.references.every((reference) => reference.library === 'bundled')) {
      bundled.push(path.basename(filePath) === ACCEPTED_LIBRARY_FILE ? acceptedGroup(filePath, file.references, facts, cap) : selectedGroup(filePath, file.references, cap));
      continue;
    }
    const errors = file.errors.length > 0 ? `, ${file.errors.length} ${file.errors.length === 1 ? 'error' : 'errors'}` : '';
    own.push({ ...entryGroup(path.basename(filePath), file.references, cap), description: `${count(file.references.length)}${errors}`, path: filePath });
  }
  return [...own, ...bundled];
}

function selectedGroup(filePath: string, references: readonly Reference[], cap: number): LibraryTreeGroup {
  const directions = Object.entries(CALM_TOPICS).map(([topic, title]) =>
    entryGroup(directionLabel(title), references.filter((reference) => reference.keywords.includes(topic)), cap),
  );
  const untagged = references.filter((reference) => !reference.keywords.some((keyword) => keyword in CALM_TOPICS));
  if (untagged.length > 0) directions.push(entryGroup('Other', untagged, cap));
  return { label: 'CALM 2024 selected references', description: `${count(references.length)}, bundled`, path: filePath, groups: directions, entries: [], hidden: 0 };
}

function acceptedGroup(filePath: string, references: readonly Reference[], facts: CalmAcceptedFacts, cap: number): LibraryTreeGroup {
  const sessions = [
    entryGroup('Orals', references.filter((reference) => calmAcceptedPaper(reference, facts)?.session === 'oral'), cap),
    entryGroup('Posters', references.filter((reference) => calmAcceptedPaper(reference, facts)?.session === 'poster'), cap),
  ];
  return { label: 'CALM 2024 accepted papers', description: `${count(references.length)}, bundled`, path: filePath, groups: sessions, entries: [], hidden: 0 };
}

/** "Causality in large models" → "In large models": the view is already about causality. */
function directionLabel(title: string): string {
  const rest = title.replace(/^Causality /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function entryGroup(label: string, references: readonly Reference[], cap: number): LibraryTreeGroup {
  return {
    label,
    description: count(references.length),
    groups: [],
    entries: references.slice(0, cap).map((reference) => ({ reference, description: authorYear(reference) })),
    hidden: Math.max(0, references.length - cap),
  };
}

function count(references: number): string {
  return `${references} ${references === 1 ? 'reference' : 'references'}`;
}
