import type { Reference } from '../reference';
import { BibtexReference } from './bibtexReference';

/** Fields an entry never inherits (BibLaTeX manual, "Data Inheritance"): they identify or steer the parent. */
const NOT_INHERITED = new Set([
  'crossref', 'xref', 'xdata', 'ids', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort',
  'related', 'relatedoptions', 'relatedstring', 'relatedtype', 'shorthand', 'shorthandintro', 'sortkey',
]);

/** The parent's own title fields describe the parent; BibLaTeX maps them to book/journal titles instead. */
const TITLE_FIELDS = new Set(['title', 'subtitle', 'titleaddon', 'shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle']);

/** Parent types whose title becomes the child's booktitle (and maintitle for the mv* kinds). */
const BOOK_LIKE = new Set(['proceedings', 'book', 'collection', 'reference', 'mvbook', 'mvcollection', 'mvproceedings', 'mvreference']);

/**
 * Fills what BibTeX entries with a `crossref` field lack from their parent, which may come from another
 * file, in place: their display fields are then computed from the filled fields. Keys match
 * case-insensitively, as in BibTeX. Chains are followed (BibLaTeX allows them) and cycles are cut.
 * Idempotent: a filled field is never refilled.
 */
export function resolveCrossrefs(references: Reference[]): void {
  if (!references.some(hasCrossref)) return;
  const byKey = new Map<string, number>();
  references.forEach((reference, index) => {
    const key = reference.key.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, index);
  });
  const done = new Set<number>();
  /** Field names each reference got from its parent, by index: inherited values rank below written ones. */
  const inherited = new Map<number, Set<string>>();
  for (let index = 0; index < references.length; index++) {
    if (done.has(index) || !hasCrossref(references[index]!)) continue;
    // Walk up the chain first and fill from the top down, so a parent has inherited before its child
    // copies from it. A loop, not recursion: a long chain must not overflow the stack.
    const chain: number[] = [];
    const onChain = new Set<number>();
    let current: number | undefined = index;
    while (current !== undefined && !done.has(current) && !onChain.has(current)) {
      chain.push(current);
      onChain.add(current);
      current = parentOf(references[current]!, byKey);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const childIndex = chain[i]!;
      done.add(childIndex);
      const child = references[childIndex]!;
      if (!hasCrossref(child)) continue; // the top of the chain
      const parentIndex = parentOf(child, byKey);
      // A cycle's closing link (parent still on the chain above) is cut.
      if (parentIndex === undefined || parentIndex === childIndex || (onChain.has(parentIndex) && !done.has(parentIndex))) continue;
      // In place: callers may already hold this object (an index, a map by key).
      const filled = inherit(child.fields, references[parentIndex]!, inherited.get(parentIndex));
      if (filled.size > 0) {
        inherited.set(childIndex, filled);
        child.fieldsChanged();
      }
    }
  }
}

/** Only BibTeX entries inherit: other formats have no crossref, and their display fields are not computed from `fields`. */
function hasCrossref(reference: Reference): reference is BibtexReference {
  return reference instanceof BibtexReference && reference.fields.crossref !== undefined;
}

/** Index of the entry a BibTeX entry's `crossref` names, if any. */
function parentOf(reference: Reference, byKey: ReadonlyMap<string, number>): number | undefined {
  return hasCrossref(reference) ? byKey.get(reference.fields.crossref!.trim().toLowerCase()) : undefined;
}

/**
 * Copies the parent's fields the child lacks and returns their names. A book-like parent's title becomes
 * the child's booktitle (BibLaTeX), unless the parent itself wrote a booktitle (BibTeX data sets do, with
 * a shorter form than the title): then that one, as BibTeX would use it.
 */
function inherit(fields: Record<string, string>, parent: Reference, parentInherited: Set<string> | undefined): Set<string> {
  const filled = new Set<string>();
  const fill = (name: string, value: string | undefined): void => {
    if (value !== undefined && !Object.hasOwn(fields, name)) {
      fields[name] = value;
      filled.add(name);
    }
  };
  const bookLike = BOOK_LIKE.has(parent.type);
  const periodical = parent.type === 'periodical';
  const own = (name: string) => (parentInherited?.has(name) ? undefined : parent.fields[name]);
  if (bookLike) {
    fill('booktitle', own('booktitle') ?? parent.fields.title);
    if (parent.type.startsWith('mv')) fill('maintitle', parent.fields.title);
  } else if (periodical) {
    fill('journaltitle', parent.fields.title);
  }
  for (const [name, value] of Object.entries(parent.fields)) {
    if (NOT_INHERITED.has(name)) continue;
    if (TITLE_FIELDS.has(name) && (bookLike || periodical)) continue;
    fill(name, value);
  }
  return filled;
}
