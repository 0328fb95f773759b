import * as path from 'node:path';
import { readBibtex } from './bibtex';
import { readCslJson } from './cslJson';
import { readCslYaml } from './cslYaml';
import { readRis } from './ris';
import type { LibraryReadResult } from './reference';

export type LibraryFormat = 'bibtex' | 'csl-json' | 'csl-yaml' | 'ris';

const FORMAT_BY_EXTENSION: Record<string, LibraryFormat> = {
  '.bib': 'bibtex',
  '.bibtex': 'bibtex',
  '.biblatex': 'bibtex',
  '.json': 'csl-json',
  '.yaml': 'csl-yaml',
  '.yml': 'csl-yaml',
  '.ris': 'ris',
};

export const LIBRARY_FILE_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

export function libraryFormatOf(filePath: string): LibraryFormat | undefined {
  return FORMAT_BY_EXTENSION[path.extname(filePath).toLowerCase()];
}

export interface ReadLibraryOptions {
  library?: 'bundled' | 'user';
  /** @string macros defined by sibling BibTeX files read before this one. */
  macros?: ReadonlyMap<string, string>;
}

export interface LibraryFileResult extends LibraryReadResult {
  format: LibraryFormat;
  /** @string definitions made by this file (BibTeX only), for the files read after it. */
  macros: ReadonlyMap<string, string>;
}

const NO_MACROS: ReadonlyMap<string, string> = new Map();

/** Reads one library file's text in the format its extension names. Never throws. */
export function readLibraryText(filePath: string, text: string, options: ReadLibraryOptions = {}): LibraryFileResult {
  const format = libraryFormatOf(filePath) ?? 'bibtex';
  const library = options.library ?? 'user';
  switch (format) {
    case 'bibtex': {
      const result = readBibtex(text, filePath, { library, macros: options.macros });
      return { ...result, format };
    }
    case 'csl-json':
      return { ...readCslJson(text, filePath, { library }), format, macros: NO_MACROS };
    case 'csl-yaml':
      return { ...readCslYaml(text, filePath, { library }), format, macros: NO_MACROS };
    case 'ris':
      return { ...readRis(text, filePath, { library }), format, macros: NO_MACROS };
  }
}
