import * as path from 'node:path';

/** The library formats CALM Cite reads, by file extension. */
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
