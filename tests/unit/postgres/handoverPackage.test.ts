/**
 * Hand-over packages in the office database (migration 0176): a package lists every dossier it
 * hands over, titles included, so its row — and the stored bytes whose policy looks into that
 * table (0090) — is read only by someone who sees every dossier of its hand-over. psql as a
 * clerk and as an archivist without the confidential grant, and as an archivist with it,
 * against a hand-over of an ordinary dossier and one of a dossier holding a confidential
 * document; and a package row is never changed or forged for a hand-over one cannot see.
 * Runs in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageHandover } from '../../../src/main/archive/archiveDocuments.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { doc, fixedClock } from '../helpers.js';
import { psqlAs as psqlAsPerson } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
// Login roles belong to the whole server, which other test files share: names of this file's own.
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const CLERK = `vt.thuong.${RUN}`;
const ARCHIVIST = `lt.thuong.${RUN}`;
const SECRET_ARCHIVIST = `lt.mat.${RUN}`;
const OWNER = { actor: 'văn thư A', confidential: true };

let url = '';
let owner: Services;
const pkg = { plain: { handover: 0, sha: '' }, secret: { handover: 0, sha: '' } };

const psqlAs = (user: string, sql: string) => psqlAsPerson(url, user, PASSWORD, sql);

async function scan(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 14 });
  return pdf.save();
}

/** A closed, permanently kept dossier holding one registered document, handed over and packaged. */
async function handedOver(code: string, secrecy: 'normal' | 'confidential') {
  const letter = await owner.incoming.add(doc({ symbol: `${code}/STC`, subject: `Văn bản của hồ sơ ${code}`, secrecy }), {
    actor: OWNER.actor,
    attachments: [{ fileName: `${code}.pdf`, bytes: await scan(`Scan ${code}`) }],
  });
  const x = await owner.archive.open({ title: `Hồ sơ ${code}`, code, retention: 'Vĩnh viễn', startDate: '2026-03-05' }, OWNER);
  await owner.archive.addDoc({ id: x.id, kind: 'incoming', docId: letter.id }, OWNER);
  await owner.archive.close({ id: x.id, title: `Hồ sơ ${code}`, retention: 'Vĩnh viễn', endDate: '2026-03-06' }, OWNER);
  const h = await owner.disposition.createHandover({ dossiers: `${x.id}`, unitName: 'Văn phòng', giverName: 'Trần Thị Bình' }, OWNER);
  const made = await packageHandover(owner, h.id, OWNER);
  // The package kept in the database beside its row (what the bytes' policy reads through).
  expect(await owner.files.put(made.bytes)).toBe(made.sha256);
  return { handover: h.id, sha: made.sha256 };
}

d('hand-over packages in the database', () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: fixedClock('2026-03-06T09:00:00+07:00') });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    const add = (username: string, roles: string[], extra: Record<string, unknown> = {}) =>
      owner.accounts.add({ username, fullName: 'Người Thử', roles, password: PASSWORD, ...extra }, ADMIN);
    await add(CLERK, ['clerk']);
    await add(ARCHIVIST, ['archivist']);
    await add(SECRET_ARCHIVIST, ['archivist'], { confidential: true });
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');
    pkg.plain = await handedOver('01.VP', 'normal');
    pkg.secret = await handedOver('02.VP', 'confidential');
  }, 180_000);

  afterAll(async () => {
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  it('psql: without the grant a clerk and an archivist read the ordinary package and its bytes only; with it, both', () => {
    const rows = (who: string) => psqlAs(who, "SELECT string_agg(handover_id::text, ',' ORDER BY handover_id) FROM handover_packages");
    const chunks = (who: string, sha: string) => psqlAs(who, `SELECT count(*) FROM blob_chunks WHERE sha256 = '${sha}'`);
    for (const who of [CLERK, ARCHIVIST]) {
      const seen = rows(who);
      expect(seen.ok, seen.err).toBe(true);
      expect(seen.out).toBe(`${pkg.plain.handover}`);
      expect(Number(chunks(who, pkg.plain.sha).out)).toBeGreaterThan(0);
      expect(chunks(who, pkg.secret.sha).out).toBe('0');
    }
    expect(rows(SECRET_ARCHIVIST).out).toBe(`${pkg.plain.handover},${pkg.secret.handover}`);
    expect(Number(chunks(SECRET_ARCHIVIST, pkg.secret.sha).out)).toBeGreaterThan(0);
  });

  it('psql: a package row is never changed, and none is forged for a hand-over one may not see', async () => {
    // Its makers only insert (migration 0234): no one holds UPDATE; the owner's trigger refuses even the owner.
    for (const who of [CLERK, ARCHIVIST, SECRET_ARCHIVIST]) {
      for (const handover of [pkg.plain.handover, pkg.secret.handover]) {
        const changed = psqlAs(who, `UPDATE handover_packages SET size = 1 WHERE handover_id = ${handover}`);
        expect(changed.ok).toBe(false);
        expect(changed.err).toContain('permission denied for table handover_packages');
      }
    }
    await expect(pgQuery(url, `UPDATE handover_packages SET size = 1 WHERE handover_id = ${pkg.plain.handover}`)).rejects.toThrow(
      /vt:declared_record/,
    );
    const forged = psqlAs(
      CLERK,
      `INSERT INTO handover_packages (handover_id, sha256, size, made_at, made_by)
       VALUES (${pkg.secret.handover}, '${'0'.repeat(64)}', 1, 'x', '${CLERK}')`,
    );
    expect(forged.ok).toBe(false);
    expect(forged.err).toMatch(/row-level security/);
  });
});
