/**
 * The field reader on positioned lines, with the misreadings OCR makes of a Decree-30 page:
 * tone marks lost on bold capitals, the slash of a symbol lost, an urgency stamp under the
 * subject, the body running on under the title. (The whole chain, OCR included, is measured
 * by `npm run capture:accuracy`.)
 */
import { describe, expect, it } from 'vitest';
import { organCase, positionCase, suggestFields } from '../../../src/main/capture/fields.js';
import type { TextLine } from '../../../src/shared/domain/capture.js';

/** A line at a given position (fractions of the page), with OCR's confidence. */
const L = (text: string, x0: number, y0: number, x1: number, confidence = 90): TextLine => ({
  text,
  x0,
  y0,
  x1,
  y1: y0 + 0.016,
  confidence,
});

const decision: TextLine[] = [
  L('ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 0.16, 0.066, 0.44),
  L('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 0.483, 0.066, 0.903),
  L('SƠ NÓNG NGHIỆP VÀ PHÁT TRIẾN', 0.17, 0.083, 0.43),
  L('Độc lập - Tự do - Hạnh phúc', 0.559, 0.083, 0.827),
  L('NÔNG THÔN', 0.25, 0.1, 0.35),
  L('Số: 1344hd-snnptnt', 0.2, 0.125, 0.4),
  L('Quảng Ngãi, ngày 05 tháng 01 năm 2026', 0.525, 0.125, 0.86),
  L('HƯỚNG DẪN', 0.46, 0.16, 0.6),
  L('Về thực hiện chế độ, chính sách đối với cán bộ,', 0.25, 0.178, 0.81),
  L('công chức cấp xã', 0.43, 0.196, 0.63),
  L('Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch Ủy ban', 0.203, 0.23, 0.929),
  L('KT. GIÁM ĐỐC', 0.62, 0.5, 0.8),
  L('PHÓ GIÁM ĐỐC', 0.62, 0.518, 0.8),
  L('Lê Thị Kim Cường', 0.6, 0.62, 0.82),
];

describe('suggested fields', () => {
  it('reads a decision with OCR misreadings: organ marks restored, slash put back, subject without the body', () => {
    const f = suggestFields({ pageCount: 1, pages: [{ page: 1, method: 'ocr', confidence: 90, text: '', lines: decision }] });
    expect(f.organName?.value).toBe('Sở Nông nghiệp và Phát triển nông thôn');
    expect(f.symbol?.value).toBe('1344/HD-SNNPTNT');
    expect(f.issuedDate?.value).toBe('2026-01-05');
    expect(f.typeName?.value).toBe('Hướng dẫn');
    expect(f.subject?.value).toBe('Về thực hiện chế độ, chính sách đối với cán bộ, công chức cấp xã');
    expect(f.signerName?.value).toBe('Lê Thị Kim Cường');
    expect(f.signerPosition?.value).toBe('Phó Giám đốc');
  });

  it('a công văn: the V/v subject stops at the urgency stamp under it, which sets the urgency', () => {
    const lines = [
      L('SỞ Y TẾ', 0.29, 0.08, 0.37),
      L('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 0.483, 0.05, 0.903),
      L('Số: 1135/SYT-TCCB', 0.238, 0.107, 0.428),
      L('Quảng Ngãi, ngày 28 tháng 8 năm 2026', 0.515, 0.107, 0.866),
      L('V/v kiện toàn Ban Chỉ đạo chuyển đổi số', 0.152, 0.129, 0.485),
      L('của tỉnh', 0.152, 0.146, 0.217),
      L('THƯỢNG KHẨN', 0.249, 0.162, 0.418),
    ];
    const f = suggestFields({ pageCount: 2, pages: [{ page: 1, method: 'ocr', confidence: 90, text: '', lines }] });
    expect(f.typeName?.value).toBe('Công văn');
    expect(f.subject?.value).toBe('Kiện toàn Ban Chỉ đạo chuyển đổi số của tỉnh');
    expect(f.urgency?.value).toBe('very_urgent');
    expect(f.pageAmount?.value).toBe(2);
  });

  it('parts a header line that runs the body into the national title', () => {
    const lines = [
      L('ỦY BAN NHÂN DÂN TỈNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 0.212, 0.046, 0.901),
      L('QUẢNG NGÃI', 0.269, 0.063, 0.397),
      L('Độc lập - Tự do - Hạnh phúc', 0.557, 0.063, 0.824),
      L('SỞ TÀI CHÍNH', 0.263, 0.08, 0.404),
      L('Số: 1720/STC-NS', 0.254, 0.107, 0.413),
      L('Quảng Ngãi, ngày 01 tháng 01 năm 2026', 0.509, 0.107, 0.872),
      L('V/v tổ chức kỳ thi tuyển sinh vào lớp 10', 0.152, 0.129, 0.478),
      L('trung học phổ thông', 0.152, 0.146, 0.315),
    ];
    const f = suggestFields({ pageCount: 1, pages: [{ page: 1, method: 'ocr', confidence: 90, text: '', lines }] });
    expect(f.organName?.value).toBe('Sở Tài chính');
    expect(f.subject?.value).toBe('Tổ chức kỳ thi tuyển sinh vào lớp 10 trung học phổ thông');
  });

  it('writes bodies as the register does, whatever marks OCR put on the capitals', () => {
    expect(organCase('BẠN DẪN TỌC')).toBe('Ban Dân tộc');
    expect(organCase('VẤN PHÒNG ỦY BẠN NHÂN DÂN TĨNH')).toBe('Văn phòng Ủy ban nhân dân tỉnh');
    expect(organCase('ỦY BAN NHÂN DÂN TĨNH BÌNH ĐINH')).toBe('Ủy ban nhân dân tỉnh Bình Định');
    expect(organCase('_SƠ Y TẾ')).toBe('Sở Y tế');
    // A district's own name is not corrected into a "tỉnh".
    expect(organCase('ỦY BAN NHÂN DÂN HUYỆN SƠN TỊNH')).toBe('Ủy ban nhân dân huyện Sơn Tịnh');
    expect(positionCase('PHO GIÁM ĐÓC')).toBe('Phó Giám đốc');
    expect(positionCase('PHÓ TRƯƠNG BAN')).toBe('Phó Trưởng ban');
  });
});
