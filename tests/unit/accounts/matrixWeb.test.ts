/**
 * The permission matrix through the real web host (issue 10, "Done when"): EVERY contract
 * method, called over HTTP with a session cookie as each role (one account per role), as a
 * signed-out caller, as a locked session and as a session whose password must be changed
 * first. What each caller should get is derived from METHOD_ACCESS (src/shared/permissions.ts)
 * and, for the methods the issue names, from an independent statement of the issue's matrix
 * written out below — so a wrong entry in the table fails here too.
 *
 * A refused call answers its code (`forbidden` names the method and the roles needed), writes
 * nothing (every table's rows and the file store digested before and after; only the audited
 * refusal itself may be added) and is audited once, naming the account and the method. An
 * allowed call may still fail its own validation with a coded error — what matters is that the
 * rights check let it through. A method added to the contract and not exercised here fails
 * (the samples are typed by MethodName, and the last test counts what was called).
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../../src/shared/contract.js';
import { ROLES, type Role } from '../../../src/shared/domain/accounts.js';
import { authorize, METHOD_ACCESS, type CallerState, type Denial } from '../../../src/shared/permissions.js';
import { FIXTURE_PASSWORD, OFFICE_USER, ROLE_USERS, SPECIALIST_UNIT } from '../../support/accounts.js';
import { seedSamples, type Json } from '../security/contractSamples.js';
import { startHost, type Answer } from '../security/webHarness.js';

/**
 * The issue's matrix, stated on its own (issue 10, "What to build" 2) for the methods it
 * names — not read from the table: which single-role accounts may call each.
 */
const ISSUE_MATRIX: Partial<Record<MethodName, readonly Role[]>> = {
  // clerk: register/correct/void incoming, import, number, issue on paper
  'incoming.add': ['clerk'],
  'incoming.update': ['clerk'],
  'incoming.void': ['clerk'],
  'import.start': ['clerk'],
  'outgoing.number': ['clerk'],
  'outgoing.issuePaper': ['clerk'],
  // print books: the clerk and the archivist
  'register.print': ['clerk', 'archivist'],
  // leader: direct/assign, approve drafts
  'incoming.assign': ['leader'],
  'outgoing.approve': ['leader'],
  // specialist (and so the leader): report progress, draft outgoing documents
  'incoming.progress': ['specialist', 'leader'],
  'outgoing.draft': ['specialist', 'leader'],
  // readers of documents: everyone but the administrator ("an admin is not automatically a reader")
  'incoming.get': ['clerk', 'leader', 'specialist', 'archivist'],
  'incoming.list': ['clerk', 'leader', 'specialist', 'archivist'],
  'search.incoming': ['clerk', 'leader', 'specialist', 'archivist'],
  'incoming.attachment': ['clerk', 'leader', 'specialist', 'archivist'],
  // admin: accounts, settings, trust anchors
  'account.add': ['admin'],
  'account.list': ['admin'],
  'account.disable': ['admin'],
  'account.resetPassword': ['admin'],
  'settings.update': ['admin'],
  'trust.add': ['admin'],
};

/** The same, for the one method whose right depends on its input: signing as the official or as the organisation. */
const SIGN_AS: Record<'official' | 'organization', readonly Role[]> = { official: ['leader'], organization: ['clerk'] };

/** Accounts of this test besides the fixture ones (all clerks). */
const SPARE = 'fz.spare';
const LOCKED = 'fz.locked';
const MUST_CHANGE = 'fz.mustchange';

interface Caller {
  label: string;
  cookie: string;
  /** The caller as the check sees it (null: nobody signed in). */
  state: CallerState | null;
  username: string | null;
  /** The one role of a role account. */
  role?: Role;
}

interface Call {
  method: MethodName;
  /** A second call of the same method with another input (signing as the organisation). */
  variant?: string;
  input: Json;
}

let h: Awaited<ReturnType<typeof startHost>>;
let calls: Call[];
const callers: Caller[] = [];
/** caller label → method (or method:variant) → what the rights check did: null = let through. */
const observed = new Map<string, Map<string, string | null>>();
const exercised = new Map<string, Set<MethodName>>();

const key = (c: Call) => (c.variant ? `${c.method}:${c.variant}` : c.method);

/** The refusal the table says this caller gets, or null. */
function expected(c: Call, caller: Caller): Denial | null {
  return authorize(METHOD_ACCESS[c.method], caller.state, c.input);
}

/** Whether an answer is a refusal by the rights check (not a validation or domain error). */
function rightsRefusal(a: Answer, method: string): string | null {
  const e = a.body?.error;
  if (!e) return null;
  if (e.code === 'unauthenticated' || e.code === 'session_locked' || e.code === 'password_change_required') return e.code;
  if (e.code === 'forbidden' && e.details?.method === method && Array.isArray(e.details.needed)) return 'forbidden';
  return null;
}

