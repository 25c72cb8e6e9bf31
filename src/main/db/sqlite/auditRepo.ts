import type { AuditEntry, AuditRepository } from '../../store/ports.js';
import type { Statements } from './statements.js';

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

export class SqliteAuditRepository implements AuditRepository {
  constructor(private readonly s: Statements) {}

  async append(e: AuditEntry): Promise<void> {
    this.s
      .get(
        `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, data, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.seq, e.at, e.actor, e.action, e.entity, e.entityId, e.data, e.prevHash, e.hash);
  }

  async last(): Promise<AuditEntry | null> {
    const r = this.s.get('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Row | undefined;
    return r ? toEntry(r) : null;
  }

  async forEntity(entity: string, entityId: number): Promise<AuditEntry[]> {
    const rows = this.s.get('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq').all(entity, entityId);
    return (rows as Row[]).map(toEntry);
  }

  async imports(entity: string): Promise<AuditEntry[]> {
    // (entity, entity_id) index: the NULL entity_id entries of an entity kind are one short range.
    const rows = this.s
      .get("SELECT * FROM audit_log WHERE entity = ? AND entity_id IS NULL AND action = 'import' ORDER BY seq")
      .all(entity);
    return (rows as Row[]).map(toEntry);
  }

  async scan(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = this.s.get('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit);
    return (rows as Row[]).map(toEntry);
  }
}
