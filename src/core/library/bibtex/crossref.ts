import { CROSSREF_BUDGET_FLOOR, CROSSREF_BUDGET_PER_FIELD, MAX_CROSSREF_DEPTH } from '../../limits';
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

/** Why an entry was left without what its parent would give it. */
export interface CrossrefProblem {
  reference: Reference;
  message: string;
}

export interface CrossrefView {
  /** The references with every child replaced by a copy that has inherited; parents and entries without `crossref` as they were. */
  references: Reference[];
  problems: CrossrefProblem[];
}

/**
 * What BibTeX entries with a `crossref` field inherit from their parent, which may sit in another file,
 * as a derived view: the references read from the files are never changed, so one file's entries can serve
 * several libraries, and a changed parent reaches its children the next time the view is derived. Keys
 * match case-insensitively, as in BibTeX. Chains are followed up to `MAX_CROSSREF_DEPTH` and cycles cut;
 * the fields copied are bounded by `crossrefBudget` (a parent with thousands of fields and thousands of
 * children would otherwise cost their product): past either, the child is kept as written, with a
 * located problem.
 */
export function resolveCrossrefs(references: readonly Reference[]): CrossrefView {
  if (!references.some(hasCrossref)) return { references: [...references], problems: [] };
  const byKey = new Map<string, number>();
  let ownFields = 0;
  references.forEach((reference, index) => {
    const key = reference.key.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, index);
    ownFields += Object.keys(reference.fields).length;
  });
  let budget = crossrefBudget(ownFields);
  const view = [...references];
  const problems: CrossrefProblem[] = [];
  /** Field names each child got from its parent, by index: inherited values rank below written ones. */
  const inherited = new Map<number, Set<string>>();
  /** How many ancestors each child has, counted as the chains are filled from the top. */
  const depth = new Map<number, number>();
  /** Fields of each parent once it has inherited, counted once: a parent may have thousands of children. */
  const fieldCounts = new Map<number, number>();
  const done = new Set<number>();
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
      const childDepth = (depth.get(parentIndex) ?? 0) + 1;
      depth.set(childIndex, childDepth);
      if (childDepth > MAX_CROSSREF_DEPTH) {
        problems.push({ reference: child, message: `crossref chain deeper than ${MAX_CROSSREF_DEPTH} entries: '${child.key}' inherits nothing. Point its crossref at the entry that holds the fields.` });
        continue;
      }
      const parent = view[parentIndex]!;
      let cost = fieldCounts.get(parentIndex);
      if (cost === undefined) fieldCounts.set(parentIndex, (cost = Object.keys(parent.fields).length));
      if (cost > budget) {
        problems.push({ reference: child, message: `'${child.key}' inherits nothing from '${parent.key}': this library's crossref inheritance would copy more fields than CALM Cite allows (${CROSSREF_BUDGET_PER_FIELD} per field written).` });
        continue;
      }
      budget -= cost;
      const fields = { ...child.fields };
      const filled = inherit(fields, parent, inherited.get(parentIndex));
      if (filled.size === 0) continue;
      inherited.set(childIndex, filled);
      view[childIndex] = child.withFields(fields);
    }
  }
  return { references: view, problems };
}

function crossrefBudget(ownFields: number): number {
  return CROSSREF_BUDGET_PER_FIELD * ownFields + CROSSREF_BUDGET_FLOOR;
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
