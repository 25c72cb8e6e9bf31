/**
 * What a signed-in person may SEE — the permission table (src/shared/permissions.ts) says what
 * they may DO. The one place these rules live; every face (IPC, web host, CLI) hands the
 * services the caller's Viewer (`viewerOf(principal)`), and the services apply it:
 *
 * - Confidential documents — secrecy ≠ 'normal', or registered in a register marked
 *   confidential (DEN-MAT, DI-MAT) — only with the `confidential` grant.
 * - A specialist without a role that reads the whole register (clerk, leader, archivist:
 *   `readsOnlyOwnUnit`) sees the incoming documents currently assigned to their unit, and
 *   the outgoing documents they drafted or their unit drafts (drafting_unit = the unit's code).
 * - An administrator (by that role alone) reads no document.
 *
 * Lists, searches, counts, outlines, books and follow-up lists apply it INSIDE the store's
 * query (store/ports.ts `Visibility`, `OutgoingVisibility`: the dialect SQL is in db/sqlite and
 * db/postgres), so hidden documents are absent from pages and totals alike. A document asked
 * for by id that the caller may not see is refused with `forbidden` (the issue's coded,
 * audited refusal) and only the refusal is written; every opening of a confidential
 * document's detail, file or history by someone with the grant is written to the audit
 * trail (who, when, which, what was opened).
 *
 * On PostgreSQL the database's row-level policies (migrations 0090, 0105) give the same
 * answers when a person connects as themselves; these rules also hold on SQLite and on a
 * PostgreSQL connection as the owner, where no policy applies.
 *
 * `undefined` as a Viewer means the services' own work (maintenance, a job, a test's
 * set-up): nothing is hidden.
 */
import { readsOnlyOwnUnit, type Principal, type Role } from '../../shared/domain/accounts.js';
import { AppFailure, type AppError } from '../../shared/result.js';
import { appendAudit } from '../audit/auditLog.js';
import type { HiddenReason, OutgoingVisibility, Repositories, Store, Visibility } from '../store/ports.js';

/** The reader behind a call, as the services need it. */
export interface Viewer {
  username: string;
  /** Reads documents at all (clerk, leader, specialist, archivist); an administrator alone does not. */
  reader: boolean;
  /** Holds the `confidential` grant. */
  confidential: boolean;
  /** Only this unit's documents (a specialist's); null = the whole register; 0 = a specialist without a unit (none). */
  onlyUnitId: number | null;
  /** That unit's code (drafting_unit of outgoing drafts); null with onlyUnitId 0 or null. */
  onlyUnitCode: string | null;
}

const READING_ROLES: readonly Role[] = ['clerk', 'leader', 'specialist', 'archivist'];

/** The Viewer of a signed-in person (undefined for no person: the services' own work). */
export function viewerOf(p: Principal | null | undefined): Viewer | undefined {
  if (!p) return undefined;
  const own = readsOnlyOwnUnit(p.roles);
  return {
    username: p.username,
    reader: p.roles.some((r) => READING_ROLES.includes(r)),
    confidential: p.confidential,
    onlyUnitId: own ? (p.unitId ?? 0) : null,
    onlyUnitCode: own ? p.unit : null,
  };
}

/** Whether the viewer sees every document (the common case: no filter added to any query). */
export function seesAll(v: Viewer | undefined): boolean {
  return !v || (v.reader && v.confidential && v.onlyUnitId === null);
}

/** The store's filter of incoming documents for a viewer (undefined: nothing hidden). */
export function incomingVisibility(v: Viewer | undefined): Visibility | undefined {
  if (seesAll(v)) return undefined;
  if (!v!.reader) return { none: true };
  const out: Visibility = {};
  if (!v!.confidential) out.hideConfidential = true;
  if (v!.onlyUnitId !== null) out.unitId = v!.onlyUnitId;
  return out;
}

/** The store's filter of outgoing documents for a viewer (undefined: nothing hidden). */
export function outgoingVisibility(v: Viewer | undefined): OutgoingVisibility | undefined {
  if (seesAll(v)) return undefined;
  if (!v!.reader) return { none: true };
  const out: OutgoingVisibility = {};
  if (!v!.confidential) out.hideConfidential = true;
  if (v!.onlyUnitId !== null) out.own = { username: v!.username, unitCode: v!.onlyUnitCode };
  return out;
}

/** Why a document is not visible (null: it is). */
export type Hidden = HiddenReason;

/** A document is confidential by its secrecy or by its register (a register marked confidential). */
export function isConfidential(doc: { secrecy: string }, registerConfidential = false): boolean {
  return doc.secrecy !== 'normal' || registerConfidential;
}

async function registerIsConfidential(repos: Repositories, code: string): Promise<boolean> {
  return (await repos.registers.byCode(code))?.confidential ?? false;
}

