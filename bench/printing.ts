/**
 * Printing benchmark: the incoming register book ("Sổ đăng ký văn bản đến") of 3,000
 * documents, a busy office's quarter, rendered to PDF. Median of 3 after one warm-up.
 * (Moved here from a unit test that asserted wall-clock time.)
 */
import { PDFDocument } from 'pdf-lib';
import type { IncomingRecord } from '../src/shared/domain/incoming.js';
import { renderIncomingRegisterBook } from '../src/main/pdf/registerBook.js';

export interface PrintingFigures {
  registerBookRows: number;
  registerBookPages: number;
  registerBook3000Ms: number;
}

function record(n: number): IncomingRecord {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  return {
    id: n,
    register: 'DEN',
    year: 2026,
    arrivalNumber: n,
    status: 'registered',
    voidReason: null,
    createdAt: `2026-${month}-${day}T08:00:00+07:00`,
    updatedAt: `2026-${month}-${day}T08:00:00+07:00`,
    attachments: [],
    organName: n % 3 ? 'Sở Tài chính tỉnh Quảng Ngãi' : 'Ủy ban nhân dân huyện Sơn Tịnh',
    symbol: `${n}/STC-NS`,
    codeNumber: String(n),
    codeNotation: 'STC-NS',
    issuedDate: `2026-${month}-${day}`,
    typeName: 'Công văn',
    subject: 'Đề nghị bổ sung kinh phí thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021–2025',
    arrivalDate: `2026-${month}-${day}T08:30:00+07:00`,
    signerName: 'Nguyễn Văn An',
    signerPosition: 'Giám đốc',
    pageAmount: 2,
    urgency: 'normal',
    secrecy: 'normal',
    channel: 'paper',
    toPlaces: 'Phòng Kế hoạch - Tài chính',
    dueDate: null,
    description: null,
  };
}

export async function benchPrinting(): Promise<PrintingFigures> {
  const documents = Array.from({ length: 3000 }, (_, i) => record(i + 1));
  const input = {
    orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    register: { code: 'DEN', name: 'Sổ đăng ký văn bản đến' },
    year: 2026,
    documents,
    printedAt: '2026-11-20T10:00:00+07:00',
  };
  let bytes = await renderIncomingRegisterBook(input);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    bytes = await renderIncomingRegisterBook(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    registerBookRows: documents.length,
    registerBookPages: (await PDFDocument.load(bytes)).getPageCount(),
    registerBook3000Ms: Math.round(times[1]! * 10) / 10,
  };
}

// `npx tsx bench/printing.ts`: this figure alone, as JSON.
if (import.meta.url === `file://${process.argv[1]}`) {
  void benchPrinting().then((r) => process.stdout.write(JSON.stringify(r) + '\n'));
}
