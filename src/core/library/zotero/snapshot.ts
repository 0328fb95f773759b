import * as path from 'node:path';
import { libraryFileTooLargeMessage, MAX_LIBRARY_FILE_BYTES } from '../../limits';
import type { LibraryError } from '../reference';
import { databaseTooLargeMessage, emptyZoteroResult, readZoteroDatabase, type DatabaseBytes, type ZoteroReadOptions, type ZoteroReadResult } from './readDatabase';

/**
 * How the Zotero reader reaches files: three reads, no writes, no locks. The CLI and the language server
 * pass `workspaceZoteroFiles`, which reads through the workspace's bounded handles.
 */
export interface ZoteroFiles {
  /** Size and modification time, or undefined when there is no such file. */
  stat(file: string): Promise<FileStamp | undefined>;
  /** The whole file. */
  read(file: string): Promise<Uint8Array>;
  /** Its first `length` bytes (fewer for a shorter file), or undefined when there is no such file. */
  readStart(file: string, length: number): Promise<Uint8Array | undefined>;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** Which file was read, and how old its content is: for the log and `calm-cite index`. */
export interface ZoteroSnapshot {
  /** `database`: a consistent copy of the database's bytes; `backup`: Zotero's own `zotero.sqlite.bak`. */
  kind: 'database' | 'backup';
  /** The file whose bytes were read. */
  path: string;
  /** Its modification time (ms since the epoch): the content is as Zotero left it then. */
  modifiedMs: number;
  /** Why the database itself was not read, when the backup was. */
  reason?: string;
}

export interface ZoteroLibraryResult extends ZoteroReadResult {
  format: 'zotero';
  /** Undefined when no consistent copy could be had (then `errors` says why). */
  snapshot?: ZoteroSnapshot;
  /** Better BibTeX's database, when one was found beside Zotero's and read. */
  betterBibtex?: ZoteroSnapshot;
}

export class ZoteroDatabaseMissingError extends Error {
  constructor(readonly path: string) {
    super(`no such file: ${path}`);
  }
}

/**
 * Reads a Zotero library from `zotero.sqlite` (any name will do) without disturbing a running Zotero.
 * Zotero keeps its database open with an exclusive lock and writes it in place through a rollback
 * journal, so the file is read as plain bytes, never through SQLite's locks, and the bytes are used
 * only when they are a consistent snapshot:
 *
 * - no live (hot) rollback journal beside the file before or after the read, no write-ahead log
 *   with pending changes, and the same size and modification time before and after: no write
 *   happened during the read;
 * - SQLite's `integrity_check` passes on the tables read (in `readZoteroDatabase`).
 *
 * When the database fails either test (Zotero is writing), Zotero's own backup `zotero.sqlite.bak`
 * is read instead under the same tests, and the result says so and how old it is. Nothing waits,
 * retries in a loop or writes anything. Throws `ZoteroDatabaseMissingError` only when the database
 * file does not exist; every other problem is a located error in the result.
 */
export async function readZoteroLibrary(database: string, files: ZoteroFiles, options: ZoteroReadOptions = {}): Promise<ZoteroLibraryResult> {
  const maxBytes = options.maxFileBytes ?? MAX_LIBRARY_FILE_BYTES;
  const live = await consistentBytes(files, database, maxBytes);
  if (live.kind === 'missing') throw new ZoteroDatabaseMissingError(database);
  if (live.kind === 'too-large') return failed(database, databaseTooLargeMessage(live.size, maxBytes));
  const { file: betterBibtex, error: betterBibtexError } = await readBetterBibtexFile(database, files, maxBytes);
  const read = async (bytes: DatabaseBytes) => {
    const result = await readZoteroDatabase({ database: bytes, betterBibtex: betterBibtex?.bytes, sourcePath: database }, options);
    return betterBibtexError ? { ...result, errors: [...result.errors, betterBibtexError] } : result;
  };
  let whyNotLive: string;
  if (live.kind === 'read') {
    const result = await read(live.file);
    if (!result.damaged) return withSnapshots({ ...result, format: 'zotero' }, { kind: 'database', path: database, modifiedMs: live.stamp.mtimeMs }, betterBibtex);
    whyNotLive = 'SQLite found it damaged or half-written';
    const backup = await readBackup(database, files, maxBytes, whyNotLive, read);
    return withSnapshots(backup ?? { ...result, format: 'zotero' }, backup?.snapshot, betterBibtex);
  }
  whyNotLive = live.reason;
  const backup = await readBackup(database, files, maxBytes, whyNotLive, read);
  if (backup) return withSnapshots(backup, backup.snapshot, betterBibtex);
  return failed(database, `Zotero's database was not read because ${whyNotLive}, and there is no usable backup (${path.basename(database)}.bak) beside it. Try again in a moment, or close Zotero.`);
}

async function readBackup(
  database: string,
  files: ZoteroFiles,
  maxBytes: number,
  reason: string,
  read: (bytes: DatabaseBytes) => Promise<ZoteroReadResult>,
): Promise<(ZoteroLibraryResult & { snapshot: ZoteroSnapshot }) | undefined> {
  const backupPath = `${database}.bak`;
  const backup = await consistentBytes(files, backupPath, maxBytes);
  if (backup.kind !== 'read') return undefined;
  const result = await read(backup.file);
  if (result.damaged) return undefined;
  return { ...result, format: 'zotero', snapshot: { kind: 'backup', path: backupPath, modifiedMs: backup.stamp.mtimeMs, reason: `the database itself was not read because ${reason}` } };
}

function withSnapshots(result: ZoteroLibraryResult, snapshot: ZoteroSnapshot | undefined, betterBibtex: BetterBibtexFile | undefined): ZoteroLibraryResult {
  return {
    ...result,
    ...(snapshot ? { snapshot } : {}),
    ...(betterBibtex ? { betterBibtex: betterBibtex.snapshot } : {}),
  };
}

interface BetterBibtexFile {
  bytes: DatabaseBytes;
  snapshot: ZoteroSnapshot;
}

/**
 * Better BibTeX's database: `better-bibtex.sqlite` beside Zotero's (or, for a library kept as `NAME.sqlite`,
 * `NAME.better-bibtex.sqlite`), read under the same tests as Zotero's. A missing one is normal; one that
 * cannot be had consistently is a located error, since its items then get generated keys this time.
 */
async function readBetterBibtexFile(database: string, files: ZoteroFiles, maxBytes: number): Promise<{ file?: BetterBibtexFile; error?: LibraryError }> {
  const dir = path.dirname(database);
  const stem = path.basename(database).replace(/\.sqlite$/i, '');
  for (const candidate of [path.join(dir, `${stem}.better-bibtex.sqlite`), path.join(dir, 'better-bibtex.sqlite')]) {
    const found = await consistentBytes(files, candidate, maxBytes);
    if (found.kind === 'missing') continue;
    if (found.kind === 'read') return { file: { bytes: found.file, snapshot: { kind: 'database', path: candidate, modifiedMs: found.stamp.mtimeMs } } };
    const why = found.kind === 'too-large' ? libraryFileTooLargeMessage(found.size, maxBytes) : `it was not read because ${found.reason}`;
    return { error: { path: candidate, line: 1, column: 1, message: `Better BibTeX's citation keys are missing from this read: ${why}. Items without a key elsewhere got generated keys; they are read again when the file changes.` } };
  }
  return {};
}

type ConsistentRead =
  | { kind: 'read'; file: DatabaseBytes; stamp: FileStamp }
  | { kind: 'missing' }
  | { kind: 'too-large'; size: number }
  | { kind: 'inconsistent'; reason: string };

/** SQLite's rollback-journal magic: a journal that starts with it is live (a write is under way or was cut off). */
const JOURNAL_MAGIC = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];

