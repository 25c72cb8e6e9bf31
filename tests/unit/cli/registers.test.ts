/**
 * The incoming register's book-keeping commands through the real `vanthu` command line:
 * the next number, the registers, the printed book, backup, `check` on damaged files, and
 * the leader's direction of a document to units with its progress.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cli } from '../cliHelpers.js';
import { INCOMING, initOffice, type Office } from './office.js';

async function scanPdf(title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText(title, { x: 72, y: 760, size: 14 });
  return doc.save();
}

/** Three documents: two ordinary (one with a scanned PDF), one confidential. */
async function registerSome(o: Office): Promise<{ scanSha: string }> {
  const scan = o.file('cong-van-215.pdf');
  const bytes = await scanPdf('Cong van 215/STC-QLNS');
  writeFileSync(scan, bytes);
  const first = o.vanthu(['incoming', 'add', '--data', JSON.stringify(INCOMING), '--attach', scan]);
  expect(first.code, first.stderr).toBe(0);
  o.batch([
    {
      cmd: 'incoming add',
      args: {
        data: {
          ...INCOMING,
          symbol: '88/SYT-NVY',
          organName: 'Sở Y tế',
          subject: 'Phòng, chống dịch sốt xuất huyết',
          arrivalDate: '2026-03-06T09:00:00+07:00',
        },
      },
    },
    {
      cmd: 'incoming add',
      args: {
        data: {
          ...INCOMING,
          symbol: '12/CAT-PV01',
          organName: 'Công an tỉnh',
          subject: 'Bảo đảm an ninh dịp lễ',
          secrecy: 'confidential',
          arrivalDate: '2026-03-06T10:00:00+07:00',
        },
      },
    },
  ]);
  return { scanSha: createHash('sha256').update(bytes).digest('hex') };
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('vanthu registers', () => {
  it('next-number, register list and the printed book; refuses an unknown register and a missing year', async () => {
    const o = initOffice('2026-03-10T09:00:00+07:00');
    expect(o.vanthu(['incoming', 'next-number']).json()).toEqual({ register: 'DEN', year: 2026, arrivalNumber: 1 });
    await registerSome(o);
    // The next number of each book, and of a past year's book for a late entry.
    expect(o.vanthu(['incoming', 'next-number']).json()).toEqual({ register: 'DEN', year: 2026, arrivalNumber: 3 });
    expect(o.vanthu(['incoming', 'next-number', '--secrecy', 'confidential']).json()).toEqual({
      register: 'DEN-MAT',
      year: 2026,
      arrivalNumber: 2,
    });
    expect(o.vanthu(['incoming', 'next-number', '--arrival-date', '2025-12-30T08:00']).json()).toMatchObject({
      year: 2025,
      arrivalNumber: 1,
    });
    o.refused(['incoming', 'next-number', '--register', 'XYZ'], 'unknown_register');
    o.refused(['incoming', 'next-number', '--arrival-date', '31/02/2026'], 'invalid_datetime', 'arrivalDate');

    const registers = o.vanthu(['register', 'list']).json() as { code: string; name: string; direction: string; confidential: boolean }[];
    expect(registers.map((r) => [r.code, r.direction, !!r.confidential])).toEqual([
      ['DEN', 'incoming', false],
      ['DEN-MAT', 'incoming', true],
      ['DI', 'outgoing', false],
      ['DI-MAT', 'outgoing', true],
    ]);
    expect(registers[0]!.name).toBe('Sổ đăng ký văn bản đến');

    const out = o.file('so-den-2026.pdf');
    const printed = o.vanthu(['register', 'print', '--register', 'DEN', '--year', '2026', '--out', out]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.json()).toMatchObject({ path: out, register: 'DEN', year: 2026, documents: 2 });
    const text = pdfText(out);
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(text).toContain('215/STC-QLNS');
    expect(text).toContain('88/SYT-NVY');
    // The confidential document is in its own book only.
    expect(text).not.toContain('12/CAT-PV01');
    const secretBook = o.file('so-den-mat.pdf');
    expect(o.vanthu(['register', 'print', '--register', 'DEN-MAT', '--year', '2026', '--out', secretBook]).json().documents).toBe(1);
    expect(pdfText(secretBook)).toContain('12/CAT-PV01');

    const nowhere = o.file('khong-ghi.pdf');
    o.refused(['register', 'print', '--register', 'XYZ', '--year', '2026', '--out', nowhere], 'unknown_register');
    o.refused(['register', 'print', '--register', 'DEN', '--out', nowhere], 'required', 'year');
    o.refused(['register', 'print', '--register', 'DEN', '--year', '2026'], 'required', 'out');
    expect(existsSync(nowhere)).toBe(false);
  }, 240_000);

  it('backup: a verified copy with the attachments, that opens whole on its own; refuses the live database as the destination', async () => {
    const o = initOffice();
    const { scanSha } = await registerSome(o);
    mkdirSync(o.file('usb'));
    const dest = o.file('usb/sao-luu.sqlite');
    const r = o.vanthu(['backup', dest]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      ok: true,
      path: dest,
      schemaVersion: expect.any(Number),
      bytes: expect.any(Number),
      files: { copied: 1, present: 0, missing: [], corrupt: [] },
    });
    // The copy is a database of its own: the same documents, audit chain and scanned PDF.
    expect(cli(dest, ['search', '--json']).json().total).toBe(3);
    const entries = o.vanthu(['check']).json().audit.entries;
    expect(cli(dest, ['check', '--json']).json()).toMatchObject({
      ok: true,
      integrity: { ok: true },
      audit: { ok: true, entries },
      attachments: { ok: true, files: 1, missing: [], corrupt: [] },
    });
    expect(existsSync(path.join(`${dest}.files`, scanSha.slice(0, 2), scanSha.slice(2, 4), scanSha))).toBe(true);
    // A second backup to the same stick copies only what is new.
    expect(o.vanthu(['backup', dest]).json().files).toEqual({ copied: 0, present: 1, missing: [], corrupt: [] });

    // Backing up onto the live database would swap the file under every process that has it open.
    o.refused(['backup', o.db], 'backup_onto_database', 'dest');
    o.refused(['backup', `${o.db}-wal`], 'backup_onto_database', 'dest');
    o.refused(['backup'], 'required', 'dest');
    expect(o.vanthu(['check']).json().ok).toBe(true);

    // A damaged original: the backup says so (exit 1) after copying all that is sound.
    rmSync(path.join(`${o.db}.files`, scanSha.slice(0, 2), scanSha.slice(2, 4), scanSha));
    const incomplete = o.vanthu(['backup', o.file('sao-luu-2.sqlite')]);
    expect(incomplete.code).toBe(1);
    expect(incomplete.error()).toMatchObject({ code: 'backup_failed' });
    expect(incomplete.error().message).toContain('1 tệp đính kèm bị thiếu hoặc hỏng');
  }, 240_000);

  it('check finds a missing and a corrupt attachment, and says which', async () => {
    const o = initOffice();
    const { scanSha } = await registerSome(o);
    expect(o.vanthu(['check']).json()).toMatchObject({ ok: true, attachments: { ok: true, files: 1, missing: [], corrupt: [] } });
    const stored = path.join(`${o.db}.files`, scanSha.slice(0, 2), scanSha.slice(2, 4), scanSha);
    expect(existsSync(stored)).toBe(true);
    const original = readFileSync(stored);

    // One flipped byte: the file is there but no longer what was registered.
    const damaged = Buffer.from(original);
    damaged[damaged.length - 10] = damaged[damaged.length - 10]! ^ 0x20;
    writeFileSync(stored, damaged);
    const corrupt = o.vanthu(['check']);
    expect(corrupt.json()).toMatchObject({
      ok: false,
      integrity: { ok: true },
      audit: { ok: true },
      attachments: { ok: false, missing: [], corrupt: [scanSha] },
    });

    rmSync(stored);
    const missing = o.vanthu(['check']);
    expect(missing.json()).toMatchObject({ ok: false, attachments: { ok: false, missing: [scanSha], corrupt: [] } });
    // Put back: whole again.
    writeFileSync(stored, original);
    expect(o.vanthu(['check']).json().ok).toBe(true);
  }, 240_000);
});

