import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadBundledLibraries } from '../core/library/bundled';
import { readLibraryFile, type LibraryFileResult } from '../core/library/formats';
import type { LibraryError, Reference } from '../core/library/reference';
import { resolveCrossrefs } from '../core/library/bibtex';
import { parseFormat, personName } from './format';
import { UsageError } from './usage';

const FORMATS = ['json', 'stats', 'text'] as const;

/** `calm-cite index FILE... [--bundled] [--format json|stats|text]` */
export function runIndex(args: string[], out: (text: string) => void): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { bundled: { type: 'boolean', default: false }, format: { type: 'string' } },
  });
  const format = parseFormat(values.format, FORMATS, 'text');
  if (positionals.length === 0 && !values.bundled) {
    throw new UsageError('index: name at least one library file, or --bundled for the CALM 2024 library.');
  }

  const started = performance.now();
  const files: LibraryFileResult[] = [];
  if (values.bundled) files.push(...loadBundledLibraries().map((bundled) => bundled.result));
  // Macros flow from earlier files to later ones, as with \bibliography{abbrev,articles}.
  let macros = new Map<string, string>();
  for (const file of positionals) {
    const result = readLibrary(file, macros);
    macros = new Map([...macros, ...result.macros]);
    files.push(result);
  }
  const entries = files.flatMap((file) => file.references);
  resolveCrossrefs(entries);
  const errors = files.flatMap((file) => file.errors);
  const durationMs = Math.round(performance.now() - started);

  if (format === 'text') out(textReport(entries, errors));
  else {
    const report = {
      ...(format === 'json' ? { entries: entries.map(entryJson) } : {}),
      errors: errors.map(errorJson),
      entryCount: entries.length,
      durationMs,
    };
    out(JSON.stringify(report, null, format === 'json' ? undefined : 2));
  }
  return 0;
}

function readLibrary(file: string, macros: ReadonlyMap<string, string>): LibraryFileResult {
  try {
    return readLibraryFile(file, { macros });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

function entryJson(reference: Reference) {
  return {
    key: reference.key,
    type: reference.type,
    title: reference.title ?? null,
    authors: reference.authors.map(personName),
    year: reference.year ?? null,
    venue: reference.venue ?? null,
    doi: reference.doi ?? null,
    source: { path: reference.source.path, line: reference.source.line },
  };
}

function errorJson(error: LibraryError) {
  return { path: error.path, line: error.line, column: error.column, message: error.message };
}

function textReport(entries: Reference[], errors: LibraryError[]): string {
  const lines = entries.map((reference) => {
    const authors = reference.authors.map((person) => person.family).join(', ');
    const where = `${path.relative(process.cwd(), reference.source.path) || reference.source.path}:${reference.source.line}`;
    return `${reference.key}\t${reference.year ?? '----'}\t${authors}\t${reference.title ?? ''}\t${where}`;
  });
  for (const error of errors) lines.push(`${error.path}:${error.line}:${error.column}: error: ${error.message}`);
  lines.push(`${entries.length} entries, ${errors.length} errors`);
  return lines.join('\n');
}
