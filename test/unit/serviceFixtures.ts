import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledLibrary } from '../../src/core/library/bundled';
import type { Library } from '../../src/core/library/library';
import { createCiteService, type CiteService, type CiteServiceOptions } from '../../src/core/service/citeService';
import type { FileEdit, Position, Range } from '../../src/core/service/types';
import { LineIndex } from '../../src/core/text/lineIndex';
import { MemoryWorkspace, type MemoryEntry } from '../../src/core/workspace/memoryWorkspace';
import { NodeWorkspace } from '../../src/core/workspace/nodeWorkspace';

/** The repository, laid out as the package: `media/library/` holds the bundled CALM library. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const BUNDLED = bundledLibrary(PACKAGE_ROOT);
/** The bundled CALM 2024 selected references, at the path the CLI and the editor give them. */
export const BUNDLED_LIBRARY = BUNDLED.files[0]!;

let bundledTexts: Record<string, string> | undefined;

/** The shipped libraries' real texts (part of the repository, not of ../shared), read once. */
export function bundledLibraryFiles(): Record<string, string> {
  bundledTexts ??= Object.fromEntries([...BUNDLED.files, BUNDLED.acceptedSessions].map((file) => [file, fs.readFileSync(file, 'utf8')]));
  return bundledTexts;
}

export interface MemoryServiceInit {
  /** Workspace folders; default `/p`. */
  folders?: readonly string[];
  /** Files on "disk", besides the bundled library. */
  files?: Record<string, MemoryEntry>;
  /** Documents open in the "editor", with their unsaved text. */
  open?: Record<string, string>;
  /** Raw `calmCite.*` settings per folder, `*` for every folder. */
  settings?: Record<string, unknown>;
  options?: Partial<CiteServiceOptions>;
}

/**
 * The whole citation service over an in-memory workspace preloaded with the bundled CALM library, as the
 * editor and the CLI create it. The workspace records every file it opens (`workspace.opened`).
 */
export function memoryService(init: MemoryServiceInit = {}): { workspace: MemoryWorkspace; service: CiteService } {
  const workspace = new MemoryWorkspace({
    folders: init.folders ?? ['/p'],
    files: { ...bundledLibraryFiles(), ...init.files },
    settings: init.settings,
  });
  for (const [file, text] of Object.entries(init.open ?? {})) workspace.setDocument(file, text);
  const service = createCiteService(workspace, { bundled: BUNDLED, ...init.options });
  return { workspace, service };
}

/** The service over the real disk, with `folder` (a paper of ../shared) as the one workspace folder, as `calm-cite check` runs. */
export function nodeService(folder: string, options: Partial<CiteServiceOptions> = {}): { workspace: NodeWorkspace; service: CiteService } {
  const workspace = new NodeWorkspace({ folders: [folder] });
  return { workspace, service: createCiteService(workspace, { bundled: BUNDLED, ...options }) };
}

/** The library a document sees when the files are named by the `calmCite.library.paths` setting, with or without the bundled one. */
export async function libraryOf(files: Record<string, string>, options: { bundled?: boolean } = {}): Promise<Library> {
  const { service } = memoryService({
    files,
    settings: { '*': { library: { paths: Object.keys(files), includeBundled: options.bundled ?? false } } },
  });
  return service.library('/p/paper.tex');
}

/** The service position (1-based line and column) of an offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  return new LineIndex(text).position(offset);
}

/** The service position of the `delta`-th character after the first `needle` in `text`. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`'${needle}' is not in the text`);
  return positionAt(text, index + delta);
}

/** The offsets in `text` of a service range. */
export function offsetsOf(text: string, range: Range): { start: number; end: number } {
  const lines = new LineIndex(text);
  return { start: lines.offset(range.start), end: lines.offset(range.end) };
}

/** `text` after the edits of one file, applied as an editor applies them (all ranges refer to the original text). */
export function applyEdits(text: string, edits: readonly FileEdit[]): string {
  const sorted = edits.map((edit) => ({ ...offsetsOf(text, edit.range), newText: edit.newText })).sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
