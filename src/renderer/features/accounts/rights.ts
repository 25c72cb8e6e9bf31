/**
 * What the signed-in person may use, for the screens: read from the same permission table the
 * main process enforces (src/shared/permissions.ts, METHOD_ACCESS), so a tab, a button or a
 * shortcut is hidden or disabled exactly when the call behind it would be refused — with a
 * tooltip that names the role it needs. There is no second table here: every screen asks
 * `useRights()` (or `RightButton`) about the contract method its action calls. The check that
 * counts stays the main process's; this only spares people a refusal.
 */
import type { MethodName } from '../../../shared/contract';
import { roleList, sortRoles, type Role } from '../../../shared/domain/accounts';
import { METHOD_ACCESS, mayCall } from '../../../shared/permissions';
import { useSession } from './sessionStore';

/** The roles any one of which may call the method with this input (empty: anyone signed in). */
export function neededRoles(method: MethodName, input?: unknown): readonly Role[] {
  const a = METHOD_ACCESS[method];
  if (a.kind !== 'roles') return [];
  // In the order of ROLES, so every message names them alike.
  return sortRoles(a.refine ? a.refine(input) : a.roles);
}

/** "Cần vai trò Văn thư hoặc Lưu trữ": the tooltip of what a role cannot use. */
export function neededText(roles: readonly Role[]): string {
  return roles.length ? `Cần vai trò ${roleList(roles)}` : '';
}

export interface Rights {
  /** Whether the person may call the method (with this input, for the methods whose rule depends on it). */
  can(method: MethodName, input?: unknown): boolean;
  /** Whether they may call at least one of these methods (a tab with several actions). */
  canAny(...methods: MethodName[]): boolean;
  /** Why not, in Vietnamese ("Cần vai trò Lãnh đạo"); empty when allowed. */
  why(method: MethodName, input?: unknown): string;
  /** The same for a group: the roles of any of them; empty when one is allowed. */
  whyAll(...methods: MethodName[]): string;
}

export function rightsOf(roles: readonly Role[]): Rights {
  const can = (method: MethodName, input?: unknown) => mayCall(method, roles, input);
  return {
    can,
    canAny: (...methods) => methods.some((m) => can(m)),
    why: (method, input) => (can(method, input) ? '' : neededText(neededRoles(method, input))),
    whyAll(...methods) {
      if (methods.some((m) => can(m))) return '';
      return neededText(sortRoles(methods.flatMap((m) => neededRoles(m))));
    },
  };
}

const NOBODY: readonly Role[] = [];

/** The rights of whoever is signed in (none before signing in). */
export function useRights(): Rights {
  const roles = useSession((s) => s.session?.roles) ?? NOBODY;
  return rightsOf(roles);
}

/** The same outside React (keyboard handlers, stores). */
export function currentRights(): Rights {
  return rightsOf(useSession.getState().session?.roles ?? NOBODY);
}

export { explainForbidden } from './forbidden';
