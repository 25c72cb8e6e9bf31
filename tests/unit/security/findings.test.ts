/**
 * Each finding of issue 9's contract probe, reproduced through the real web host (and the
 * CLI where it has the same door), now refused with a stable code and nothing written.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, OFFICE_USER } from '../cliHelpers.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { createTestPki } from '../../support/signing/testPki.js';
import { findAssetsDir } from '../../../src/main/pdf/fonts.js';
import { doc, tempDir } from '../helpers.js';
import { machinePaths, startHost, storeDigest, type Answer } from './webHarness.js';

const PNG_1x1 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const PDF = minimalPdf();

async function finish(h: Awaited<ReturnType<typeof startHost>>, started: Answer) {
  expect(started.body?.ok).toBe(true);
  const jobId = (started.body!.value as { jobId: string }).jobId;
  for (let i = 0; i < 200; i++) {
    const s = await h.post('job.status', { jobId });
    const v = s.body!.value as { state: string; error?: { code: string; message: string } };
    if (v.state !== 'running') return { answer: s, view: v };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

// Import uploads are parked in os.tmpdir(): give this file its own, to see what is left there.
let tmp: string;
let savedTmp: string | undefined;
beforeEach(() => {
  savedTmp = process.env.TMPDIR;
  tmp = path.join(tempDir(), 'tmp');
  mkdirSync(tmp);
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

describe('import.start', () => {
  it('file name "." or ".." (or a path): a plain import, no internal error, no machine path, no temp folder left', async () => {
    const h = await startHost();
    const csv = Buffer.from(
      'organName,symbol,issuedDate,typeName,subject,arrivalDate\nSở A,1/QĐ-A,2026-01-02,Quyết định,Về việc A,2026-01-05T08:00\n',
    );
    for (const [i, fileName] of ['.', '..', '../../etc/passwd', 'C:\\Windows\\x.csv', '..\\..\\a.csv'].entries()) {
      const started = await h.post('import.start', { fileName, bytes: Buffer.from(csv.toString().replace('1/QĐ-A', `${i + 1}/QĐ-A`)) });
      const { answer, view } = await finish(h, started);
      expect(view.state, `${fileName}: ${view.error?.message}`).toBe('done');
      for (const p of machinePaths([tmp])) expect(answer.text).not.toContain(p);
    }
    expect(readdirSync(tmp).filter((n) => n.startsWith('vanthu-import-'))).toEqual([]);
  });

  it('a CSV with a stray quote is refused as input (invalid_csv, the line named), nothing written; CLI import exits 2', async () => {
    const h = await startHost();
    const before = h.digest();
    const csv =
      'organName,symbol,issuedDate,typeName,subject,arrivalDate\nSở A,1/QĐ-A,2026-01-02,Quyết định,Về việc A,2026-01-05T08:00\nSở B,2/Q"Đ,2026-01-02,Quyết định,Về việc B,2026-01-05T08:00\n';
    for (const skipInvalid of [false, true]) {
      const { answer, view } = await finish(h, await h.post('import.start', { fileName: 'so.csv', bytes: Buffer.from(csv), skipInvalid }));
      expect(view.state).toBe('failed');
      expect(view.error).toMatchObject({ code: 'invalid_csv' });
      expect(view.error!.message).toContain('dòng 3');
      for (const p of machinePaths([tmp])) expect(answer.text).not.toContain(p);
    }
    expect(h.digest()).toBe(before);
    expect(readdirSync(tmp).filter((n) => n.startsWith('vanthu-import-'))).toEqual([]);

    const file = path.join(tempDir(), 'so.csv');
    writeFileSync(file, csv);
    await h.services.close();
    const r = cli(h.dbPath, ['import', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.error()).toMatchObject({ code: 'invalid_csv', field: 'file' });
    expect(storeDigest(h.dbPath)).toBe(before);
  });
});

describe('downloads never keep an untrusted stored file name', () => {
  it('incoming.attachment offers a safe name with the extension of the real content', async () => {
    const h = await startHost();
    const added = await h.post('incoming.add', {
      data: doc(),
      attachments: [
        { fileName: 'scan.pdf', bytes: PNG_1x1 },
        { fileName: 'cv\u202Efdp.exe', bytes: PDF },
      ],
    });
    expect(added.body?.ok, added.text).toBe(true);
    const rec = added.body!.value as { id: number; attachments: { id: number; fileName: string }[] };
    // Stored as named, minus the bidi override.
    expect(rec.attachments.map((a) => a.fileName)).toEqual(['scan.pdf', 'cvfdp.exe']);
    // A name stored by an older version (or edited in the database) is made safe on the way out.
    const db = new Database(h.dbPath);
    db.prepare('UPDATE incoming_attachments SET file_name = ? WHERE id = ?').run('..\\..\\AUTOEXEC\u0007.bat', rec.attachments[0]!.id);
    db.close();
    const names: string[] = [];
    for (const a of rec.attachments) {
      const r = await h.post('incoming.attachment', { id: rec.id, attachmentId: a.id });
      names.push((r.body!.value as { fileName: string }).fileName);
    }
    expect(names).toEqual(['_.._AUTOEXEC.bat.png', 'cvfdp.exe.pdf']);
  });
});

describe('the audit actor is the signed-in account, never VANTHU_USER, the OS user or a bare flag', () => {
  it('CLI', () => {
    const db = path.join(tempDir(), 'a.sqlite');
    const env = { VANTHU_USER: 'giám đốc' };
    expect(cli(db, ['init', '--json'], undefined, env).code).toBe(0);
    const added = cli(db, ['incoming', 'add', '--data', JSON.stringify(doc()), '--json'], undefined, env);
    expect(added.code).toBe(0);
    const audit = cli(db, ['audit', '--id', String(added.json().id), '--json'], undefined, env).json() as { actor: string }[];
    expect(audit.map((e) => e.actor)).toEqual([OFFICE_USER]);
    // …and a flag names someone else only with their password.
    const other = cli(db, ['incoming', 'list', '--user', 'giám đốc', '--json']);
    expect(other.code).toBe(2);
    expect(other.error().code).toBe('required');
  });
});

describe('outgoing.sign with a signature image that is not a PNG', () => {
  it('answers invalid_image on the image field (not internal), nothing written', async () => {
    const h = await startHost();
    const pki = createTestPki(tempDir());
    const draft = await h.post('outgoing.draft', { data: DRAFT });
    const id = (draft.body!.value as { id: number }).id;
    expect((await h.post('outgoing.approve', { id })).body?.ok).toBe(true);
    const before = h.digest();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
    for (const image of [jpeg, Buffer.from('not an image'), PDF, PNG_1x1.subarray(0, 20)]) {
      const r = await h.post('outgoing.sign', {
        id,
        as: 'official',
        p12: { bytes: pki.official.p12, password: pki.official.p12Password },
        image,
      });
      expect(r.body?.error).toMatchObject({ code: 'invalid_image', field: 'image' });
    }
    expect(h.digest()).toBe(before);
    // The real signature image signs.
    const ok = await h.post('outgoing.sign', {
      id,
      as: 'official',
      p12: { bytes: pki.official.p12, password: pki.official.p12Password },
      image: readFileSync(path.join(findAssetsDir(), 'signing', 'chu-ky-mau.png')),
    });
    expect(ok.body?.ok, ok.text).toBe(true);
  });
});
