/** Prepared statements cached per connection: preparing is the costly part of a small query. */
import type Database from 'better-sqlite3';
import type { Db } from './connection.js';

export class Statements {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(readonly db: Db) {}

  get(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
