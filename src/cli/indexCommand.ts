import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { bundledLibrary } from '../core/library/bundled';
import { readLibraryFile, tooLargeResult, type LibraryFileResult, type ReadLibraryOptions } from '../core/library/formats';
import type { LibraryError, Reference } from '../core/library/reference';
import { resolveCrossrefs } from '../core/library/bibtex';
import { MAX_LIBRARY_FILE_BYTES } from '../core/limits';
import { refusalMessage } from '../core/workspace/files';
import { NodeWorkspace } from '../core/workspace/nodeWorkspace';
import { packageRoot } from './packageRoot';
import { parseFormat, personName } from './format';
import { UsageError } from './usage';

const FORMATS = ['json', 'stats', 'text'] as const;

/** `calm-cite index FILE... [--bundled] [--format json|stats|text]` */
export async function runIndex(args: string[], out: (text: string) => void): Promise<number> {
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
  // The files are named on the command line: read wherever they are.
  const workspace = new NodeWorkspace({ folders: [] });
  const files: LibraryFileResult[] = [];
  if (values.bundled) for (const file of bundledLibrary(packageRoot()).files) files.push(await readLibrary(workspace, file, { library: 'bundled' }));
  // Macros flow from earlier files to later ones, as with \bibliography{abbrev,articles}.
  let macros = new Map<string, string>();
  for (const file of positionals) {
    const result = await readLibrary(workspace, file, { macros });
    macros = new Map([...macros, ...result.macros]);
    files.push(result);
  }
  const view = resolveCrossrefs(files.flatMap((file) => file.references));
  const entries = view.references;
  const errors = [...files.flatMap((file) => file.errors), ...view.problems.map((problem) => ({ ...problem.reference.source, message: problem.message }))];
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

/** A library named on the command line; one that cannot be opened is a usage error (exit 2), its entry errors (and its size past the limit) are data. */
async function readLibrary(workspace: NodeWorkspace, file: string, options: ReadLibraryOptions): Promise<LibraryFileResult> {
  const opened = await workspace.open(path.resolve(file), { maxBytes: MAX_LIBRARY_FILE_BYTES });
  if (!opened.ok && opened.reason === 'too-large') return tooLargeResult(file, opened.size, opened.maxBytes);
  if (!opened.ok) throw new UsageError(`cannot read ${file}: ${refusalMessage(file, opened)}`);
  try {
    return await readLibraryFile(opened.handle, file, options);
  } finally {
    await opened.handle.close();
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