describe('vanthu incoming assign / progress / assignments', () => {
  it('directs a document to a lead and supporting units, records progress, keeps the history; refuses mistakes', async () => {
    const o = initOffice('2026-03-10T09:00:00+07:00');
    o.batch([
      { cmd: 'unit add', args: { code: 'STC', name: 'Sở Tài chính' } },
      { cmd: 'unit add', args: { code: 'SNV', name: 'Sở Nội vụ' } },
      { cmd: 'unit add', args: { code: 'SXD', name: 'Sở Xây dựng' } },
      { cmd: 'incoming add', args: { data: INCOMING } },
    ]);
    const assigned = o.vanthu([
      'incoming',
      'assign',
      '1',
      '--lead',
      'STC',
      '--support',
      'SNV',
      '--due-working-days',
      '5',
      '--direction',
      'Giao Sở Tài chính chủ trì, tham mưu',
      '--at',
      '2026-03-05T10:00',
    ]);
    expect(assigned.code, assigned.stderr).toBe(0);
    // Five working days after arrival on Thursday 5 March: Thursday 12 March.
    expect(
      assigned.json().map((a: { unit: string; role: string; dueDate: string; status: string }) => [a.unit, a.role, a.dueDate, a.status]),
    ).toEqual([
      ['STC', 'lead', '2026-03-12', 'assigned'],
      ['SNV', 'support', '2026-03-12', 'assigned'],
    ]);
    expect(assigned.json()[0]).toMatchObject({ direction: 'Giao Sở Tài chính chủ trì, tham mưu', assignedAt: '2026-03-05T10:00:00+07:00' });
    o.refused(['incoming', 'assign', '1', '--lead', 'SYT', '--due', '2026-03-20'], 'unknown_unit');
    o.refused(['incoming', 'assign', '1', '--lead', 'STC', '--due', '2026-03-01'], 'due_before_arrival');
    o.refused(['incoming', 'assign', '1', '--due', '2026-03-20'], 'required', 'lead');
    o.refused(['incoming', 'assign', '99', '--lead', 'STC', '--due', '2026-03-20'], 'not_found');

    const progress = o.vanthu(['incoming', 'progress', '1', '--unit', 'STC', '--status', 'in_progress', '--note', 'Đang tổng hợp số liệu']);
    expect(progress.code, progress.stderr).toBe(0);
    expect(progress.json().find((a: { unit: string }) => a.unit === 'STC')).toMatchObject({ status: 'in_progress' });
    o.refused(['incoming', 'progress', '1', '--unit', 'STC', '--status', 'done', '--at', '2026-03-11T16:00'], 'future_date', 'at');
    const done = o.vanthu(['incoming', 'progress', '1', '--unit', 'STC', '--status', 'done', '--reply', '45/STC-NS']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json().find((a: { unit: string }) => a.unit === 'STC')).toMatchObject({
      status: 'done',
      replySymbol: '45/STC-NS',
      doneAt: expect.stringMatching(/^2026-03-10T09:0\d:\d\d\+07:00$/),
    });
    o.refused(['incoming', 'progress', '1', '--unit', 'SXD', '--status', 'done'], 'not_assigned');
    o.refused(['incoming', 'progress', '1', '--unit', 'SNV', '--status', 'xong'], 'invalid_enum', 'status');
    o.refused(['incoming', 'progress', '1', '--status', 'done'], 'required', 'unit');

    // An extension keeps the history.
    expect(o.vanthu(['incoming', 'assign', '1', '--lead', 'STC', '--support', 'SNV', '--due', '2026-03-20']).code).toBe(0);
    const view = o.vanthu(['incoming', 'assignments', '1']).json() as {
      current: { unit: string; dueDate: string; status: string }[];
      history: { unit: string; dueDate: string; replacedAt: string | null }[];
    };
    expect(view.current.map((a) => [a.unit, a.dueDate, a.status])).toEqual([
      ['STC', '2026-03-20', 'done'],
      ['SNV', '2026-03-20', 'assigned'],
    ]);
    expect(view.history.map((h) => [h.unit, h.dueDate, h.replacedAt !== null])).toEqual([
      ['STC', '2026-03-12', true],
      ['SNV', '2026-03-12', true],
      ['STC', '2026-03-20', false],
      ['SNV', '2026-03-20', false],
    ]);
    o.refused(['incoming', 'assignments', '99'], 'not_found');
    const trail = o
      .vanthu(['audit', '--id', '1'])
      .json()
      .map((e: { action: string }) => e.action);
    expect(trail).toEqual(['create', 'assign', 'progress', 'progress', 'extend']);
  }, 240_000);
});
