/**
 * Zotero's own database as a library: every regular item of the user and group libraries, read-only,
 * from a consistent snapshot while Zotero runs. `readZoteroLibrary` reads the files through a small
 * `ZoteroFiles` interface; `readZoteroDatabase` works on bytes already read.
 */
export { readZoteroDatabase, type DatabaseBytes, type ZoteroDatabaseInput, type ZoteroReadOptions, type ZoteroReadResult, type ZoteroLibrarySummary } from './readDatabase';
export { readZoteroLibrary, ZoteroDatabaseMissingError, type FileStamp, type ZoteroFiles, type ZoteroLibraryResult, type ZoteroSnapshot } from './snapshot';
export { hasSqliteHeader } from './sqlite';
export { zoteroSelectUri } from './toReference';
