/**
 * Row-level policies of migration 0120: citizens' letters and hotline feedback (a
 * denunciation's author only with the confidential group, a specialist only their unit's;
 * since 0179 a denunciation's files too, and the administrator's removal of trust anchors),
 * a dossier's list of documents, the text of a confidential document — each asked with psql
 * as the person, as anyone with their password could; and the app connected as a clerk
 * still registers a denunciation it may not read the author of. Runs in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
import { doc, fixedClock } from '../helpers.js';
import { psqlAs as psqlAsPerson } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const CLERK = `vt.clerk.${RUN}`;
const SECRET_CLERK = `vt.mat.${RUN}`;
const SPECIALIST = `cv.khdt.${RUN}`;
const ARCHIVIST = `lt.archive.${RUN}`;

let url = '';
let owner: Services;
const opened: Services[] = [];
const ids = { complaint: 0, denunciation: 0, normal: 0, secret: 0, dossier: 0 };
const NOW = '2026-03-10T09:00:00+07:00';

const psqlAs = (user: string, sql: string) => psqlAsPerson(url, user, PASSWORD, sql);

d('rights in the database: letters, hotline, dossiers, document text (0120)', () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: fixedClock(NOW) });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    await owner.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN);
    await owner.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', ADMIN);
    const add = (username: string, roles: string[], extra: Record<string, unknown> = {}) =>
      owner.accounts.add({ username, fullName: 'Người Thử', roles, password: PASSWORD, ...extra }, ADMIN);
    await add(CLERK, ['clerk']);
    await add(SECRET_CLERK, ['clerk'], { confidential: true });
    await add(SPECIALIST, ['specialist'], { unit: 'KHDT' });
    await add(ARCHIVIST, ['archivist']);
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');
    const who = { actor: ADMIN, access: { personal: true, identity: true } };
    const letter = (kind: string, name: string) =>
      owner.letters.add({ receivedDate: '2026-03-09', kind, channel: 'post', subject: `Đơn ${kind}`, senders: [{ fullName: name }] }, who);
    ids.complaint = (await letter('complaint', 'Nguyễn Văn Khiếu')).id;
    ids.denunciation = (await letter('denunciation', 'Trần Văn Tố')).id;
    await owner.letters.classify(ids.complaint, { eligible: true, competence: 'within', at: '2026-03-09T10:00' }, who);
    await owner.letters.accept(ids.complaint, { lead: 'KHDT', due: '2026-04-30', at: '2026-03-09T11:00' }, who);
    for (const unit of ['KHDT', 'TCHC']) {
      await owner.hotline.add(
        { callerName: 'Lê Thị Cúc', procedure: 'Cấp phép', unit, cause: 'late_return', content: 'Chậm', receivedAt: '2026-03-09T08:00' },
        who,
      );
    }
    ids.normal = (await owner.incoming.add(doc({ symbol: '1/KHDT' }), { actor: ADMIN })).id;
    ids.secret = (await owner.incoming.add(doc({ symbol: '3/MAT', secrecy: 'confidential' }), { actor: ADMIN })).id;
    // What capture writes for a document's files (the content index), and a dossier holding both.
    await pgQuery(url, `INSERT INTO incoming_content (document_id, tsv) VALUES ($1, 'ke hoach'), ($2, 'tuyet mat')`, [
      ids.normal,
      ids.secret,
    ]);
    ids.dossier = (
      await pgQuery<{ id: number }>(
        url,
        `INSERT INTO dossiers (year, code, title, state, created_at, created_by, updated_at) VALUES (2026, '01.TH', 'Hồ sơ thử', 'open', $1, $2, $1) RETURNING id`,
        [NOW, ADMIN],
      )
    )[0]!.id;
    for (const [i, id] of [ids.normal, ids.secret].entries()) {
      await pgQuery(
        url,
        `INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, added_at, added_by) VALUES ($1, 'incoming', $2, $3, $4, $4, $5)`,
        [ids.dossier, id, i + 1, NOW, ADMIN],
      );
    }
  }, 180_000);

  afterAll(async () => {
    for (const s of opened) await s.close();
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  it("a denunciation's author is read only with the confidential group", () => {
    expect(psqlAs(CLERK, 'SELECT count(*) FROM letters').out).toBe('2');
    expect(psqlAs(CLERK, 'SELECT full_name FROM letter_senders ORDER BY 1')).toMatchObject({ ok: true, out: 'Nguyễn Văn Khiếu' });
    expect(psqlAs(SECRET_CLERK, 'SELECT full_name FROM letter_senders ORDER BY 1').out).toBe('Nguyễn Văn Khiếu\nTrần Văn Tố');
    // Nor changed or removed without it.
    expect(psqlAs(CLERK, `UPDATE letter_senders SET full_name = 'x' WHERE letter_id = ${ids.denunciation} RETURNING id`)).toMatchObject({
      ok: true,
      out: '',
    });
    expect(psqlAs(CLERK, `DELETE FROM letter_senders WHERE letter_id = ${ids.denunciation} RETURNING id`).out).toBe('');
    expect(psqlAs(SECRET_CLERK, `SELECT count(*) FROM letter_senders WHERE letter_id = ${ids.denunciation}`).out).toBe('1');
  });

  it('a specialist sees the letters and hotline items of their unit; an archivist and an administrator none', () => {
    expect(psqlAs(SPECIALIST, 'SELECT id FROM letters').out).toBe(String(ids.complaint));
    expect(psqlAs(SPECIALIST, 'SELECT full_name FROM letter_senders').out).toBe('Nguyễn Văn Khiếu');
    expect(psqlAs(SPECIALIST, 'SELECT count(*) FROM letter_assignments').out).toBe('1');
    expect(psqlAs(SPECIALIST, 'SELECT u.code FROM hotline_items h JOIN units u ON u.id = h.unit_id').out).toBe('KHDT');
    expect(psqlAs(CLERK, 'SELECT count(*) FROM hotline_items').out).toBe('2');
    for (const u of [ARCHIVIST, ADMIN]) {
      expect(psqlAs(u, 'SELECT count(*) FROM letters').out).toBe('0');
      expect(psqlAs(u, 'SELECT count(*) FROM letter_senders').out).toBe('0');
      expect(psqlAs(u, 'SELECT count(*) FROM hotline_items').out).toBe('0');
    }
  });

  it("a dossier lists only the documents one may see; a confidential document's text is as hidden as the document", () => {
    expect(psqlAs(ARCHIVIST, 'SELECT doc_id FROM dossier_items').out).toBe(String(ids.normal));
    expect(psqlAs(SECRET_CLERK, 'SELECT count(*) FROM dossier_items').out).toBe('2');
    expect(psqlAs(CLERK, 'SELECT document_id FROM incoming_content').out).toBe(String(ids.normal));
    expect(psqlAs(CLERK, `SELECT count(*) FROM incoming_content WHERE tsv @@ 'mat'::tsquery`).out).toBe('0');
    expect(psqlAs(SECRET_CLERK, `SELECT count(*) FROM incoming_content WHERE tsv @@ 'mat'::tsquery`).out).toBe('1');
  });

  it('the app connected as a clerk registers a denunciation whose author it may then not read', async () => {
    const clerk = await createServices({
      dbPath: url.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(CLERK)}@`),
      password: PASSWORD,
      clock: fixedClock(NOW),
    });
    opened.push(clerk);
    const made = await clerk.letters.add(
      {
        receivedDate: '2026-03-10',
        kind: 'denunciation',
        channel: 'in_person',
        subject: 'Tố cáo mới',
        senders: [{ fullName: 'Phạm Văn Báo' }],
      },
      // What letters/access.ts gives a clerk without the confidential grant.
      { actor: CLERK, access: { personal: true, identity: false } },
    );
    const stored = await pgQuery<{ full_name: string; created_by: string }>(
      url,
      'SELECT s.full_name, l.created_by FROM letter_senders s JOIN letters l ON l.id = s.letter_id WHERE l.id = $1',
      [made.id],
    );
    expect(stored).toEqual([{ full_name: 'Phạm Văn Báo', created_by: CLERK }]);
    expect(psqlAs(CLERK, `SELECT count(*) FROM letter_senders WHERE letter_id = ${made.id}`).out).toBe('0');
    expect(psqlAs(SECRET_CLERK, `SELECT full_name FROM letter_senders WHERE letter_id = ${made.id}`).out).toBe('Phạm Văn Báo');
  });

  it("a denunciation's files (0179): attached by a clerk without the grant, read with it only; a specialist their unit's", async () => {
    const clerk = await createServices({
      dbPath: url.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(CLERK)}@`),
      password: PASSWORD,
      clock: fixedClock(NOW),
    });
    opened.push(clerk);
    const asClerk = { actor: CLERK, access: { personal: true, identity: false } };
    const pdf = (n: number) => minimalPdf(n);
    const onDenunciation = await clerk.letterFiles.attach(ids.denunciation, { fileName: 'to-cao.pdf', bytes: pdf(1) }, {}, asClerk);
    expect(onDenunciation).toMatchObject({ attachments: [] });
    const onComplaint = await clerk.letterFiles.attach(ids.complaint, { fileName: 'khieu-nai.pdf', bytes: pdf(2) }, {}, asClerk);
    expect(onComplaint.attachments.map((a) => a.fileName)).toEqual(['khieu-nai.pdf']);
    expect(psqlAs(CLERK, 'SELECT file_name FROM letter_attachments ORDER BY 1').out).toBe('khieu-nai.pdf');
    expect(psqlAs(SECRET_CLERK, 'SELECT file_name FROM letter_attachments ORDER BY 1').out).toBe('khieu-nai.pdf\nto-cao.pdf');
    // The bytes follow the rows: the denunciation's scan is not readable by the clerk at all.
    const sha = (
      await pgQuery<{ sha256: string }>(url, `SELECT sha256 FROM letter_attachments WHERE letter_id = $1`, [ids.denunciation])
    )[0]!.sha256;
    expect(psqlAs(CLERK, `SELECT count(*) FROM blob_chunks WHERE sha256 = '${sha}'`).out).toBe('0');
    expect(psqlAs(SECRET_CLERK, `SELECT count(*) > 0 FROM blob_chunks WHERE sha256 = '${sha}'`).out).toBe('t');
    expect(psqlAs(CLERK, `DELETE FROM letter_attachments WHERE letter_id = ${ids.denunciation} RETURNING id`).out).toBe('');
    // The specialist of KHDT sees the complaint assigned to the unit, with its file; nothing of the denunciation.
    expect(psqlAs(SPECIALIST, 'SELECT file_name FROM letter_attachments').out).toBe('khieu-nai.pdf');
    expect(psqlAs(ARCHIVIST, 'SELECT count(*) FROM letter_attachments').out).toBe('0');
  });

  it('the administrator removes a trust anchor; no one else may (0179 table rights)', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const insert = `INSERT INTO trust_anchors (subject, sha256, pem, not_after, created_at, kind, legacy)
      VALUES ('CN=Thử', repeat('a', 64), '${pem}', '2030-01-01', '${NOW}', 'anchor', false) RETURNING id`;
    const made = psqlAs(ADMIN, insert);
    expect(made.ok, made.err).toBe(true);
    expect(psqlAs(CLERK, `DELETE FROM trust_anchors WHERE id = ${made.out}`)).toMatchObject({ ok: false });
    expect(psqlAs(ADMIN, `UPDATE trust_anchors SET legacy = true WHERE id = ${made.out} RETURNING legacy`).out).toBe('t');
    expect(psqlAs(ADMIN, `DELETE FROM trust_anchors WHERE id = ${made.out} RETURNING id`).out).toBe(made.out);
  });
});
