/**
 * The archive's actor for a signed-in account. Apart from archiveService.ts (which re-exports
 * it) so that the CLI's command table, loaded by every command, does not load the archive's
 * service with it.
 */
import type { Principal } from '../../shared/domain/accounts.js';
import { viewerOf } from '../accounts/visibility.js';
import type { ArchiveActor } from './archiveService.js';

/** The archive's actor for a signed-in account (every face: contract, web host, CLI). */
export function archiveActorOf(principal: Principal | null | undefined, actor: string): ArchiveActor {
  const viewer = viewerOf(principal);
  return {
    actor,
    confidential: principal?.confidential ?? false,
    unitId: principal?.unitId ?? null,
    ...(principal?.fullName ? { fullName: principal.fullName } : {}),
    ...(viewer ? { viewer } : {}),
  };
}