function refusals(dbPath: string, afterSeq: number): { seq: number; actor: string; method: string; needed: string[] }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (
      (
        db.prepare("SELECT seq, actor, data FROM audit_log WHERE action = 'refused' AND seq > ? ORDER BY seq").all(afterSeq) as {
          seq: number;
          actor: string;
          data: string;
        }[]
      )
        .map((r) => {
          const d = JSON.parse(r.data) as { method: string; needed: string[] };
          return { seq: r.seq, actor: r.actor, method: d.method, needed: d.needed };
        })
        // The permission table's refusals name the roles needed; a document an allowed caller may
        // not see is refused by visibility (accounts/visibility.ts, tests/unit/accounts/visibility.test.ts).
        .filter((r) => Array.isArray(r.needed))
    );
  } finally {
    db.close();
  }
}

function lastSeq(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Sessions' own methods last, sign-out and sign-in the very last (they end the caller's session). */
function callOrder(a: Call, b: Call): number {
  const rank = (c: Call) => (c.method === 'auth.login' ? 3 : c.method === 'auth.logout' ? 2 : c.method.startsWith('auth.') ? 1 : 0);
  return rank(a) - rank(b);
}

beforeAll(async () => {
  h = await startHost({ forFile: true });
  const S = await seedSamples(h.post);
  // The specialist's unit handles the seeded letter, so their reading calls are meaningful.
  const incomingId = (S['incoming.get'] as { id: number }).id;
  const assigned = await h.post('incoming.assign', { id: incomingId, lead: SPECIALIST_UNIT.code, due: '2026-04-15' });
  expect(assigned.body?.ok, assigned.text).toBe(true);
  // The administrator's calls act on a spare account, never on another caller's.
  for (const m of ['account.update', 'account.disable', 'account.enable', 'account.resetPassword'] as const)
    S[m] = { ...(S[m] as Record<string, Json>), username: SPARE };
  S['account.update'] = { username: SPARE, fullName: 'Người Dự Phòng', unit: null, roles: ['clerk'], confidential: false };

  const accounts = h.services.accounts;
  for (const username of [SPARE, LOCKED, MUST_CHANGE]) {
    await accounts.add(
      { username, fullName: 'Người Thử Quyền', roles: ['clerk'], confidential: false, password: FIXTURE_PASSWORD },
      OFFICE_USER,
    );
    if (username === MUST_CHANGE) continue; // an administrator's initial password: must be changed at the first sign-in
    await h.services.store.write(async (r) => {
      const a = await r.accounts.byUsername(username);
      await r.accounts.update(a!.id, { mustChangePassword: false }, '2026-01-01T00:00:00+07:00');
    });
  }

  calls = [
    ...METHOD_NAMES.map((method) => ({ method, input: S[method] })),
    { method: 'outgoing.sign', variant: 'organization', input: { ...(S['outgoing.sign'] as Record<string, Json>), as: 'organization' } },
    { method: 'letter.settings', variant: 'patch', input: { patch: { answerDays: 30 } } },
  ];
  calls.sort(callOrder);

  // A session left idle past the limit locks: signed in, then three hours pass (longer than
  // any idle limit the calls below may set), then the others sign in.
  const locked = await h.login(LOCKED);
  h.clock.set('2026-03-10T12:00:00+07:00');
  const ping = await h.post('auth.ping', {}, { Cookie: locked });
  expect(ping.body?.value, ping.text).toEqual({ locked: true });
  callers.push({
    label: 'locked session',
    cookie: locked,
    username: LOCKED,
    state: { roles: ['clerk'], locked: true, mustChangePassword: false },
  });
  for (const role of ROLES) {
    const u = ROLE_USERS[role];
    callers.push({
      label: role,
      role,
      cookie: await h.login(u.username),
      username: u.username,
      state: { roles: u.roles, locked: false, mustChangePassword: false },
    });
  }
  callers.push({
    label: 'password to change',
    cookie: await h.login(MUST_CHANGE),
    username: MUST_CHANGE,
    state: { roles: ['clerk'], locked: false, mustChangePassword: true },
  });
  callers.push({ label: 'signed out', cookie: '', username: null, state: null });
}, 180_000);
afterAll(() => h?.stop());

function record(caller: Caller, c: Call, outcome: string | null) {
  if (!observed.has(caller.label)) observed.set(caller.label, new Map());
  observed.get(caller.label)!.set(key(c), outcome);
  if (!exercised.has(caller.label)) exercised.set(caller.label, new Set());
  exercised.get(caller.label)!.add(c.method);
}

