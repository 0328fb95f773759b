import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { bundledLibrary } from '../core/library/bundled';
import { readLibraryFile, tooLargeResult, type LibraryFileResult, type ReadLibraryOptions } from '../core/library/formats';
import type { LibraryError, Reference } from '../core/library/reference';
import { resolveCrossrefs } from '../core/library/bibtex';
import { hasSqliteHeader, readZoteroLibrary, zoteroReadSummary, zoteroSelectUri, ZoteroDatabaseMissingError, type ZoteroFiles, type ZoteroLibraryResult } from '../core/library/zotero';
import { workspaceZoteroFiles } from '../core/library/zotero/workspaceFiles';
import { MAX_LIBRARY_FILE_BYTES } from '../core/limits';
import { refusalReason } from '../core/workspace/files';
import { NodeWorkspace } from '../core/workspace/nodeWorkspace';
import { visibleControls } from '../core/text/controlCharacters';
import { packageRoot } from './packageRoot';
import { LineWriter, parseFormat, personName } from './format';
import { UsageError } from './usage';

const FORMATS = ['json', 'stats', 'text'] as const;

/** `calm-cite index FILE... [--bundled] [--format json|stats|text]`; a FILE may be a Zotero database. */
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
  const zoteroFiles = workspaceZoteroFiles(workspace, MAX_LIBRARY_FILE_BYTES);
  const files: Array<LibraryFileResult | ZoteroLibraryResult> = [];
  const zotero: Array<{ path: string; result: ZoteroLibraryResult }> = [];
  if (values.bundled) for (const file of bundledLibrary(packageRoot()).files) files.push(await readLibrary(workspace, file, { library: 'bundled' }));
  // Macros flow from earlier files to later ones, as with \bibliography{abbrev,articles}.
  let macros = new Map<string, string>();
  for (const file of positionals) {
    if (await isZoteroDatabase(zoteroFiles, file)) {
      const result = await readZotero(zoteroFiles, file);
      zotero.push({ path: file, result });
      files.push(result);
      continue;
    }
    const result = await readLibrary(workspace, file, { macros });
    macros = new Map([...macros, ...result.macros]);
    files.push(result);
  }
  const view = resolveCrossrefs(files.flatMap((file) => file.references));
  const entries = view.references;
  const errors = [...files.flatMap((file) => file.errors), ...view.problems.map((problem) => ({ ...problem.reference.source, message: problem.message }))];
  const durationMs = Math.round(performance.now() - started);

  const now = Date.now();
  const databases = zotero.map((database) => zoteroJson(database.path, database.result, now));
  if (format === 'text') writeText(entries, errors, zotero.map((database) => zoteroReadSummary(database.path, database.result, now)), new LineWriter(out));
  else if (format === 'json') writeJson(entries, errors, durationMs, databases, new LineWriter(out));
  else out(JSON.stringify({ errors: errors.map(errorJson), entryCount: entries.length, durationMs, ...(zotero.length > 0 ? { zotero: databases } : {}) }, null, 2));
  return 0;
}

/**
 * The JSON report an entry to a line, written as it is made: four 16 MB libraries make a report longer
 * than V8's longest string ("Invalid string length"), and the whole of it never needs to exist.
 */
function writeJson(entries: readonly Reference[], errors: readonly LibraryError[], durationMs: number, databases: readonly unknown[], writer: LineWriter): void {
  writer.line('{"entries":[');
  entries.forEach((reference, index) => writer.line(`${index === 0 ? '' : ','}${JSON.stringify(entryJson(reference))}`));
  writer.line('],"errors":[');
  errors.forEach((error, index) => writer.line(`${index === 0 ? '' : ','}${JSON.stringify(errorJson(error))}`));
  const zotero = databases.length > 0 ? `,"zotero":${JSON.stringify(databases)}` : '';
  writer.line(`],"entryCount":${entries.length},"durationMs":${durationMs}${zotero}}`);
  writer.flush();
}

/** A library named on the command line; one that cannot be opened is a usage error (exit 2), its entry errors (and its size past the limit) are data. */
async function readLibrary(workspace: NodeWorkspace, file: string, options: ReadLibraryOptions): Promise<LibraryFileResult> {
  const opened = await workspace.open(path.resolve(file), { maxBytes: MAX_LIBRARY_FILE_BYTES });
  if (!opened.ok && opened.reason === 'too-large') return tooLargeResult(file, opened.size, opened.maxBytes);
  if (!opened.ok) throw new UsageError(`cannot read ${file}: ${refusalReason(opened)}`);
  try {
    return await readLibraryFile(opened.handle, file, options);
  } finally {
    await opened.handle.close();
  }
}

/** A Zotero database: named `*.sqlite`, or any file that starts with SQLite's header (`zotero.sqlite.bak`). */
async function isZoteroDatabase(files: ZoteroFiles, file: string): Promise<boolean> {
  if (file.toLowerCase().endsWith('.sqlite')) return true;
  const head = await files.readStart(path.resolve(file), 16);
  // An unreadable file is reported by readLibrary.
  return head !== undefined && hasSqliteHeader(head);
}

async function readZotero(files: ZoteroFiles, file: string): Promise<ZoteroLibraryResult> {
  try {
    return await readZoteroLibrary(path.resolve(file), files);
  } catch (error) {
    const reason = error instanceof ZoteroDatabaseMissingError ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}

function zoteroJson(file: string, result: ZoteroLibraryResult, now: number) {
  const snapshot = (read: NonNullable<ZoteroLibraryResult['snapshot']>) => ({
    kind: read.kind,
    path: read.path,
    modified: new Date(read.modifiedMs).toISOString(),
    ageSeconds: Math.max(0, Math.round((now - read.modifiedMs) / 1000)),
    ...(read.reason ? { reason: read.reason } : {}),
  });
  return {
    path: file,
    snapshot: result.snapshot ? snapshot(result.snapshot) : null,
    betterBibtex: result.betterBibtex ? snapshot(result.betterBibtex) : null,
    schema: result.schema ?? null,
    libraries: result.libraries.map((library) => ({ id: library.libraryId, kind: library.kind, name: library.name, ...(library.groupId === undefined ? {} : { groupId: library.groupId }), items: library.items })),
    keySources: result.keySources,
  };
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
function writeText(entries: readonly Reference[], errors: readonly LibraryError[], zoteroLines: readonly string[], writer: LineWriter): void {
  for (const reference of entries) {
    const authors = reference.authors.map((person) => person.family).join(', ');
    const where = reference.zotero ? zoteroSelectUri(reference.zotero) : `${path.relative(process.cwd(), reference.source.path) || reference.source.path}:${reference.source.line}`;
    const fields = [reference.key, reference.year ?? '----', authors, reference.title ?? '', where];
    writer.line(fields.map(visibleControls).join('\t'));
  }
  for (const error of errors) writer.line(visibleControls(`${error.path}:${error.line}:${error.column}: error: ${error.message}`));
  for (const line of zoteroLines) writer.line(visibleControls(line));
  writer.line(`${entries.length} entries, ${errors.length} errors`);
  writer.flush();
}
