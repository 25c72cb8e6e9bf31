/**
 * One transaction's context, shared by the repositories of that transaction: the query
 * helper, and during a bulk import the rows, numbers
 * and audit entries that are written in batches instead of one round trip each.
 */
import { hash } from 'node:crypto';
import type { AuditEntry, ExistingRef, NewIncomingRow } from '../../store/ports.js';
import { addIncomingRow, IncomingBatch, sendIncoming } from './incomingWrite.js';
import type { Q } from './query.js';
import { fnv1a } from '../../../shared/text/fnv.js';

export class Tx {
  bulk: BulkState | null = null;

  constructor(readonly q: Q) {}

  /** Writes what a bulk import holds in memory; every read of written data calls it first. */
  async flush(): Promise<void> {
    if (this.bulk) await this.bulk.flush();
    // A batch sent without waiting (Q.later) must have succeeded before anything relies on it
    // — a COMMIT of an aborted transaction would only roll back, silently.
    await this.q.settle();
  }
}

const FLUSH_ROWS = 4000;
/** After this many duplicate checks an import switches to the prefilter (see mayHaveDuplicate). */
const PREFILTER_AFTER = 1000;

/** 32 bits of the MD5 of a duplicate key: computed alike here and in SQL (md5 of the UTF-8 text). */
function keyHash(k: string): number {
  return hash('md5', k, 'buffer').readInt32BE(0);
}

/**
 * A bulk import's pending writes. Safe because the import holds the database's write lock
 * for its whole transaction (see PgStore.write): nobody else allocates numbers, takes ids
 * or appends to the trail meanwhile, and nothing is visible to others before the commit.
 */
export class BulkState {
  private counters = new Map<string, { registerId: number; year: number; last: number; dirty: boolean }>();
  private rows = new IncomingBatch();
  /** The batch the server is writing (at most one: the next is prepared meanwhile). */
  private inFlight: Promise<void> | null = null;
  private dupKeys = new Map<string, ExistingRef>();
  private numbers = new Set<string>();
  private entries: AuditEntry[] = [];
  private nextId = 0;
  private lastIdTaken = 0;
  private registerCodes = new Map<number, string>();

  constructor(private readonly q: Q) {}

  private async counter(registerId: number, year: number) {
    const key = `${registerId}:${year}`;
    let c = this.counters.get(key);
    if (!c) {
      await this.q.run('INSERT INTO register_counters (register_id, year, last_number) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING', [
        registerId,
        year,
      ]);
      const row = await this.q.one<{ last_number: number }>(
        'SELECT last_number FROM register_counters WHERE register_id = $1 AND year = $2 FOR UPDATE',
        [registerId, year],
      );
      c = { registerId, year, last: row!.last_number, dirty: false };
      this.counters.set(key, c);
    }
    return c;
  }

  async allocate(registerId: number, year: number): Promise<number> {
    const c = await this.counter(registerId, year);
    c.last++;
    c.dirty = true;
    return c.last;
  }

  async reserve(registerId: number, year: number, n: number): Promise<void> {
    const c = await this.counter(registerId, year);
    if (n > c.last) {
      c.last = n;
      c.dirty = true;
    }
  }

  private async registerCode(id: number): Promise<string> {
    let code = this.registerCodes.get(id);
    if (code === undefined) {
      code = (await this.q.one<{ code: string }>('SELECT code FROM registers WHERE id = $1', [id]))!.code;
      this.registerCodes.set(id, code);
    }
    return code;
  }

