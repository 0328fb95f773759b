import type { LibraryFileContent, LibraryFileResult, ReadLibraryOptions } from '../formats';
import type { ZoteroDatabaseInput, ZoteroReadResult } from '../zotero';

/** A library file's text or bytes to parse. */
export interface ParseRequest {
  kind: 'parse';
  id: number;
  path: string;
  /** Bytes are the cheaper to send: a structured clone copies them as they are, where text with one accent is two bytes a character. */
  content: LibraryFileContent;
  options: ReadLibraryOptions;
}

/** A Zotero database's bytes (and Better BibTeX's), already read as a consistent snapshot, to read items from. */
export interface ZoteroRequest {
  kind: 'zotero';
  id: number;
  input: ZoteroDatabaseInput;
}

export type WorkerRequest = ParseRequest | ZoteroRequest;

export type WorkerResponse = { id: number; result: LibraryFileResult } | { id: number; zotero: ZoteroReadResult };
