/**
 * The capture test set's documents: deterministic (seeded) specifications of incoming
 * documents of several types and bodies, each with the fields a clerk would register from
 * it (the truth the accuracy script scores against). Rendered by the project's own Decree-30
 * layout (src/main/pdf/outgoingDocument.ts) or by the two other layouts of altLayouts.ts.
 */
import { DOCUMENT_TYPES } from '../../../src/shared/domain/documentTypes.js';
import type { Secrecy, Urgency } from '../../../src/shared/domain/enums.js';

export interface TruthFields {
  organName: string;
  symbol: string;
  issuedDate: string;
  typeName: string;
  subject: string;
  signerName: string;
  signerPosition: string;
  urgency: Urgency;
  secrecy: Secrecy;
}

export interface DocSpec {
  id: string;
  layout: 'decree30' | 'so-congvan' | 'totrinh';
  parentOrgName: string | null;
  /** As printed (capitals come from the layout). */
  orgName: string;
  place: string;
  typeName: string;
  symbol: string;
  issuedDate: string;
  subject: string;
  kinhGui: string[];
  body: { text: string; italic?: boolean }[];
  signerAuthority: string | null;
  signerPosition: string;
  signerName: string;
  recipients: string[];
  draftingUnit: string;
  urgency: Urgency;
  secrecy: Secrecy;
  truth: TruthFields;
}

/** Mulberry32: a small seeded generator, so the same seed gives the same test set everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

interface Body {
  /** Printed (capitals), parent printed, register spelling, symbol code, place. */
  org: string;
  parent: string | null;
  register: string;
  code: string;
  place: string;
  head: 'GIÁM ĐỐC' | 'CHỦ TỊCH' | 'CHÁNH VĂN PHÒNG' | 'TRƯỞNG BAN';
  collective: string | null;
}

const BODIES: Body[] = [
  {
    org: 'Sở Tài chính',
    parent: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    register: 'Sở Tài chính',
    code: 'STC',
    place: 'Quảng Ngãi',
    head: 'GIÁM ĐỐC',
    collective: null,
  },
  {
    org: 'Sở Nội vụ',
    parent: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    register: 'Sở Nội vụ',
    code: 'SNV',
    place: 'Quảng Ngãi',
    head: 'GIÁM ĐỐC',
    collective: null,
  },
  {
    org: 'Sở Nông nghiệp và Phát triển nông thôn',
    parent: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    register: 'Sở Nông nghiệp và Phát triển nông thôn',
    code: 'SNNPTNT',
    place: 'Quảng Ngãi',
    head: 'GIÁM ĐỐC',
    collective: null,
  },
  {
    org: 'Sở Giáo dục và Đào tạo',
    parent: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    register: 'Sở Giáo dục và Đào tạo',
    code: 'SGDĐT',
    place: 'Quảng Ngãi',
    head: 'GIÁM ĐỐC',
    collective: null,
  },
  {
    org: 'Sở Y tế',
    parent: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    register: 'Sở Y tế',
    code: 'SYT',
    place: 'Quảng Ngãi',
    head: 'GIÁM ĐỐC',
    collective: null,
  },
  {
    org: 'Sở Xây dựng',
    parent: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    register: 'Sở Xây dựng',
    code: 'SXD',
    place: 'Quảng Ngãi',
    head: 'GIÁM ĐỐC',
    collective: null,
  },
  {
    org: 'Ủy ban nhân dân huyện Bình Sơn',
    parent: null,
    register: 'Ủy ban nhân dân huyện Bình Sơn',
    code: 'UBND',
    place: 'Bình Sơn',
    head: 'CHỦ TỊCH',
    collective: 'ỦY BAN NHÂN DÂN',
  },
  {
    org: 'Ủy ban nhân dân huyện Sơn Tịnh',
    parent: null,
    register: 'Ủy ban nhân dân huyện Sơn Tịnh',
    code: 'UBND',
    place: 'Sơn Tịnh',
    head: 'CHỦ TỊCH',
    collective: 'ỦY BAN NHÂN DÂN',
  },
  {
    org: 'Ủy ban nhân dân tỉnh Bình Định',
    parent: null,
    register: 'Ủy ban nhân dân tỉnh Bình Định',
    code: 'UBND',
    place: 'Bình Định',
    head: 'CHỦ TỊCH',
    collective: 'ỦY BAN NHÂN DÂN',
  },
  {
    org: 'Văn phòng Ủy ban nhân dân tỉnh',
    parent: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    register: 'Văn phòng Ủy ban nhân dân tỉnh',
    code: 'VPUB',
    place: 'Quảng Ngãi',
    head: 'CHÁNH VĂN PHÒNG',
    collective: null,
  },
  {
    org: 'Ban Dân tộc',
    parent: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    register: 'Ban Dân tộc',
    code: 'BDT',
    place: 'Quảng Ngãi',
    head: 'TRƯỞNG BAN',
    collective: null,
  },
];

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Hữu', 'Thị Kim', 'Xuân'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hà',
  'Hải',
  'Hùng',
  'Lan',
  'Long',
  'Nam',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trung',
  'Tuấn',
  'Việt',
  'Yến',
];

