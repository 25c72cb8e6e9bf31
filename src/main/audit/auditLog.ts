/**
 * Append-only, hash-chained audit trail. Each entry's hash covers its content and the
 * previous entry's hash, and the newest (seq, hash) is also kept in `meta`, so `check`
 * finds an edited entry, a removed one, and a cut-off tail.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, Repositories } from '../store/ports.js';

export const GENESIS_HASH = '0'.repeat(64);
const HEAD_KEY = 'audit_head';

export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  data: unknown;
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(e.prevHash)
    .update('\n')
    .update(JSON.stringify([e.seq, e.at, e.actor, e.action, e.entity, e.entityId, e.data]))
    .digest('hex');
}

/** Appends entries within one transaction; reads the chain head once. */
export class AuditWriter {
  /** Whether the chain head record must be written (see after()). */
  private headDirty = true;

  private constructor(
    private readonly repos: Repositories,
    private seq: number,
    private prevHash: string,
    private readonly at: string,
  ) {}

  static async begin(repos: Repositories, at: string): Promise<AuditWriter> {
    const last = await repos.audit.last();
    return new AuditWriter(repos, last?.seq ?? 0, last?.hash ?? GENESIS_HASH, at);
  }

  /**
   * Continues a chain the store has just appended `entry` to, head record included
   * (IncomingRepository.registerAtOnce), after checking that its hash is the one computed here:
   * the store and the application agree on the chain, or the transaction fails.
   */
  static after(repos: Repositories, at: string, entry: Omit<AuditEntry, 'hash'> & { hash: string }): AuditWriter {
    const { hash, ...rest } = entry;
    if (entryHash(rest) !== hash)
      throw new Error(`audit hash mismatch at seq ${entry.seq}: database ${hash}, application ${entryHash(rest)}`);
    const w = new AuditWriter(repos, entry.seq, hash, at);
    w.headDirty = false;
    return w;
  }

  /**
   * As begin, from a head the caller already read — locked as audit.last() locks it, in the
   * same transaction (a store that reads it along with other rows saves a round trip).
   */
  static resume(repos: Repositories, at: string, head: { seq: number; hash: string } | null): AuditWriter {
    return new AuditWriter(repos, head?.seq ?? 0, head?.hash ?? GENESIS_HASH, at);
  }

  async append(e: AuditInput): Promise<void> {
    const entry: Omit<AuditEntry, 'hash'> = {
      seq: this.seq + 1,
      at: this.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      data: JSON.stringify(e.data),
      prevHash: this.prevHash,
    };
    const hash = entryHash(entry);
    await this.repos.audit.append({ ...entry, hash });
    this.seq = entry.seq;
    this.prevHash = hash;
    this.headDirty = true;
  }

  /** Records the new head; call once before the transaction commits. */
  async finish(): Promise<void> {
    if (this.headDirty) await this.repos.meta.set(HEAD_KEY, `${this.seq}:${this.prevHash}`);
  }
}

export async function appendAudit(repos: Repositories, at: string, e: AuditInput): Promise<void> {
  const w = await AuditWriter.begin(repos, at);
  await w.append(e);
  await w.finish();
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  problems: { seq: number; problem: string }[];
}

/** Re-verifies the whole chain. */
export async function verifyChain(repos: Repositories): Promise<ChainReport> {
  const problems: ChainReport['problems'] = [];
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const chunk = await repos.audit.scan(prevSeq, 5000);
    if (chunk.length === 0) break;
    for (const e of chunk) {
      entries++;
      if (e.seq !== prevSeq + 1) problems.push({ seq: e.seq, problem: `entries ${prevSeq + 1}–${e.seq - 1} missing` });
      if (e.prevHash !== prevHash) problems.push({ seq: e.seq, problem: 'link to previous entry broken' });
      const { hash, ...rest } = e;
      if (entryHash(rest) !== hash) problems.push({ seq: e.seq, problem: 'entry content altered' });
      prevSeq = e.seq;
      prevHash = hash;
      if (problems.length > 100) break;
    }
    if (problems.length > 100) break;
  }
  const head = await repos.meta.get(HEAD_KEY);
  if (head && head !== `${prevSeq}:${prevHash}`) {
    const [seq] = head.split(':');
    problems.push({ seq: Number(seq), problem: 'newest entries missing or replaced (chain head does not match)' });
  }
  if (!head && entries > 0) problems.push({ seq: prevSeq, problem: 'chain head record missing' });
  return { ok: problems.length === 0, entries, problems };
}
