import type { LibraryFileResult, ReadLibraryOptions } from '../formats';

export interface ParseRequest {
  id: number;
  path: string;
  text: string;
  options: ReadLibraryOptions;
}

export interface ParseResponse {
  id: number;
  result: LibraryFileResult;
}
