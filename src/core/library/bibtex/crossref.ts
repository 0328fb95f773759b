import type { Reference } from '../reference';
import { toReference } from './toReference';

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
 * Fills what entries with a `crossref` field lack from their parent, which may come from another file,
 * then rebuilds those references' display fields in place. Keys match case-insensitively, as in BibTeX. Chains
 * are followed (BibLaTeX allows them) and cycles are cut. Idempotent: a filled field is never refilled.
 */
export function resolveCrossrefs(references: Reference[]): void {
  if (!references.some((reference) => reference.fields.crossref !== undefined)) return;
  const byKey = new Map<string, number>();
  references.forEach((reference, index) => {
    const key = reference.key.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, index);
  });
  const done = new Set<number>();
  const resolve = (index: number, visiting: Set<number>): void => {
    if (done.has(index)) return;
    done.add(index);
    const child = references[index]!;
    const parentKey = child.fields.crossref;
    if (parentKey === undefined) return;
    const parentIndex = byKey.get(parentKey.trim().toLowerCase());
    if (parentIndex === undefined || visiting.has(parentIndex)) return;
    visiting.add(index);
    resolve(parentIndex, visiting);
    const parent = references[parentIndex]!;
    if (inherit(child.fields, parent)) {
      // In place: callers may already hold this object (an index, a map by key).
      Object.assign(child, toReference(child.type, child.key, child.fields, child.source, child.library));
    }
  };
  for (let index = 0; index < references.length; index++) {
    if (references[index]!.fields.crossref !== undefined) resolve(index, new Set());
  }
}

/** Copies the parent's fields the child lacks; returns whether anything was copied. */
function inherit(fields: Record<string, string>, parent: Reference): boolean {
  let changed = false;
  const fill = (name: string, value: string): void => {
    if (!Object.hasOwn(fields, name)) {
      fields[name] = value;
      changed = true;
    }
  };
  const bookLike = BOOK_LIKE.has(parent.type);
  const periodical = parent.type === 'periodical';
  for (const [name, value] of Object.entries(parent.fields)) {
    if (NOT_INHERITED.has(name)) continue;
    if (TITLE_FIELDS.has(name) && (bookLike || periodical)) continue;
    fill(name, value);
  }
  const title = parent.fields.title;
  if (title !== undefined) {
    if (bookLike) {
      fill('booktitle', title);
      if (parent.type.startsWith('mv')) fill('maintitle', title);
    } else if (periodical) {
      fill('journaltitle', title);
    }
  }
  return changed;
}
