/** Documents and files the browser tests arrange through the API before looking at them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { expect } from '@playwright/test';
import type { IncomingRecord } from '../../src/shared/domain/incoming.js';
import type { ImportResultView, JobView } from '../../src/shared/apiTypes.js';
import { parseInstant, toVnIso } from '../../src/shared/text/dates.js';
import { ROOT, type WebApp } from './fixtures.js';

/** A two-page A4 scan stand-in with Vietnamese text (embedded Liberation Serif). */
export async function samplePdf(title: string): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(path.join(ROOT, 'assets/fonts/LiberationSerif-Regular.ttf')), { subset: true });
  for (let n = 1; n <= 2; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { x: 150, y: 780, size: 13, font });
    page.drawText(title, { x: 70, y: 700, size: 14, font, color: rgb(0.1, 0.1, 0.1) });
    page.drawText(`Trang ${n}`, { x: 280, y: 60, size: 11, font });
  }
  return new Uint8Array(await doc.save()) as Uint8Array<ArrayBuffer>;
}

export function samplePng(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(path.join(ROOT, 'out/renderer/icon.png'))) as Uint8Array<ArrayBuffer>;
}

export async function addIncoming(
  webApp: WebApp,
  data: Record<string, unknown>,
  attachments?: { fileName: string; bytes: Uint8Array<ArrayBuffer> }[],
): Promise<IncomingRecord> {
  const r = await webApp.api('incoming.add', { data, ...(attachments ? { attachments } : {}) });
  if (!r.ok) throw new Error(`incoming.add: ${r.error.code} ${r.error.message}`);
  expect(r.value.arrivalNumber).toBeGreaterThan(0);
  return r.value;
}

export const SENDERS = [
  {
    organName: 'Sở Tài chính',
    symbol: '215/STC-QLNS',
    issuedDate: '2026-01-05',
    typeName: 'Công văn',
    subject: 'Về việc bổ sung kinh phí thực hiện chính sách an sinh xã hội',
    signerName: 'Phạm Quốc Huy',
    pageAmount: 2,
  },
  {
    organName: 'Sở Nội vụ',
    symbol: '31/KH-SNV',
    issuedDate: '2026-01-06',
    typeName: 'Kế hoạch',
    subject: 'Tuyển dụng công chức cấp xã năm 2026',
    urgency: 'urgent',
  },
  {
    organName: 'Sở Tài nguyên và Môi trường',
    symbol: '77/TB-STNMT',
    issuedDate: '2026-01-06',
    typeName: 'Thông báo',
    subject: 'Kết quả quan trắc môi trường quý IV',
    secrecy: 'confidential',
  },
  {
    organName: 'Công an tỉnh',
    symbol: '1024/CAT-PC08',
    issuedDate: '2026-01-07',
    typeName: 'Công điện',
    subject: 'Về việc bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán',
    urgency: 'flash',
  },
] as const;

/**
 * Imports `n` documents through the API's import job, one a minute from 2 January 2025
 * 08:00, so that số đến k is the k-th to arrive: the register's last (oldest) row is số 1.
 */
export async function importDocuments(webApp: WebApp, n: number): Promise<void> {
  const start = parseInstant('2025-01-02T08:00:00+07:00')!;
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) {
    lines.push(
      JSON.stringify({
        organName: i % 3 === 0 ? 'Sở Giáo dục và Đào tạo' : 'Sở Tài chính',
        symbol: `${i}/STC-NS`,
        issuedDate: '2025-01-02',
        typeName: 'Công văn',
        subject: `Về việc thử cuộn sổ, văn bản thứ ${i}`,
        arrivalDate: toVnIso(start + i * 60_000),
        urgency: i % 50 === 0 ? 'very_urgent' : 'normal',
      }),
    );
  }
  const bytes = new Uint8Array(Buffer.from(lines.join('\n'), 'utf8')) as Uint8Array<ArrayBuffer>;
  const started = await webApp.api('import.start', { fileName: 'nhieu.jsonl', bytes });
  if (!started.ok) throw new Error(started.error.message);
  let job: JobView<ImportResultView> = started.value;
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    const s = await webApp.api('job.status', { jobId: job.jobId });
    if (!s.ok) throw new Error(s.error.message);
    job = s.value;
  }
  expect(job.state).toBe('done');
  expect(job.result?.imported).toBe(n);
}
