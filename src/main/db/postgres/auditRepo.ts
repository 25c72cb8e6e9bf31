/**
 * The audit trail on PostgreSQL. Entries go through the database function audit_append
 * (migration 0010), which locks the chain head row, checks that the entry continues it
 * and recomputes the hash; `last()` takes the same lock first, so between reading the
 * head and appending no other PC can append: one chain, never two branches.
 */
import type { AuditEntry, AuditRepository } from '../../store/ports.js';
import type { Tx } from './tx.js';

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  data: string;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: Row): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const COLUMNS = 'seq, at, actor, action, entity, entity_id, data, prev_hash, hash';

export class PgAuditRepository implements AuditRepository {
  constructor(private readonly tx: Tx) {}

  async append(e: AuditEntry): Promise<void> {
    if (this.tx.bulk) {
      this.tx.bulk.audit(e);
      return;
    }
    const row = await this.tx.q.one<{ h: string }>('SELECT audit_append($1, $2, $3, $4, $5, $6, $7, $8) AS h', [
      e.seq,
      e.at,
      e.actor,
      e.action,
      e.entity,
      e.entityId,
      e.data,
      e.prevHash,
    ]);
    if (row!.h !== e.hash) throw new Error(`audit hash mismatch at seq ${e.seq}: database ${row!.h}, application ${e.hash}`);
  }

  /**
   * The chain head, locked to the commit (audit_lock_head, migration 0090). Only its seq and
   * hash are filled in: that is all an append needs (AuditWriter), and a person connected as
   * themselves may not be allowed to read the newest entry (one about a confidential document).
   */
  async last(): Promise<AuditEntry | null> {
    const r = await this.tx.q.one<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_lock_head()');
    if (!r || Number(r.seq) === 0) return null;
    return { seq: Number(r.seq), hash: r.hash, at: '', actor: '', action: '', entity: '', entityId: null, data: '', prevHash: '' };
  }

  async forEntity(entity: string, entityId: number): Promise<AuditEntry[]> {
    await this.tx.flush();
    const rows = await this.tx.q.rows<Row>(`SELECT ${COLUMNS} FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY seq`, [
      entity,
      entityId,
    ]);
    return rows.map(toEntry);
  }

  async imports(entity: string): Promise<AuditEntry[]> {
    await this.tx.flush();
    const rows = await this.tx.q.rows<Row>(
      `SELECT ${COLUMNS} FROM audit_log WHERE entity = $1 AND entity_id IS NULL AND action = 'import' ORDER BY seq`,
      [entity],
    );
    return rows.map(toEntry);
  }

  async scan(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    await this.tx.flush();
    const rows = await this.tx.q.rows<Row>(`SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
    return rows.map(toEntry);
  }
}
