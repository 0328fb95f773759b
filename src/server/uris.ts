import { fileURLToPath, pathToFileURL } from 'node:url';

/** The path of a document URI: a file's path, or the URI itself for a document with no file (`untitled:`). */
export function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** The URI of a path from `pathOf`. */
export function uriOf(path: string): string {
  return /^[a-z][a-z0-9+.-]+:/i.test(path) && !/^[a-z]:[\\/]/i.test(path) ? path : pathToFileURL(path).href;
}