describe('every contract method × every caller, through the web host', () => {
  it('refused calls: the code the table says, naming the method and the roles needed; nothing written; each `forbidden` audited once', async () => {
    const failures: string[] = [];
    const fromSeq = lastSeq(h.dbPath);
    const expectedAudit: string[] = [];
    let digest = h.digest({ ignoreAuditedRefusals: true });
    let refused = 0;
    for (const caller of callers) {
      for (const c of calls) {
        const want = expected(c, caller);
        if (!want) continue;
        refused++;
        const a = await h.post(c.method, c.input, { Cookie: caller.cookie });
        const where = `${caller.label} ${key(c)}`;
        const got = rightsRefusal(a, c.method);
        record(caller, c, got);
        if (got !== want.code) failures.push(`${where}: expected ${want.code}, got ${a.text.slice(0, 200)}`);
        else if (want.code === 'forbidden') {
          const e = a.body!.error!;
          if (JSON.stringify(e.details?.needed) !== JSON.stringify(want.needed))
            failures.push(`${where}: needed ${JSON.stringify(e.details?.needed)}, the table says ${JSON.stringify(want.needed)}`);
          if (!e.message.includes(c.method)) failures.push(`${where}: the message does not name the method: ${e.message}`);
          expectedAudit.push(`${caller.username} ${c.method} ${want.needed.join(',')}`);
        }
        if (a.status >= 500) failures.push(`${where}: HTTP ${a.status}`);
        const now = h.digest({ ignoreAuditedRefusals: true });
        if (now !== digest) failures.push(`${where}: refused but the store changed`);
        digest = now;
      }
    }
    expect(failures).toEqual([]);
    const audited = refusals(h.dbPath, fromSeq).map((r) => `${r.actor} ${r.method} ${r.needed.join(',')}`);
    expect(audited).toEqual(expectedAudit);
    // Every caller but the administrator-of-everything is refused something; the sessions that cannot work, nearly everything.
    expect(refused).toBeGreaterThan(METHOD_NAMES.length * 3);
  }, 300_000);

  it('allowed calls: let through by the rights check (at most a coded validation or domain error), and nothing refused in the audit', async () => {
    const failures: string[] = [];
    const fromSeq = lastSeq(h.dbPath);
    for (const caller of callers) {
      for (const c of calls) {
        if (expected(c, caller)) continue;
        const a = await h.post(c.method, c.input, { Cookie: caller.cookie });
        const where = `${caller.label} ${key(c)}`;
        const got = rightsRefusal(a, c.method);
        record(caller, c, got);
        if (got) failures.push(`${where}: allowed by the table but refused: ${a.text.slice(0, 200)}`);
        else if (!a.body) failures.push(`${where}: HTTP ${a.status} ${a.text.slice(0, 200)}`);
        else if (!a.body.ok && (a.body.error?.code === 'internal' || !/^[a-z][a-z0-9_]*$/.test(a.body.error?.code ?? '')))
          failures.push(`${where}: uncoded or internal ${a.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(refusals(h.dbPath, fromSeq)).toEqual([]);
  }, 600_000);

  it("what each role got agrees with the issue's own statement of the matrix", () => {
    const disagreements: string[] = [];
    for (const role of ROLES) {
      const seen = observed.get(role)!;
      for (const [method, roles] of Object.entries(ISSUE_MATRIX) as [MethodName, readonly Role[]][]) {
        const allowed = seen.get(method) === null;
        if (allowed !== roles.includes(role)) disagreements.push(`${role} ${method}: ${allowed ? 'allowed' : 'refused'}`);
      }
      for (const [as, roles] of Object.entries(SIGN_AS)) {
        const allowed = seen.get(as === 'official' ? 'outgoing.sign' : 'outgoing.sign:organization') === null;
        if (allowed !== roles.includes(role)) disagreements.push(`${role} outgoing.sign as ${as}: ${allowed ? 'allowed' : 'refused'}`);
      }
    }
    expect(disagreements).toEqual([]);
    // The sessions that cannot work are refused everything but signing in and out (and the status).
    for (const label of ['signed out', 'locked session', 'password to change']) {
      const open = [...observed.get(label)!].filter(([, v]) => v === null).map(([k]) => k);
      expect(
        open.every((k) => k.startsWith('auth.')),
        `${label}: ${open.join(', ')}`,
      ).toBe(true);
    }
  });

  it('every method of the contract was called by every caller', () => {
    for (const caller of callers) {
      const seen = exercised.get(caller.label) ?? new Set();
      expect(
        METHOD_NAMES.filter((m) => !seen.has(m)),
        caller.label,
      ).toEqual([]);
    }
    expect(callers).toHaveLength(ROLES.length + 3);
  });
});