const SUBJECTS = [
  'phân bổ dự toán ngân sách nhà nước năm 2026 cho các đơn vị sự nghiệp',
  'triển khai công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026',
  'kiện toàn Ban Chỉ đạo chuyển đổi số của tỉnh',
  'tăng cường công tác quản lý trật tự xây dựng trên địa bàn',
  'tổ chức kỳ thi tuyển sinh vào lớp 10 trung học phổ thông',
  'phê duyệt kế hoạch lựa chọn nhà thầu gói thầu tư vấn khảo sát',
  'báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm',
  'đề nghị bổ sung kinh phí hỗ trợ khắc phục hậu quả mưa lũ',
  'góp ý dự thảo Quy chế làm việc của Ủy ban nhân dân tỉnh',
  'thực hiện chế độ, chính sách đối với cán bộ, công chức cấp xã',
  'cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân',
  'đẩy mạnh cải cách thủ tục hành chính và dịch vụ công trực tuyến',
  'phòng, chống dịch bệnh trên gia súc, gia cầm',
  'tổ chức Hội nghị tổng kết công tác văn thư, lưu trữ năm 2025',
];

const PARAGRAPHS = [
  'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc triển khai các nhiệm vụ trọng tâm năm 2026, đề nghị các cơ quan, đơn vị khẩn trương rà soát, tổng hợp và báo cáo kết quả thực hiện trước ngày 15 tháng 3 năm 2026.',
  'Các đơn vị có trách nhiệm phối hợp chặt chẽ với Ủy ban nhân dân các huyện, thị xã, thành phố trong quá trình tổ chức thực hiện; kịp thời báo cáo những khó khăn, vướng mắc phát sinh để được hướng dẫn, giải quyết.',
  'Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan thẩm định dự toán kinh phí, tham mưu Ủy ban nhân dân tỉnh bố trí nguồn vốn thực hiện theo đúng quy định của Luật Ngân sách nhà nước.',
  'Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Văn phòng Ủy ban nhân dân tỉnh để tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định.',
  'Kinh phí thực hiện được bố trí từ nguồn ngân sách địa phương và các nguồn vốn hợp pháp khác theo quy định của pháp luật hiện hành.',
  'Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả thực hiện nhiệm vụ được giao.',
];

const BASES = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
  'Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;',
];

/** Types of the test set (a typed document of each kind, and công văn). */
const TYPES = ['Quyết định', 'Công văn', 'Công văn', 'Tờ trình', 'Thông báo', 'Kế hoạch', 'Báo cáo', 'Chỉ thị', 'Giấy mời', 'Hướng dẫn'];

const abbrOf = (t: string) => DOCUMENT_TYPES.find((d) => d.name === t)?.abbr ?? null;

