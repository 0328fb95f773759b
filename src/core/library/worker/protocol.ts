import type { LibraryFileContent, LibraryFileResult, ReadLibraryOptions } from '../formats';

export interface ParseRequest {
  id: number;
  path: string;
  /** Bytes are the cheaper to send: a structured clone copies them as they are, where text with one accent is two bytes a character. */
  content: LibraryFileContent;
  options: ReadLibraryOptions;
}

export interface ParseResponse {
  id: number;
  result: LibraryFileResult;
}