/** The file's bytes, when no write to it can have happened while they were read. */
async function consistentBytes(files: ZoteroFiles, file: string, maxBytes: number): Promise<ConsistentRead> {
  const before = await files.stat(file);
  if (!before) return { kind: 'missing' };
  if (before.size > maxBytes) return { kind: 'too-large', size: before.size };
  if (await writeUnderWay(files, file)) return { kind: 'inconsistent', reason: 'Zotero was writing to it (its rollback journal is live)' };
  const bytes = await files.read(file);
  const after = await files.stat(file);
  if (!after || after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes.length !== before.size || (await writeUnderWay(files, file))) {
    return { kind: 'inconsistent', reason: 'Zotero wrote to it while it was being read' };
  }
  return { kind: 'read', file: { path: file, bytes }, stamp: before };
}

async function writeUnderWay(files: ZoteroFiles, file: string): Promise<boolean> {
  const journal = await files.readStart(`${file}-journal`, JOURNAL_MAGIC.length);
  if (journal && journal.length === JOURNAL_MAGIC.length && JOURNAL_MAGIC.every((byte, i) => journal[i] === byte)) return true;
  // Zotero never uses WAL mode, but a database in it keeps committed changes in `-wal` until a checkpoint.
  const wal = await files.stat(`${file}-wal`);
  return wal !== undefined && wal.size > 0;
}

function failed(database: string, message: string): ZoteroLibraryResult {
  return { ...emptyZoteroResult(), format: 'zotero', errors: [{ path: database, line: 1, column: 1, message }] };
}
