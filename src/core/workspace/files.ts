import * as nodePath from 'node:path';
import { megabytes } from '../limits';
import type { FileHandle, FileRefusal, Workspace } from '../workspace';

/** A read that worked, or why it did not, in words that tell the user what to do. */
export type FileRead<T> = { ok: true; value: T } | { ok: false; refusal: FileRefusal | { reason: 'outside'; root: string }; message: string };

/** Reads a whole regular file of at most `maxBytes`, through the workspace's bounded handle. */
export async function readBytes(workspace: Workspace, path: string, maxBytes: number): Promise<FileRead<Uint8Array>> {
  const opened = await workspace.open(path, { maxBytes });
  if (!opened.ok) return { ok: false, refusal: opened, message: refusalMessage(path, opened) };
  const { handle } = opened;
  try {
    return { ok: true, value: await readWholeHandle(handle) };
  } catch (error) {
    const refusal: FileRefusal = { reason: 'unreadable', detail: (error as Error).message };
    return { ok: false, refusal, message: refusalMessage(path, refusal) };
  } finally {
    await handle.close();
  }
}

/**
 * Every byte of an open file, up to the size the handle had when opened: a file that grows meanwhile is
 * read only that far, one that shrinks gives what is there.
 */
export async function readWholeHandle(handle: FileHandle): Promise<Uint8Array> {
  const bytes = new Uint8Array(handle.size);
  let filled = 0;
  while (filled < bytes.length) {
    const count = await handle.read(bytes.subarray(filled), filled);
    if (count === 0) break;
    filled += count;
  }
  return filled === bytes.length ? bytes : bytes.subarray(0, filled);
}

/** Reads a text file: UTF-8 (a BOM dropped, as editors drop it), or UTF-16 when it starts with a UTF-16 BOM. */
export async function readText(workspace: Workspace, path: string, maxBytes: number): Promise<FileRead<string>> {
  const read = await readBytes(workspace, path, maxBytes);
  return read.ok ? { ok: true, value: decodeText(read.value) } : read;
}

/** The text an editor shows for these bytes: UTF-16 by its BOM, else UTF-8 with invalid bytes as U+FFFD and no BOM. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

/** The message for a file that was not read, naming the path and what to do. */
export function refusalMessage(path: string, refusal: FileRefusal | { reason: 'outside'; root: string }): string {
  switch (refusal.reason) {
    case 'missing':
      return `${path} does not exist.`;
    case 'not-a-file':
      return `${path} is ${kindName(refusal.kind)}, not a regular file, so it was not read.`;
    case 'too-large':
      return `${path} is ${megabytes(refusal.size)}; CALM Cite reads such files up to ${megabytes(refusal.maxBytes)}.`;
    case 'unreadable':
      return `${path} could not be read (${refusal.detail}).`;
    case 'outside':
      return `${path} is outside the project (${refusal.root}), so CALM Cite does not read it. Move it into the project, or name it in calmCite.library.paths (or --library) to read it on purpose.`;
  }
}

/** Why a file named on a command line cannot be read, after its name: `cannot read X: <reason>`. */
export function refusalReason(refusal: FileRefusal): string {
  switch (refusal.reason) {
    case 'missing':
      return 'no such file';
    case 'not-a-file':
      return `it is ${kindName(refusal.kind)}, not a regular file`;
    case 'too-large':
      return `it is ${megabytes(refusal.size)}; CALM Cite reads such files up to ${megabytes(refusal.maxBytes)}`;
    case 'unreadable':
      return `it could not be read (${refusal.detail})`;
  }
}

function kindName(kind: 'directory' | 'fifo' | 'device' | 'socket' | 'other'): string {
  return { directory: 'a folder', fifo: 'a named pipe (FIFO)', device: 'a device', socket: 'a socket', other: 'a special file' }[kind];
}

/** Whether `path` lies in `root` or below it. */
export function isWithin(root: string, path: string): boolean {
  const relative = nodePath.relative(root, path);
  return relative === '' || (!relative.startsWith('..') && !nodePath.isAbsolute(relative));
}
