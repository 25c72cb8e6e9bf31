/**
 * Outgoing-document benchmark: render a 10-page Decree-30 document, then the official's
 * and the organisation's PKCS#12 signatures on a 10-page document and the verification
 * of both. Targets: render ≤ 150 ms, both signatures ≤ 60 ms, verify ≤ 10 ms.
 */
import { renderOutgoingDocument, type OutgoingLayoutInput } from '../src/main/pdf/outgoingDocument.js';
import { benchmarkSigning } from './signing.js';

export interface OutgoingFigures {
  renderPages: number;
  renderMs: number;
  signBothMs: number;
  verifyBothMs: number;
  coldSignBothMs: number;
}

const SENTENCE =
  'Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố căn cứ chức năng, nhiệm vụ được giao chủ động triển khai thực hiện, ' +
  'định kỳ báo cáo kết quả về Văn phòng Ủy ban nhân dân tỉnh để tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh theo quy định.';

function tenPageInput(paragraphs: number): OutgoingLayoutInput {
  const body = [
    { text: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;', italic: true },
    { text: 'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;', italic: true },
    ...Array.from({ length: paragraphs }, (_, i) => ({ text: `${i + 1}. ${SENTENCE} ${SENTENCE}` })),
  ];
  return {
    orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    place: 'Quảng Ngãi',
    typeName: 'Kế hoạch',
    symbol: '15/KH-UBND',
    symbolNotation: 'KH-UBND',
    issuedDate: '2026-11-20',
    draftYear: 2026,
    subject: 'Triển khai hệ thống quản lý văn bản và điều hành năm 2027',
    body,
    signerAuthority: 'KT. CHỦ TỊCH',
    signerPosition: 'PHÓ CHỦ TỊCH',
    signerName: 'Nguyễn Văn An',
    recipients: ['Các sở, ban, ngành tỉnh', 'UBND các huyện, thị xã, thành phố'],
    draftingUnit: 'VP',
  };
}

export async function benchOutgoing(): Promise<OutgoingFigures> {
  // Find the paragraph count that makes exactly ten pages.
  let n = 40;
  let input = tenPageInput(n);
  let pages = (await renderOutgoingDocument(input)).pageCount;
  while (pages < 10) {
    n += 4;
    input = tenPageInput(n);
    pages = (await renderOutgoingDocument(input)).pageCount;
  }
  for (let i = 0; i < 3; i++) await renderOutgoingDocument(input);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await renderOutgoingDocument(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const signing = await benchmarkSigning({ pages: 10, runs: 15 });
  return {
    renderPages: pages,
    renderMs: Math.round(times[7]! * 10) / 10,
    signBothMs: signing.signBothMs.median,
    verifyBothMs: signing.verifyBothMs.median,
    coldSignBothMs: Math.round(signing.coldSignBothMs * 10) / 10,
  };
}
