/**
 * What of people's data a person working on letters may see (LetterAccess), decided in one
 * place for every face (the contract's handlers and the CLI) from the signed-in account.
 *
 * - Senders' personal data (names, addresses, identity numbers, phones, the scans that show
 *   handwriting) of letters other than denunciations, and hotline callers: the roles that
 *   handle letters (clerk, leader, specialist) — petitions.md §7, NĐ 154/2026 Đ12.2.
 * - The identity of a denunciation's author ("tố cáo"): only with the account's
 *   `confidential` grant, on top of a handling role. Luật Tố cáo Đ56 wants the author's
 *   name, address and handwriting managed "theo chế độ mật" — the secrecy regime the office
 *   already grants per account for confidential documents — so the same grant is reused
 *   rather than a second one to keep in step (and the database's policies in the
 *   office-network mode key on the same `confidential` group).
 * - Which letters at all: a specialist who reads only their unit's work
 *   (readsOnlyOwnUnit) sees the letters currently assigned to their unit and the hotline
 *   items concerning it; everyone else who may call letter.* sees every one.
 *
 * Every opening of a denunciation's author is audited by the service under the account's name.
 */
import { readsOnlyOwnUnit, type Principal, type Role } from '../../shared/domain/accounts.js';
import { NO_ACCESS, type LetterAccess } from '../store/letterPorts.js';
import type { LetterActor } from './letterService.js';

/** The roles that handle citizens' letters (the permission table's letter.get). */
const HANDLERS: readonly Role[] = ['clerk', 'leader', 'specialist'];

export function letterAccessOf(p: Principal | null): LetterAccess {
  if (!p || !p.roles.some((r) => HANDLERS.includes(r))) return { ...NO_ACCESS, only: { unitId: null } };
  return {
    personal: true,
    identity: p.confidential,
    ...(readsOnlyOwnUnit(p.roles) ? { only: { unitId: p.unitId } } : {}),
  };
}

export function letterActorFor(p: Principal | null, actor = p?.username ?? '-'): LetterActor {
  return { actor, access: letterAccessOf(p) };
}
