/**
 * Who is working in this window. The page never holds a credential: in the desktop app the
 * session lives in the main process, in browser mode in an HttpOnly cookie. This store only
 * mirrors what the server says (auth.status / auth.login …) so the page knows what to show:
 * the first-run setup, the sign-in screen, the app, and over the app the lock screen (the
 * app stays mounted underneath, unsaved forms included) or the forced password change.
 *
 * Activity: typing, clicking and scrolling are reported with auth.ping (at most once a
 * minute), so a person filling a long form is not locked out; after `idleLockMinutes`
 * without any, the page locks itself — and the server would refuse anything but unlocking.
 */
import { create } from 'zustand';
import type { SessionView } from '../../../shared/domain/accounts';
import type { AppError } from '../../../shared/result';
import { call, reloadPage } from '../../api/client';
import { onAuthProblem } from '../../stores/authSignal';

export type Phase = 'loading' | 'setup' | 'signIn' | 'ready' | 'error';

interface SessionState {
  phase: Phase;
  orgName: string | null;
  session: SessionView | null;
  /** Set when the session ended under a mounted app (server restarted, disabled…): sign in again on top of it. */
  lost: boolean;
  error: AppError | null;
  load(): Promise<void>;
  signIn(username: string, password: string): Promise<AppError | null>;
  setup(username: string, fullName: string, password: string): Promise<AppError | null>;
  unlock(password: string): Promise<AppError | null>;
  changePassword(current: string, next: string): Promise<AppError | null>;
  signOut(): Promise<void>;
  lock(): void;
  /** The person did something: keep the session open. */
  activity(): void;
}

const PING_EVERY_MS = 60_000;
let lastPing = 0;

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  orgName: null,
  session: null,
  lost: false,
  error: null,

  async load() {
    const r = await call('auth.status', {});
    if (!r.ok) {
      set({ phase: 'error', error: r.error });
      return;
    }
    const { setupNeeded, session, orgName } = r.value;
    set({ orgName, session, error: null, lost: false, phase: setupNeeded ? 'setup' : session ? 'ready' : 'signIn' });
  },

  async signIn(username, password) {
    const before = get().session?.username ?? null;
    const r = await call('auth.login', { username, password });
    if (!r.ok) return r.error;
    lastPing = Date.now();
    // Someone else signed in over a lost session: nothing of the previous person's screen stays.
    if (get().lost && before && before !== r.value.username) reloadPage();
    set({ session: r.value, phase: 'ready', lost: false });
    return null;
  },

  async setup(username, fullName, password) {
    const r = await call('auth.setup', { username, fullName, password });
    if (!r.ok) return r.error;
    lastPing = Date.now();
    set({ session: r.value, phase: 'ready', lost: false });
    return null;
  },

  async unlock(password) {
    const r = await call('auth.unlock', { password });
    if (!r.ok) return r.error;
    lastPing = Date.now();
    set({ session: r.value });
    return null;
  },

  async changePassword(current, next) {
    const r = await call('auth.changePassword', { current, next });
    if (!r.ok) return r.error;
    set({ session: r.value });
    return null;
  },

  async signOut() {
    await call('auth.logout', {});
    // A fresh page: nothing of this person's work stays in memory for the next one.
    reloadPage();
  },

  lock() {
    const s = get().session;
    if (s && !s.locked) set({ session: { ...s, locked: true } });
  },

  activity() {
    const s = get().session;
    if (!s || s.locked || get().phase !== 'ready') return;
    const now = Date.now();
    if (now - lastPing < PING_EVERY_MS) return;
    lastPing = now;
    void call('auth.ping', {}).then((r) => {
      if (r.ok && r.value.locked) get().lock();
    });
  },
}));

/** Sign-in ends or locks under the page's feet: the server says so in any answer. */
onAuthProblem((code) => {
  const { phase, session, lock } = useSession.getState();
  if (phase !== 'ready') return;
  if (code === 'session_locked') lock();
  else if (code === 'unauthenticated' || code === 'session_expired')
    useSession.setState({ lost: true, session: session ? { ...session, locked: true } : null });
  else if (code === 'password_change_required' && session) useSession.setState({ session: { ...session, mustChangePassword: true } });
  else if (code === 'forbidden') refreshRoles();
});

let lastRefresh = 0;
/**
 * A refusal may mean the administrator changed this person's roles since they signed in: the
 * session is read again, so tabs and buttons follow the roles they have now.
 */
function refreshRoles(): void {
  const now = Date.now();
  if (now - lastRefresh < 5_000) return;
  lastRefresh = now;
  void call('auth.status', {}).then((r) => {
    const current = useSession.getState().session;
    if (r.ok && r.value.session && current && r.value.session.username === current.username && !current.locked) {
      useSession.setState({ session: { ...current, roles: r.value.session.roles, confidential: r.value.session.confidential } });
    }
  });
}

/** Starts watching for the person at the keyboard; returns the function that stops it. */
export function watchActivity(): () => void {
  const onActivity = () => useSession.getState().activity();
  const events = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const;
  for (const e of events) window.addEventListener(e, onActivity, { passive: true, capture: true });
  let lastSeen = Date.now();
  const seen = () => (lastSeen = Date.now());
  for (const e of events) window.addEventListener(e, seen, { passive: true, capture: true });
  // The page locks itself when the limit passes without a sign of anyone.
  const timer = setInterval(() => {
    const s = useSession.getState().session;
    if (s && !s.locked && Date.now() - lastSeen > s.idleLockMinutes * 60_000) useSession.getState().lock();
  }, 15_000);
  return () => {
    for (const e of events) {
      window.removeEventListener(e, onActivity, { capture: true });
      window.removeEventListener(e, seen, { capture: true });
    }
    clearInterval(timer);
  };
}
