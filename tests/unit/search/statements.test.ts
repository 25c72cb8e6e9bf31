/**
 * The SQLite store's statement cache hands one prepared statement to every caller of the same
 * SQL. A scope-`all` search reads keys of the content index with `.pluck()`; a content search's
 * next page runs the very same SQL and reads rows: it came back empty (the conformance suite's
 * `trưởng các` by date, page 2). Every caller now gets the statement in row mode.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Statements } from '../../../src/main/db/sqlite/statements.js';

describe('cached statements', () => {
  it('a caller that plucks does not change what the next caller of the same SQL reads', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (k INTEGER); INSERT INTO t VALUES (3), (2), (1)');
    const s = new Statements(db);
    const sql = 'SELECT k FROM t WHERE k < ? ORDER BY k DESC LIMIT ?';
    expect(s.get(sql).pluck().all(3, 5)).toEqual([2, 1]);
    expect(s.get(sql).all(3, 5)).toEqual([{ k: 2 }, { k: 1 }]);
    expect(s.get(sql).pluck().all(2, 5)).toEqual([1]);
    // Nor one that reads raw arrays (the relevance candidates).
    expect(s.get(sql).raw().all(3, 5)).toEqual([[2], [1]]);
    expect(s.get(sql).all(3, 5)).toEqual([{ k: 2 }, { k: 1 }]);
    // A statement that returns no rows is handed out too.
    expect(() => s.get('INSERT INTO t VALUES (?)').run(4)).not.toThrow();
    db.close();
  });
});
