/** Prepared statements cached per connection: preparing is the costly part of a small query. */
import type Database from 'better-sqlite3';
import type { Db } from './connection.js';

export class Statements {
  private readonly cache = new Map<string, Database.Statement>();
  /**
   * Set while this connection runs a bulk import: register counters kept in memory (key
   * "registerId:year" → last number), written back when the import's indexing is switched
   * off. A counter update runs the counters' trigger, so it opens a statement savepoint, and
   * FTS5 writes out its pending index at every savepoint: once per import, not once per row.
   */
  bulkCounters: Map<string, number> | null = null;
  constructor(readonly db: Db) {}

  get(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    // A statement is shared by every caller of the same SQL: one caller's `.pluck()` must not
    // turn another's rows into bare values (a search's page read after a scope-`all` search
    // came back empty). Handed out in row mode; a caller that plucks or reads raw arrays sets it at each use.
    if (s.reader) s.pluck(false).raw(false);
    return s;
  }
}
