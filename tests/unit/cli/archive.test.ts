/**
 * The archive through the real `vanthu` command line: a year's file plan built, approved
 * and copied; a dossier opened from it, filled, closed; every mistake refused with exit 2,
 * its code and nothing written.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { INCOMING, initOffice } from './office.js';

describe('vanthu fileplan / dossier', () => {
  it('builds, approves and copies a plan; opens, fills and closes a dossier; refuses mistakes', () => {
    const o = initOffice('2026-03-10T09:00:00+07:00');
    const { vanthu, refused } = o;
    let r = vanthu(['fileplan', 'create', '2026', '--numbering', 'continuous']);
    expect(r.code, r.stderr).toBe(0);
    expect(vanthu(['fileplan', 'add-heading', '2026', '--title', 'TỔ CHỨC, CÁN BỘ', '--abbr', 'TCCB']).code).toBe(0);
    expect(vanthu(['fileplan', 'add-heading', '2026', '--title', 'Công tác cán bộ', '--parent', 'TCCB']).code).toBe(0);
    r = vanthu([
      'fileplan',
      'add-dossier',
      '2026',
      '--heading',
      'TCCB.1',
      '--title',
      'Hồ sơ quy hoạch cán bộ',
      '--retention',
      'Vĩnh viễn',
      '--creator',
      'Trần Thị Bình',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().dossiers.map((d: { code: string }) => d.code)).toEqual(['01.TCCB']);
    refused(
      ['fileplan', 'add-dossier', '2026', '--heading', 'TCCB', '--title', 'X', '--retention', 'mãi'],
      'invalid_retention',
      'retention',
    );
    refused(['fileplan', 'add-heading', '2026', '--title', 'Trùng', '--abbr', 'TCCB'], 'abbreviation_taken', 'abbreviation');
    refused(['fileplan', 'show', '2025'], 'plan_not_found', 'year');
    r = vanthu(['fileplan', 'approve', '2026', '--decision-number', '15/QĐ-UBND', '--decision-date', '05/01/2026']);
    expect(r.json()).toMatchObject({ status: 'approved', decisionNumber: '15/QĐ-UBND', decisionDate: '2026-01-05' });
    refused(['fileplan', 'add-heading', '2026', '--title', 'Muộn', '--abbr', 'VP'], 'plan_approved');
    expect(vanthu(['fileplan', 'copy-from', '2026', '--to', '2027']).json()).toMatchObject({
      year: 2027,
      status: 'draft',
      totals: { dossiers: 1 },
    });
    expect(vanthu(['fileplan', 'show', '2027']).json().dossiers[0]).toMatchObject({ code: '01.TCCB', state: 'planned' });

    const [doc] = o.batch([{ cmd: 'incoming add', args: { data: INCOMING } }]) as { id: number }[];
    r = vanthu(['dossier', 'open', '--year', '2026', '--code', '01.TCCB', '--start-date', '2026-03-01']);
    expect(r.code, r.stderr).toBe(0);
    const id = r.json().id as number;
    refused(['dossier', 'close', String(id), '--title', 'Hồ sơ quy hoạch cán bộ', '--retention', 'Vĩnh viễn'], 'dossier_empty');
    expect(vanthu(['dossier', 'add-doc', String(id), '--kind', 'incoming', '--doc', String(doc!.id)]).json().docTotal).toBe(1);
    refused(['dossier', 'add-doc', String(id), '--kind', 'incoming', '--doc', String(doc!.id)], 'already_filed', 'docId');
    refused(['dossier', 'add-doc', String(id), '--kind', 'thư', '--doc', String(doc!.id)], 'invalid_enum', 'kind');
    expect(
      vanthu(['dossier', 'remove-doc', String(id), '--kind', 'incoming', '--doc', String(doc!.id), '--reason', 'nhầm']).json().docTotal,
    ).toBe(0);
    vanthu(['dossier', 'add-doc', String(id), '--kind', 'incoming', '--doc', String(doc!.id)]);
    refused(['dossier', 'close', String(id)], 'confirm_needed', 'title');
    r = vanthu([
      'dossier',
      'close',
      String(id),
      '--title',
      'Hồ sơ quy hoạch cán bộ',
      '--retention',
      'Vĩnh viễn',
      '--end-date',
      '2026-03-10',
    ]);
    expect(r.json()).toMatchObject({ state: 'closed', dueDate: '2027-12-31', endDate: '2026-03-10' });
    refused(['dossier', 'add-doc', String(id), '--kind', 'incoming', '--doc', String(doc!.id)], 'dossier_not_open');
    expect(vanthu(['dossier', 'get', String(id)]).json().items).toHaveLength(1);
    // The dossier exported: its metadata and documents as PDF (read back with pdftotext) and XML (parsed).
    const out = path.join(tempDir(), 'xuat');
    r = vanthu(['dossier', 'export', String(id), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const { pdf, xml } = r.json() as { pdf: string; xml: string };
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Hồ sơ quy hoạch cán bộ');
    expect(text).toContain('MỤC LỤC VĂN BẢN, TÀI LIỆU');
    const fields: Record<string, string> = {};
    const parser = new SaxesParser();
    let open = '';
    parser.on('opentag', (t) => (open = t.name));
    parser.on('text', (t) => {
      if (open && t.trim()) fields[open] = t.trim();
    });
    parser.on('closetag', () => (open = ''));
    parser.write(readFileSync(xml, 'utf8')).close();
    expect(fields).toMatchObject({ fileNotation: '01.TCCB', fileCatalog: '2026', docTotal: '1', title: 'Hồ sơ quy hoạch cán bộ' });
    refused(['dossier', 'export', '999'], 'dossier_not_found', 'id');
    expect(
      vanthu(['dossier', 'list', 'bổ sung kinh phí'])
        .json()
        .items.map((d: { code: string }) => d.code),
    ).toEqual(['01.TCCB']);
    refused(
      ['dossier', 'open', '--title', 'Hồ sơ mới', '--code', '01.TCCB', '--retention', '5', '--start-date', '2026-03-02'],
      'code_taken',
      'code',
    );
    // Dozens of CLI processes, each a cold start: minutes on a loaded two-core machine.
  }, 400_000);
});
