import type { Direction, RegisterRepository, RegisterRow } from '../../store/ports.js';
import type { Statements } from './statements.js';

interface Row {
  id: number;
  code: string;
  name: string;
  direction: Direction;
  confidential: number;
}

const toRegister = (r: Row): RegisterRow => ({
  id: r.id,
  code: r.code,
  name: r.name,
  direction: r.direction,
  confidential: r.confidential === 1,
});

export class SqliteRegisterRepository implements RegisterRepository {
  constructor(private readonly s: Statements) {}

  async list(direction?: Direction): Promise<RegisterRow[]> {
    const rows = direction
      ? this.s.get('SELECT * FROM registers WHERE direction = ? ORDER BY id').all(direction)
      : this.s.get('SELECT * FROM registers ORDER BY id').all();
    return (rows as Row[]).map(toRegister);
  }

  async byCode(code: string): Promise<RegisterRow | null> {
    const r = this.s.get('SELECT * FROM registers WHERE code = ?').get(code) as Row | undefined;
    return r ? toRegister(r) : null;
  }

  async create(r: Omit<RegisterRow, 'id'>, at: string): Promise<RegisterRow> {
    const info = this.s
      .get('INSERT INTO registers (code, name, direction, confidential, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(r.code, r.name, r.direction, r.confidential ? 1 : 0, at);
    return { ...r, id: Number(info.lastInsertRowid) };
  }

  /** The counter as a bulk import keeps it (see Statements.bulkCounters). */
  private bulkCounter(registerId: number, year: number): { map: Map<string, number>; key: string; last: number } | null {
    const map = this.s.bulkCounters;
    if (!map) return null;
    const key = `${registerId}:${year}`;
    let last = map.get(key);
    if (last === undefined) {
      const row = this.s.get('SELECT last_number FROM register_counters WHERE register_id = ? AND year = ?').get(registerId, year) as
        { last_number: number } | undefined;
      last = row?.last_number ?? 0;
    }
    return { map, key, last };
  }

  /** Writes the counters a bulk import kept in memory (they only ever go up). */
  flushBulkCounters(): void {
    const map = this.s.bulkCounters;
    if (!map) return;
    const up = this.s.get(
      `INSERT INTO register_counters (register_id, year, last_number) VALUES (?, ?, ?)
       ON CONFLICT (register_id, year) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
    );
    for (const [key, last] of map) {
      const [registerId, year] = key.split(':').map(Number);
      up.run(registerId, year, last);
    }
    map.clear();
  }

  async allocateNumber(registerId: number, year: number): Promise<number> {
    const bulk = this.bulkCounter(registerId, year);
    if (bulk) {
      bulk.map.set(bulk.key, bulk.last + 1);
      return bulk.last + 1;
    }
    const row = this.s
      .get(
        `INSERT INTO register_counters (register_id, year, last_number) VALUES (?, ?, 1)
         ON CONFLICT (register_id, year) DO UPDATE SET last_number = last_number + 1
         RETURNING last_number`,
      )
      .get(registerId, year) as { last_number: number };
    return row.last_number;
  }

  async reserveNumber(registerId: number, year: number, n: number): Promise<void> {
    const bulk = this.bulkCounter(registerId, year);
    if (bulk) {
      bulk.map.set(bulk.key, Math.max(bulk.last, n));
      return;
    }
    this.s
      .get(
        `INSERT INTO register_counters (register_id, year, last_number) VALUES (?, ?, ?)
         ON CONFLICT (register_id, year) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
      )
      .run(registerId, year, n);
  }

  async peekNextNumber(registerId: number, year: number): Promise<number> {
    const bulk = this.bulkCounter(registerId, year);
    if (bulk) return bulk.last + 1;
    const row = this.s.get('SELECT last_number FROM register_counters WHERE register_id = ? AND year = ?').get(registerId, year) as
      { last_number: number } | undefined;
    return (row?.last_number ?? 0) + 1;
  }
}
