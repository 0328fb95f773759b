import * as nodePath from 'node:path';
import type { CitationFinding } from '../citationChecks/checkCitations';
import type { CitationLanguage } from '../citations/types';
import { fieldInsertion } from '../library/bibtex/entrySource';
import { publishedVersionNote } from '../library/publishedVersion';
import { LineIndex } from '../text/lineIndex';
import type { FileRead } from '../workspace/files';
import { entryAdditionEdit } from './entryAdditions';
import type { FileEdit } from './types';

/** A quick fix: one undoable set of edits, applied only when the user picks it. */
export interface CodeAction {
  title: string;
  /** The finding it fixes. */
  finding: CitationFinding;
  isPreferred: boolean;
  edits: FileEdit[];
}

export interface CodeActionDeps {
  /** A file's text as the editor shows it. */
  text: (path: string) => Promise<FileRead<string>>;
  /** The citation syntax of the document a finding is in. */
  language: (path: string) => CitationLanguage;
}

/**
 * The quick fixes for one finding: replace a mistyped key, copy an entry the bundled CALM library has into
 * the document's own .bib, or record a preprint's published version in the user's entry as a `note`.
 * `ownLibraryFiles` are the bibliographies the finding's document names, where copied entries go.
 */
export async function codeActionsFor(deps: CodeActionDeps, finding: CitationFinding, ownLibraryFiles: readonly string[]): Promise<CodeAction[]> {
  const fix = finding.fix;
  if (!fix) return [];
  switch (fix.kind) {
    case 'replace-key': {
      const text = await deps.text(finding.file);
      if (!text.ok) return [];
      const range = rangeOf(new LineIndex(text.value), fix.start, fix.end);
      return fix.suggestions.map((key, index) => ({
        title: `Replace with '${key}'`,
        finding,
        isPreferred: index === 0,
        edits: [{ path: finding.file, range, newText: key }],
      }));
    }
    case 'copy-entry': {
      // Into the file completion would add it to, in that file's own format.
      const addition = await entryAdditionEdit(deps.text, ownLibraryFiles, deps.language(finding.file), fix.from);
      if (addition.edits.length === 0) return [];
      const from = fix.from.library === 'bundled' ? 'the CALM 2024 library' : nodePath.basename(fix.from.source.path);
      return [{ title: `Copy '${fix.key}' from ${from} into ${addition.target}`, finding, isPreferred: true, edits: addition.edits }];
    }
    case 'update-to-published': {
      // The published version's metadata is not known, so the entry cannot become it. Recording where it
      // was published in `note` (printed by every style) is the one safe edit; an existing note is never touched.
      const reference = fix.reference;
      if (reference.library !== 'user' || !/\.bib$/i.test(reference.source.path) || reference.fields.note !== undefined) return [];
      const text = await deps.text(reference.source.path);
      const insertion = text.ok ? fieldInsertion(text.value, reference, 'note', publishedVersionNote(fix.publishedVersion)) : undefined;
      if (!text.ok || !insertion) return [];
      const at = new LineIndex(text.value).position(insertion.offset);
      return [
        {
          title: `Add the published version to '${reference.key}' as a note`,
          finding,
          isPreferred: false,
          edits: [{ path: reference.source.path, range: { start: at, end: at }, newText: insertion.text }],
        },
      ];
    }
  }
}

function rangeOf(lines: LineIndex, start: number, end: number) {
  return { start: lines.position(start), end: lines.position(end) };
}
