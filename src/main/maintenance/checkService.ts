/** `check`: is everything that should be there still there, unchanged? */
import { verifyChain, type ChainReport } from '../audit/auditLog.js';
import type { BlobStore, Store } from '../store/ports.js';
import type { CheckAdvice } from '../../shared/apiTypes.js';

export interface CheckReport {
  /** Whether everything that should be there is there, unchanged: advice never changes it. */
  ok: boolean;
  advice: CheckAdvice[];
  integrity: { ok: boolean; problems: string[] };
  audit: ChainReport;
  attachments: { ok: boolean; files: number; missing: string[]; corrupt: string[] };
}

export async function runCheck(store: Store, files: BlobStore): Promise<CheckReport> {
  const problems = await store.integrityCheck();
  const audit = await store.read((r) => verifyChain(r));
  const blobs = await store.read((r) => r.attachments.allBlobs());
  // Contents a destruction removed are gone on purpose (their tombstones keep name and hash).
  const removed = await removedContents(store);
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const b of blobs) {
    const state = await files.verify(b.sha256);
    if (state === 'missing' && removed.has(b.sha256)) continue;
    if (state === 'missing') missing.push(b.sha256);
    if (state === 'corrupt') corrupt.push(b.sha256);
  }
  const attachments = { ok: missing.length === 0 && corrupt.length === 0, files: blobs.length, missing, corrupt };
  const integrity = { ok: problems.length === 0, problems };
  const advice = await store.serverAdvice();
  return { ok: integrity.ok && audit.ok && attachments.ok, advice, integrity, audit, attachments };
}

export async function removedContents(store: Store): Promise<Set<string>> {
  const rows = await store.read((r) => r.archive.listRows('removed_blobs', {}, Number.MAX_SAFE_INTEGER));
  return new Set(rows.map((x) => String(x.sha256)));
}
