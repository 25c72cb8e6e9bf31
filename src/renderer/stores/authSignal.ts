/**
 * The API client's word to the session screens that an answer said the session is locked,
 * gone or must change its password (no imports: the client and the screens both use it).
 */
type Listener = (code: string) => void;
const listeners = new Set<Listener>();

/** `forbidden` too: the roles may have changed since sign-in, and the menus should follow. */
const CODES = new Set(['session_locked', 'unauthenticated', 'session_expired', 'password_change_required', 'forbidden']);

export function reportAuthProblem(code: string): void {
  if (CODES.has(code)) for (const l of listeners) l(code);
}

export function onAuthProblem(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