  async insert(r: NewIncomingRow): Promise<number> {
    if (this.nextId === 0) {
      const row = await this.q.one<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('incoming_documents', 'id')) AS id`);
      this.nextId = row!.id;
    }
    const id = this.nextId++;
    this.lastIdTaken = id;
    addIncomingRow(this.rows, id, r);
    this.numbers.add(`${r.registerId}:${r.year}:${r.arrivalNumber}`);
    if (r.dupKey && !this.dupKeys.has(r.dupKey)) {
      this.dupKeys.set(r.dupKey, { id, register: await this.registerCode(r.registerId), year: r.year, arrivalNumber: r.arrivalNumber });
      if (this.prefilter) {
        this.hashKey(r.dupKey);
        this.ownKeys.add(this.lastOwnHash);
      }
    }
    if (this.rows.length >= FLUSH_ROWS) await this.flushRows();
    return id;
  }

  private checks = 0;
  /** 32-bit MD5 hashes of the keys the database held before this import (keyHash)… */
  private prefilter: Set<number> | null = null;
  /** …and FNV-1a hashes of this import's keys since (never compared with SQL's): no MD5 per row where the first set is empty. */
  private ownKeys = new Set<number>();

  /**
   * Could a written row carry this duplicate key? A big import asks once per row; a round
   * trip each would dominate its time, so after the first PREFILTER_AFTER checks the import
   * loads 32-bit hashes of every key present (one query) and asks the database only when
   * a hash matches (rare, and a false match costs one query, never a wrong answer).
   */
  async mayHaveDuplicate(dupKey: string): Promise<boolean> {
    if (!this.prefilter && ++this.checks > PREFILTER_AFTER) {
      const rows = await this.q.rows<{ h: number }>(
        `SELECT ('x' || substr(md5(dup_key), 1, 8))::bit(32)::int AS h FROM incoming_documents WHERE dup_key IS NOT NULL AND status <> 'voided'`,
      );
      // Rows this import wrote already are among them (a false match at worst); its pending ones are added.
      this.prefilter = new Set(rows.map((r) => r.h));
      for (const k of this.dupKeys.keys()) this.ownKeys.add(fnv1a(k));
    }
    if (!this.prefilter) return true;
    this.hashKey(dupKey);
    return this.ownKeys.has(this.lastOwnHash) || (this.prefilter.size > 0 && this.prefilter.has(keyHash(dupKey)));
  }

  /** The key's own hash, computed once for the check and the insert that follows it. */
  private lastKey: string | null = null;
  private lastOwnHash = 0;
  private hashKey(k: string): void {
    if (k !== this.lastKey) {
      this.lastKey = k;
      this.lastOwnHash = fnv1a(k);
    }
  }

  /** A pending row with that key (rows already written are found by the caller's query). */
  pendingDuplicate(dupKey: string): ExistingRef | null {
    return this.dupKeys.get(dupKey) ?? null;
  }

  pendingNumber(registerId: number, year: number, n: number): boolean {
    return this.numbers.has(`${registerId}:${year}:${n}`);
  }

  audit(e: AuditEntry): void {
    this.entries.push(e);
  }

  private async flushRows(): Promise<void> {
    if (this.rows.length) {
      if (this.inFlight) await this.inFlight;
      this.inFlight = sendIncoming(this.q, this.rows);
      this.rows = new IncomingBatch();
      this.dupKeys.clear();
      this.numbers.clear();
    }
    if (this.entries.length) {
      const e = this.entries;
      this.entries = [];
      const row = await this.q.one<{ h: string }>(
        `SELECT audit_append_many($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text) AS h`,
        [
          e.map((x) => x.seq),
          e.map((x) => x.at),
          e.map((x) => x.actor),
          e.map((x) => x.action),
          e.map((x) => x.entity),
          e.map((x) => x.entityId),
          e.map((x) => x.data),
          e[0]!.prevHash,
        ],
      );
      const expected = e[e.length - 1]!.hash;
      if (row!.h !== expected) throw new Error(`audit hash mismatch at seq ${e[e.length - 1]!.seq}`);
    }
  }

  async flush(): Promise<void> {
    await this.flushRows();
    for (const c of this.counters.values()) {
      if (!c.dirty) continue;
      await this.q.run('UPDATE register_counters SET last_number = $3 WHERE register_id = $1 AND year = $2', [
        c.registerId,
        c.year,
        c.last,
      ]);
      c.dirty = false;
    }
    if (this.lastIdTaken) {
      await this.q.rows(`SELECT setval(pg_get_serial_sequence('incoming_documents', 'id'), $1)`, [this.lastIdTaken]);
    }
    await this.q.settle();
  }
}
