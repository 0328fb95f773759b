import type { LineColumn } from '../text/lineIndex';

/**
 * The service's coordinates, at its boundary: 1-based lines and columns counted in UTF-16 code units,
 * as compilers print them (the CLI shows them as they are; VS Code and LSP subtract one). `end` is
 * just past the last character.
 */
export type Position = LineColumn;

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  path: string;
  range: Range;
}

/** Replace `range` of the file at `path` with `newText`; an empty range inserts. */
export interface FileEdit {
  path: string;
  range: Range;
  newText: string;
  /** The file does not exist yet: create it, then insert (a bibliography the document names but nobody wrote). */
  create?: boolean;
}

/** A request the user asked for that cannot be done, with the reason in words to show them. */
export class RequestRefused extends Error {}

/** A rename asked where no key is: not a refusal to explain, so LSP answers `prepareRename` with null. */
export class NothingToRename extends RequestRefused {
  constructor() {
    super('Place the cursor on a cited key or on an entry key to rename it.');
  }
}

/** Where the service writes what it did, for the editor's log or the CLI's standard error. */
export interface ServiceLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const SILENT_LOG: ServiceLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