function positionOf(body: Body, deputy: boolean): { authority: string | null; position: string; truth: string } {
  const head = body.head;
  const truthOf = (p: string) =>
    p
      .toLocaleLowerCase('vi')
      .replace(/^./, (c) => c.toLocaleUpperCase('vi'))
      .replace(/^Phó (.)/u, (_, c: string) => `Phó ${c.toLocaleUpperCase('vi')}`)
      .replace(/văn phòng/u, 'Văn phòng');
  if (deputy) {
    const position = head === 'CHÁNH VĂN PHÒNG' ? 'PHÓ CHÁNH VĂN PHÒNG' : `PHÓ ${head}`;
    return { authority: `KT. ${head}`, position, truth: truthOf(position) };
  }
  return { authority: body.collective ? `TM. ${body.collective}` : null, position: head, truth: truthOf(head) };
}

export function corpus(count: number, seed = 20260105): DocSpec[] {
  const r = rng(seed);
  const out: DocSpec[] = [];
  for (let i = 0; i < count; i++) {
    // Every fourth document from each of the other layouts: a Sở's công văn and a tờ trình.
    const layout: DocSpec['layout'] = i % 8 === 3 ? 'so-congvan' : i % 8 === 7 ? 'totrinh' : 'decree30';
    let body = pick(r, BODIES);
    let typeName = layout === 'so-congvan' ? 'Công văn' : layout === 'totrinh' ? 'Tờ trình' : pick(r, TYPES);
    if (layout === 'so-congvan' && !body.org.startsWith('Sở')) body = BODIES[i % 6]!;
    if (typeName === 'Chỉ thị' && !body.collective) typeName = 'Quyết định';
    const number = 1 + Math.floor(r() * 2400);
    const abbr = abbrOf(typeName);
    const unit = pick(r, ['VP', 'TH', 'KT', 'NS', 'VX', 'TCCB', 'QLĐT']);
    const symbol = abbr
      ? `${String(number).padStart(2, '0')}/${abbr}-${body.code}`
      : `${String(number).padStart(2, '0')}/${body.code}-${unit}`;
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const issuedDate = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const topic = pick(r, SUBJECTS);
    const subject =
      typeName === 'Công văn' ? topic : typeName === 'Quyết định' || typeName === 'Chỉ thị' ? `Về việc ${topic}` : `Về ${topic}`;
    const deputy = r() < 0.6;
    const pos = positionOf(body, deputy);
    const signerName = `${pick(r, SURNAMES)} ${pick(r, MIDDLE)} ${pick(r, GIVEN)}`;
    const urgency: Urgency = r() < 0.2 ? pick(r, ['urgent', 'very_urgent', 'flash'] as const) : 'normal';
    const secrecy: Secrecy = r() < 0.08 ? 'confidential' : 'normal';
    const paragraphs = 1 + Math.floor(r() * 3) + (r() < 0.25 ? 6 : 0);
    const bodyParas: DocSpec['body'] = [];
    if (typeName === 'Quyết định') for (const b of BASES.slice(0, 1 + Math.floor(r() * 3))) bodyParas.push({ text: b, italic: true });
    for (let p = 0; p < paragraphs; p++) bodyParas.push({ text: pick(r, PARAGRAPHS) });
    const kinhGui =
      typeName === 'Công văn' || typeName === 'Tờ trình'
        ? [pick(r, ['Ủy ban nhân dân tỉnh Quảng Ngãi', 'Các sở, ban, ngành thuộc tỉnh', 'Sở Tài chính'])]
        : [];
    out.push({
      id: `doc-${String(i + 1).padStart(3, '0')}`,
      layout,
      parentOrgName: body.parent,
      orgName: body.org,
      place: body.place,
      typeName,
      symbol,
      issuedDate,
      subject,
      kinhGui,
      body: bodyParas,
      signerAuthority: pos.authority,
      signerPosition: pos.position,
      signerName,
      recipients: ['Như trên', pick(r, ['Sở Tài chính', 'Sở Nội vụ', 'UBND các huyện, thị xã'])],
      draftingUnit: unit,
      urgency,
      secrecy,
      truth: {
        organName: body.register,
        symbol,
        issuedDate,
        typeName,
        subject: subject.charAt(0).toLocaleUpperCase('vi') + subject.slice(1),
        signerName,
        signerPosition: pos.truth,
        urgency,
        secrecy,
      },
    });
  }
  return out;
}