/** Whether the viewer may see this incoming document (by its secrecy, register and current assignments). */
export async function incomingHidden(
  repos: Repositories,
  v: Viewer | undefined,
  doc: { id: number; secrecy: string; register: string },
): Promise<Hidden | null> {
  if (seesAll(v)) return null;
  if (!v!.reader) return 'not_reader';
  if (!v!.confidential && isConfidential(doc, await registerIsConfidential(repos, doc.register))) return 'confidential';
  if (v!.onlyUnitId !== null) {
    const current = await repos.workflow.currentAssignments(doc.id);
    if (!v!.onlyUnitCode || !current.some((a) => a.unit === v!.onlyUnitCode)) return 'unit';
  }
  return null;
}

/** Whether the viewer may see this outgoing document: confidential by grant; a specialist their own drafts or their unit's. */
export async function outgoingHidden(
  repos: Repositories,
  v: Viewer | undefined,
  doc: { id: number; secrecy: string; register: string; draftingUnit: string },
): Promise<Hidden | null> {
  if (seesAll(v)) return null;
  if (!v!.reader) return 'not_reader';
  if (!v!.confidential && isConfidential(doc, await registerIsConfidential(repos, doc.register))) return 'confidential';
  if (v!.onlyUnitId !== null && !(v!.onlyUnitCode && doc.draftingUnit === v!.onlyUnitCode)) {
    if ((await repos.outgoing.createdBy(doc.id)) !== v!.username) return 'unit';
  }
  return null;
}

/**
 * Why a document the store did NOT return for this id is hidden from the viewer; null when no
 * such document exists. Only a person's own connection to the office database hides rows (the
 * row policies of PostgreSQL, which then tell why — migration 0175 — and nothing of the row), so
 * a person asking for a hidden document by id gets `forbidden` there too, not `not_found`.
 * SQLite and the owner's connection return every row: there a missing row is missing.
 */
export async function hiddenById(repos: Repositories, v: Viewer | undefined, doc: { kind: DocKind; id: number }): Promise<Hidden | null> {
  if (!v) return null;
  return doc.kind === 'incoming' ? repos.incoming.whyHidden(doc.id) : repos.outgoing.whyHidden(doc.id);
}

const HIDDEN_MESSAGES: Record<Hidden, string> = {
  confidential: 'Văn bản này là văn bản mật: tài khoản của bạn không được cấp quyền xem văn bản mật.',
  unit: 'Văn bản này không được giao cho đơn vị của bạn.',
  not_reader: 'Tài khoản của bạn không có vai trò được đọc văn bản.',
};

/** The coded refusal of a document the caller may not see. */
export function hiddenError(method: string, reason: Hidden): AppError {
  return { code: 'forbidden', message: HIDDEN_MESSAGES[reason], details: { method, reason } };
}

export type DocKind = 'incoming' | 'outgoing';

/**
 * Refuses a hidden document: the refusal (who, when, which, why) is written to the audit
 * trail — and nothing else is — then `forbidden` is thrown.
 */
export async function refuseHidden(
  store: Store,
  at: string,
  v: Viewer,
  doc: { kind: DocKind; id: number },
  method: string,
  reason: Hidden,
): Promise<never> {
  await store.write((repos) =>
    appendAudit(repos, at, { actor: v.username, action: 'refused', entity: doc.kind, entityId: doc.id, data: { method, reason } }),
  );
  throw new AppFailure(hiddenError(method, reason));
}

/**
 * Records that a person opened a confidential document (its detail, a file, its history):
 * one audit entry, in its own transaction, before the content is handed over.
 */
export async function recordOpening(
  store: Store,
  at: string,
  v: Viewer,
  doc: { kind: DocKind; id: number },
  opened: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await store.write((repos) =>
    appendAudit(repos, at, { actor: v.username, action: 'open', entity: doc.kind, entityId: doc.id, data: { opened, ...data } }),
  );
}

/**
 * The unit a follow-up list or a report is about: what was asked for, except that a
 * specialist's is always their own unit — asking for another is refused (`forbidden`,
 * audited). `null`: a specialist without a unit (nothing to show).
 */
export async function unitAsked(
  store: Store,
  at: string,
  v: Viewer | undefined,
  asked: string | undefined,
  method: string,
): Promise<string | undefined | null> {
  if (!v || v.onlyUnitId === null) return asked;
  if (!v.onlyUnitCode) return null;
  if (asked !== undefined && asked !== '' && asked !== v.onlyUnitCode) {
    await store.write((repos) =>
      appendAudit(repos, at, {
        actor: v.username,
        action: 'refused',
        entity: 'access',
        entityId: null,
        data: { method, reason: 'unit', unit: asked },
      }),
    );
    throw new AppFailure(hiddenError(method, 'unit'));
  }
  return v.onlyUnitCode;
}
