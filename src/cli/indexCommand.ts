import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadBundledLibrary } from '../core/library/bundled';
import { readLibraryFile, type LibraryFileResult } from '../core/library/formats';
import type { LibraryError, Reference } from '../core/library/reference';
import { resolveCrossrefs } from '../core/library/bibtex';
import { visibleControls } from '../core/text/controlCharacters';
import { LineWriter, parseFormat, personName } from './format';
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
  if (values.bundled) files.push(loadBundledLibrary());
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

  if (format === 'text') writeText(entries, errors, new LineWriter(out));
  else if (format === 'json') writeJson(entries, errors, durationMs, new LineWriter(out));
  else out(JSON.stringify({ errors: errors.map(errorJson), entryCount: entries.length, durationMs }, null, 2));
  return 0;
}

/**
 * The JSON report an entry to a line, written as it is made: four 16 MB libraries make a report longer
 * than V8's longest string ("Invalid string length"), and the whole of it never needs to exist.
 */
function writeJson(entries: readonly Reference[], errors: readonly LibraryError[], durationMs: number, writer: LineWriter): void {
  writer.line('{"entries":[');
  entries.forEach((reference, index) => writer.line(`${index === 0 ? '' : ','}${JSON.stringify(entryJson(reference))}`));
  writer.line('],"errors":[');
  errors.forEach((error, index) => writer.line(`${index === 0 ? '' : ','}${JSON.stringify(errorJson(error))}`));
  writer.line(`],"entryCount":${entries.length},"durationMs":${durationMs}}`);
  writer.flush();
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

/** One line per entry and per error; text from the files has its control characters shown escaped. */
function writeText(entries: readonly Reference[], errors: readonly LibraryError[], writer: LineWriter): void {
  for (const reference of entries) {
    const authors = reference.authors.map((person) => person.family).join(', ');
    const where = `${path.relative(process.cwd(), reference.source.path) || reference.source.path}:${reference.source.line}`;
    const fields = [reference.key, reference.year ?? '----', authors, reference.title ?? '', where];
    writer.line(fields.map(visibleControls).join('\t'));
  }
  for (const error of errors) writer.line(visibleControls(`${error.path}:${error.line}:${error.column}: error: ${error.message}`));
  writer.line(`${entries.length} entries, ${errors.length} errors`);
  writer.flush();
}
