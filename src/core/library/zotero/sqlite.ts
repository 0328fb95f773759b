import initSqlJs = require('sql.js');
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';

/*
 * The one place that knows which SQLite CALM Cite runs: sql.js, SQLite compiled to WebAssembly. It runs
 * unchanged in VS Code's extension host (any Electron), a plain Node server and the CLI on Node 20, on
 * every platform, with no native build at install; the README's Zotero section has the measurements
 * behind the choice. A database is opened from its bytes, in memory: nothing here touches the user's
 * files, takes a lock or can write to them.
 */

let engine: Promise<SqlJsStatic> | undefined;

/** Loads and compiles the WebAssembly module once per process (about 20 ms). */
function sqlite(): Promise<SqlJsStatic> {
  engine ??= initSqlJs();
  return engine;
}

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = 'SQLite format 3\u0000';

export function hasSqliteHeader(bytes: Uint8Array): boolean {
  if (bytes.length < SQLITE_HEADER.length) return false;
  for (let i = 0; i < SQLITE_HEADER.length; i++) {
    if (bytes[i] !== SQLITE_HEADER.charCodeAt(i)) return false;
  }
  return true;
}

export type Row = SqlValue[];

/** A read-only view of one database snapshot held in memory. Close it to free the memory. */
export class SqliteSnapshot {
  private constructor(private readonly db: Database) {}

  /** Opens a database from its bytes. Throws when SQLite cannot read them. */
  static async open(bytes: Uint8Array): Promise<SqliteSnapshot> {
    if (!hasSqliteHeader(bytes)) throw new Error('not an SQLite database (it does not start with "SQLite format 3")');
    const SQL = await sqlite();
    const snapshot = new SqliteSnapshot(new SQL.Database(bytes));
    try {
      // The first statement reads the schema: a damaged header or schema fails here, not halfway through a query.
      snapshot.rows("SELECT count(*) FROM sqlite_master");
      snapshot.db.run('PRAGMA query_only = 1');
    } catch (error) {
      snapshot.close();
      throw error;
    }
    return snapshot;
  }

  /** Runs a query and hands each row, as an array of column values, to `each`. */
  forEach(sql: string, each: (row: Row) => void): void {
    const statement = this.db.prepare(sql);
    try {
      while (statement.step()) each(statement.get());
    } finally {
      statement.free();
    }
  }

  rows(sql: string): Row[] {
    const rows: Row[] = [];
    this.forEach(sql, (row) => rows.push(row));
    return rows;
  }

  /** Names of the real tables (not views: a view can run any query, and this reader only scans tables). */
  tables(): Set<string> {
    return new Set(this.rows("SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => String(row[0])));
  }

  columns(table: string): Set<string> {
    return new Set(this.rows(`PRAGMA table_info(${quoteIdentifier(table)})`).map((row) => String(row[1])));
  }

  /**
   * SQLite's own consistency check (`PRAGMA integrity_check`) of the given tables and their indexes:
   * undefined when they are sound, else SQLite's first complaint. Checking only the tables a reader
   * uses keeps the cost to what it reads: Zotero's full-text index is often most of the file.
   */
  damage(tables: Iterable<string>): string | undefined {
    for (const table of tables) {
      const verdict = String(this.rows(`PRAGMA integrity_check(${quoteIdentifier(table)})`)[0]?.[0] ?? '');
      if (verdict !== 'ok') return `${table}: ${verdict}`;
    }
    return undefined;
  }

  close(): void {
    this.db.close();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
