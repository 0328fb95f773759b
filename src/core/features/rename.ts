import type { CitationOptions } from '../citations';
import type { CitingDocument } from '../documents';
import { keyOccurrences, type TextFile } from './references';

/** Characters that end a key in BibTeX or Pandoc syntax, so a key holding one could not be cited back. */
const FORBIDDEN_KEY_CHARACTERS = /[\s,{}%#"@\\]/;

export interface KeyEdit {
  path: string;
  start: number;
  end: number;
  newText: string;
}

export interface KeyRename {
  oldKey: string;
  newKey: string;
  documents: readonly CitingDocument[];
  /** The files that define the old key; a read-only one (the bundled library) makes the rename refused. */
  libraryFiles: readonly (TextFile & { readOnly?: boolean })[];
  /** Whether a key is already taken in the libraries the rename touches. */
  keyExists: (key: string) => boolean;
}

/** Why `newKey` cannot replace a key, or undefined when it can. */
export function newKeyProblem(newKey: string, keyExists: (key: string) => boolean): string | undefined {
  if (newKey.length === 0) return 'A citation key cannot be empty.';
  if (FORBIDDEN_KEY_CHARACTERS.test(newKey)) {
    return `"${newKey}" is not a valid citation key: keys cannot contain spaces or any of , { } % # " @ \\`;
  }
  if (keyExists(newKey)) return `The key "${newKey}" already exists; pick another one or merge the entries by hand.`;
  return undefined;
}

/**
 * Why `oldKey` cannot be renamed at all, whatever the new key, or undefined when it can: a key
 * defined in a read-only file (the bundled CALM library). Asked before the user types a new key.
 */
export function keyRenameRefusal(oldKey: string, libraryFiles: KeyRename['libraryFiles']): string | undefined {
  if (!libraryFiles.some((file) => file.readOnly)) return undefined;
  return `"${oldKey}" is defined in the CALM library shipped with CALM Cite, which is read-only: copy the entry into your own .bib first.`;
}

/**
 * The edits that rename a key in the entries that define it and in every citation of it. Throws an
 * Error whose message tells the user why, when the rename would break the library.
 */
export function renameKeyEdits(rename: KeyRename, options: CitationOptions = {}): KeyEdit[] {
  if (rename.newKey === rename.oldKey) return [];
  const problem = keyRenameRefusal(rename.oldKey, rename.libraryFiles) ?? newKeyProblem(rename.newKey, rename.keyExists);
  if (problem) throw new Error(problem);
  return keyOccurrences(rename.oldKey, rename, options).map(({ path, start, end }) => ({ path, start, end, newText: rename.newKey }));
}
