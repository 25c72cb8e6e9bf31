/**
 * A received edXML message on an office database with rights in the database (issue 12 on
 * issue 11's connections): the clerk, signed in on the web host and so connected as their
 * own login role, receives a message, opens it and registers it — its attachments are read
 * from the stored message through the server's row policy on stored files (migration 0160),
 * and land as the registered document's files. The server itself keeps the stored message
 * from a specialist's and a leader's own connections (the permission table gives received
 * messages to the clerk alone), whatever program they connect with. Runs in the `postgres`
 * project.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/main/api/handlers.js';
import { personalConnections } from '../../../src/main/api/personalConnections.js';
import { buildDocumentMessage } from '../../../src/main/interchange/edxml.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { startWebHost, type WebHost } from '../../../src/main/web/server.js';
import { decodeWire, encodeWire } from '../../../src/shared/wire.js';
import { fixedClock } from '../helpers.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';
import { PNG, sampleDocument } from '../interchange/messages.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.lt.${RUN}`;
const CLERK = `vt.lt.${RUN}`;
const SPECIALIST = `cv.lt.${RUN}`;
const LEADER = `ld.lt.${RUN}`;
const OWN_ID = '000.00.01.H48';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let url = '';
let owner: Services;
let host: WebHost;
let dir = '';

interface Answer<T> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

function browser() {
  let cookie = '';
  return async function call<T = unknown>(method: string, input: unknown = {}): Promise<Answer<T>> {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-VanThu-Token': host.token, ...(cookie ? { Cookie: cookie } : {}) },
      body: encodeWire(input),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return decodeWire(await res.text()) as Answer<T>;
  };
}

/** What a person's own login role reads of the stored files, with any program (psql here). */
async function chunksSeenAs(username: string, sha256: string): Promise<number> {
  // The locator names the owner: the person's own role and password instead (a connection string's
  // fields win over the client's options, so they go into it).
  const u = new URL(url);
  u.username = encodeURIComponent(username);
  u.password = encodeURIComponent(PASSWORD);
  const c = new pg.Client({ connectionString: u.toString(), ssl: false });
  await c.connect();
  expect((await c.query<{ u: string }>('SELECT session_user AS u')).rows[0]!.u).toBe(username);
  try {
    const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM blob_chunks WHERE sha256 = $1', [sha256]);
    return Number(r.rows[0]!.n);
  } finally {
    await c.end();
  }
}

d('a received edXML message read and registered on the clerk’s own connection', () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: fixedClock('2026-11-21T09:00:00+07:00') });
    await owner.init({ actor: 'test', orgName: 'Sở Nội vụ tỉnh Quảng Ngãi', orgCode: 'SNV', organId: OWN_ID });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    await owner.directory.addUnit('TCBC', 'Phòng Tổ chức biên chế', ADMIN);
    const add = (username: string, roles: string[], extra: Record<string, unknown> = {}) =>
      owner.accounts.add({ username, fullName: 'Người Thử', roles, password: PASSWORD, ...extra }, ADMIN);
    await add(CLERK, ['clerk']);
    await add(SPECIALIST, ['specialist'], { unit: 'TCBC' });
    await add(LEADER, ['leader']);
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-edxml-personal-'));
    mkdirSync(path.join(dir, 'renderer'));
    writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>VănThư</title>');
    const personal = await personalConnections(owner, url);
    expect(personal).not.toBeNull();
    host = await startWebHost({ handlers: createHandlers(owner, { shell: 'web', personal }), rendererDir: path.join(dir, 'renderer') });
  }, 180_000);

  afterAll(async () => {
    await host?.close();
    await owner?.close();
    if (url) await dropPgDatabase(url);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the clerk receives, opens and registers it; the attachments are the registered document’s files; others cannot read the message', async () => {
    const clerk = browser();
    const specialist = browser();
    expect((await clerk('auth.login', { username: CLERK, password: PASSWORD })).ok).toBe(true);
    expect((await specialist('auth.login', { username: SPECIALIST, password: PASSWORD })).ok).toBe(true);

    const message = buildDocumentMessage(sampleDocument());
    const received = await clerk<{ kind: string; received: { id: number } }>('edxml.receive', { fileName: 'goi-tin.xml', bytes: message });
    expect(received.ok, JSON.stringify(received.error)).toBe(true);
    const rid = received.value!.received.id;
    // Received by the clerk's own connection: the server recorded the clerk as the actor.
    const trail = await pgQuery<{ actor: string }>(url, `SELECT actor FROM audit_log WHERE action = 'edxml_receive'`);
    expect(trail.map((t) => t.actor)).toEqual([CLERK]);

    // Opening it reads the stored message on the clerk's connection.
    const preview = await clerk<{ attachments: { name: string; size: number }[] }>('edxml.preview', { id: rid });
    expect(preview.ok, JSON.stringify(preview.error)).toBe(true);
    expect(preview.value!.attachments.map((a) => a.name)).toEqual(['1234-UBND-NC.signed.pdf', 'so-do.png']);
    // The specialist is refused by the table, and their own role reads none of the stored message.
    expect((await specialist('edxml.preview', { id: rid })).error?.code).toBe('forbidden');
    expect(await chunksSeenAs(CLERK, sha(message))).toBeGreaterThan(0);
    expect(await chunksSeenAs(SPECIALIST, sha(message))).toBe(0);
    expect(await chunksSeenAs(LEADER, sha(message))).toBe(0);

    const registered = await clerk<{ incoming: { id: number; attachments: { id: number; fileName: string; sha256: string }[] } }>(
      'edxml.register',
      { id: rid },
    );
    expect(registered.ok, JSON.stringify(registered.error)).toBe(true);
    const incoming = registered.value!.incoming;
    expect(incoming.attachments.map((a) => a.fileName).sort()).toEqual(['1234-UBND-NC.signed.pdf', 'so-do.png']);
    const png = incoming.attachments.find((a) => a.fileName === 'so-do.png')!;
    const file = await clerk<{ bytes: Uint8Array }>('incoming.attachment', { id: incoming.id, attachmentId: png.id });
    expect(file.ok, JSON.stringify(file.error)).toBe(true);
    expect(Buffer.from(file.value!.bytes).equals(PNG)).toBe(true);
    // The registered document's files are the leader's to read too (through the document now).
    expect(await chunksSeenAs(LEADER, sha(PNG))).toBeGreaterThan(0);
    expect(await chunksSeenAs(LEADER, sha(message))).toBe(0);

    for (const call of [clerk, specialist]) expect((await call('auth.logout')).ok).toBe(true);
  }, 180_000);
});
