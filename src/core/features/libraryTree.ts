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
 * order), the document's own bibliography; then one group per Zotero library, its collections as Zotero
 * shows them (an item in several appears under each, items in none under "Unfiled Items"); then the
 * workshop's selected references split by its four directions (an entry tagged with several appears
 * under each), and its accepted papers split into orals and posters. Groups hold at most `cap` entries
 * so a 100k-entry file does not flood the view.
 */
export function libraryTree(library: Library, facts: CalmAcceptedFacts, cap: number = DEFAULT_ENTRY_CAP): LibraryTreeGroup[] {
  const own: LibraryTreeGroup[] = [];
  const zotero: LibraryTreeGroup[] = [];
  const bundled: LibraryTreeGroup[] = [];
  for (const filePath of library.filePaths()) {
    const file = { ...library.file(filePath)!, references: library.fileReferences(filePath) };
    const errors = file.errors.length > 0 ? `, ${file.errors.length} ${file.errors.length === 1 ? 'error' : 'errors'}` : '';
    if (file.format === 'zotero') {
      zotero.push(...zoteroGroups(file.references, errors, cap));
      continue;
    }
    if (file.references.length > 0 && file.references.every((reference) => reference.library === 'bundled')) {
      bundled.push(path.basename(filePath) === ACCEPTED_LIBRARY_FILE ? acceptedGroup(filePath, file.references, facts, cap) : selectedGroup(filePath, file.references, cap));
      continue;
    }
    own.push({ ...entryGroup(path.basename(filePath), file.references, cap), description: `${count(file.references.length)}${errors}`, path: filePath });
  }
  return [...own, ...zotero, ...bundled];
}

/** One group per Zotero library the document is offered (the database's errors on the first), by collection. */
function zoteroGroups(references: readonly Reference[], errors: string, cap: number): LibraryTreeGroup[] {
  const byLibrary = new Map<string, Reference[]>();
  for (const reference of references) {
    const name = reference.zotero?.libraryName ?? '';
    const list = byLibrary.get(name);
    if (list) list.push(reference);
    else byLibrary.set(name, [reference]);
  }
  if (byLibrary.size === 0) return [{ label: 'Zotero', description: `no references${errors}`, groups: [], entries: [], hidden: 0 }];
  return [...byLibrary].map(([name, items], index) => ({
    label: `Zotero: ${name}`,
    description: `${count(items.length)}${index === 0 ? errors : ''}`,
    groups: collectionGroups(items, cap),
    entries: [],
    hidden: 0,
  }));
}

interface CollectionNode {
  children: Map<string, CollectionNode>;
  references: Reference[];
}

function collectionGroups(references: readonly Reference[], cap: number): LibraryTreeGroup[] {
  const root: CollectionNode = { children: new Map(), references: [] };
  const unfiled: Reference[] = [];
  for (const reference of references) {
    const collections = reference.zotero?.collections ?? [];
    if (collections.length === 0) unfiled.push(reference);
    for (const collection of collections) {
      let node = root;
      for (const name of collection) {
        let child = node.children.get(name);
        if (!child) node.children.set(name, (child = { children: new Map(), references: [] }));
        node = child;
      }
      node.references.push(reference);
    }
  }
  const groups = nodeGroups(root, cap);
  if (unfiled.length > 0) groups.push(entryGroup('Unfiled Items', unfiled, cap));
  return groups;
}

/** Subcollections by name, as Zotero lists them; each with the items directly in it. */
function nodeGroups(node: CollectionNode, cap: number): LibraryTreeGroup[] {
  return [...node.children]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, child]) => ({ ...entryGroup(name, child.references, cap), groups: nodeGroups(child, cap) }));
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
