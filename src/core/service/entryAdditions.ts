import * as nodePath from 'node:path';
import type { CitationLanguage } from '../citations/types';
import { bibliographyTarget, entryAddition, type WritableFormat } from '../features/bibliographyEntry';
import type { Reference } from '../library/reference';
import { LineIndex } from '../text/lineIndex';
import type { FileRead } from '../workspace/files';
import type { FileEdit } from './types';

/** Edits that cite a key, or add an entry, and what to tell the user when an entry could not be added. */
export interface EditsWithNotice {
  edits: FileEdit[];
  notice?: string;
}

/**
 * The edit that adds `reference` to the bibliography a document names (`ownLibraryFiles`), in that file's
 * own format, as the editor has the file (unsaved changes included); a named file that does not exist yet
 * is created. Otherwise what the user should add, since a citation nobody's bibliography defines fails at
 * the next build.
 */
export async function entryAdditionEdit(
  text: (path: string) => Promise<FileRead<string>>,
  ownLibraryFiles: readonly string[],
  language: CitationLanguage,
  reference: Reference,
): Promise<EditsWithNotice & { target?: string }> {
  const target = bibliographyTarget(ownLibraryFiles, language, reference.key);
  if (!target.ok) return { edits: [], notice: target.message };
  return addTo(text, target, reference);
}

async function addTo(text: (path: string) => Promise<FileRead<string>>, target: { path: string; format: WritableFormat }, reference: Reference): Promise<EditsWithNotice & { target?: string }> {
  const targetRead = await text(target.path);
  if (!targetRead.ok && targetRead.refusal.reason !== 'missing') return { edits: [], notice: `${targetRead.message} The entry for '${reference.key}' was not added.` };
  const targetText = targetRead.ok ? targetRead.value : undefined;
  const source = await text(reference.source.path);
  const addition = entryAddition({ ...target, text: targetText }, reference, source.ok ? source.value : undefined);
  if (!addition.ok) return { edits: [], notice: addition.message };
  const lines = new LineIndex(targetText ?? '');
  const edit: FileEdit = {
    path: target.path,
    range: { start: lines.position(addition.edit.start), end: lines.position(addition.edit.end) },
    newText: addition.edit.text,
    ...(targetText === undefined ? { create: true } : {}),
  };
  return { edits: [edit], target: nodePath.basename(target.path) };
}
