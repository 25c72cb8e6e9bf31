/**
 * Synthetic but realistic incoming documents for the benchmark: Vietnamese senders with
 * Zipf-like frequency, Decree-30 symbols (`1234/QĐ-UBND`, `56/STC-NS`), the 29 document
 * types weighted as in a real register, subjects composed from an administrative
 * vocabulary with rare words sprinkled in, arrivals spread over ten years.
 *
 * Deterministic: the same seed and N give the same file, byte for byte.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { DOCUMENT_TYPES } from '../src/shared/domain/documentTypes.js';
import { addDays, parseInstant, toVnIso } from '../src/shared/text/dates.js';

// ---------------------------------------------------------------------------------------
// Seeded PRNG (sfc32) and sampling helpers

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(minIncl: number, maxIncl: number): number {
    return minIncl + Math.floor(this.next() * (maxIncl - minIncl + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
}

/** Weighted choice by cumulative weights and binary search. */
export class Weighted<T> {
  private readonly cum: number[] = [];
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let s = 0;
    for (const w of weights) this.cum.push((s += w));
    this.total = s;
  }

  sample(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

// ---------------------------------------------------------------------------------------
// Vocabulary

type Field =
  | 'tonghop'
  | 'taichinh'
  | 'noivu'
  | 'khdt'
  | 'tuphap'
  | 'giaoduc'
  | 'yte'
  | 'xaydung'
  | 'gtvt'
  | 'nongnghiep'
  | 'tnmt'
  | 'ldtbxh'
  | 'vhttdl'
  | 'congthuong'
  | 'khcn'
  | 'tttt'
  | 'congan'
  | 'quansu'
  | 'thue'
  | 'khobac'
  | 'bhxh';

/** Topics (objects of a subject) per field of work. */
const TOPICS: Record<Field, readonly string[]> = {
  tonghop: [
    'công tác phòng, chống thiên tai',
    'ứng phó với mưa lũ',
    'tổ chức Tết Nguyên đán',
    'tiếp công dân định kỳ',
    'giải quyết khiếu nại, tố cáo',
    'chương trình công tác năm',
    'kế hoạch phát triển kinh tế - xã hội',
    'công tác cải cách hành chính',
    'thực hành tiết kiệm, chống lãng phí',
    'công tác phòng, chống tham nhũng',
    'kỷ niệm Ngày Quốc khánh 2/9',
    'bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp',
    'sắp xếp đơn vị hành chính cấp huyện, cấp xã',
    'chế độ báo cáo định kỳ',
    'kết quả thực hiện nhiệm vụ được giao',
    'công tác văn thư, lưu trữ',
    'lập hồ sơ công việc',
    'phân công nhiệm vụ lãnh đạo',
  ],
  taichinh: [
    'dự toán ngân sách nhà nước',
    'quyết toán ngân sách địa phương',
    'bổ sung kinh phí',
    'tạm ứng kinh phí',
    'quản lý, sử dụng tài sản công',
    'bảng giá đất',
    'thu hồi tạm ứng vốn đầu tư',
    'phân bổ kinh phí sự nghiệp',
    'kinh phí chi thường xuyên',
    'mua sắm tài sản tập trung',
    'công khai ngân sách',
    'điều chỉnh dự toán ngân sách',
  ],
  noivu: [
    'tuyển dụng viên chức',
    'bổ nhiệm lại cán bộ lãnh đạo',
    'đánh giá, xếp loại cán bộ, công chức',
    'tinh giản biên chế',
    'thi đua, khen thưởng',
    'nâng bậc lương thường xuyên',
    'vị trí việc làm',
    'chế độ phụ cấp công vụ',
    'bồi dưỡng kiến thức quản lý nhà nước',
    'công tác tôn giáo',
    'quản lý hồ sơ cán bộ',
  ],
  khdt: [
    'kế hoạch đầu tư công trung hạn',
    'giải ngân vốn đầu tư công',
    'chủ trương đầu tư dự án',
    'thu hút đầu tư',
    'đăng ký doanh nghiệp',
    'chỉ số năng lực cạnh tranh cấp tỉnh',
    'vốn ODA',
    'lựa chọn nhà thầu',
  ],
  tuphap: [
    'kiểm tra văn bản quy phạm pháp luật',
    'phổ biến, giáo dục pháp luật',
    'đăng ký hộ tịch',
    'trợ giúp pháp lý',
    'xử lý vi phạm hành chính',
    'chứng thực bản sao',
    'hòa giải ở cơ sở',
    'lý lịch tư pháp',
  ],
  giaoduc: [
    'tuyển sinh vào lớp 10',
    'kỳ thi tốt nghiệp trung học phổ thông',
    'sách giáo khoa',
    'phổ cập giáo dục mầm non',
    'tổ chức bữa ăn bán trú',
    'kiên cố hóa trường lớp học',
    'khai giảng năm học mới',
    'học sinh giỏi cấp tỉnh',
  ],
  yte: [
    'phòng, chống dịch sốt xuất huyết',
    'tiêm chủng mở rộng',
    'bảo hiểm y tế',
    'an toàn thực phẩm',
    'phòng, chống dịch COVID-19',
    'khám sức khỏe định kỳ',
    'phòng, chống bệnh dại',
    'cung ứng thuốc, vật tư y tế',
  ],
  xaydung: [
    'cấp giấy phép xây dựng',
    'quy hoạch chung đô thị',
    'nhà ở xã hội',
    'giá vật liệu xây dựng',
    'chất lượng công trình xây dựng',
    'thẩm định thiết kế cơ sở',
    'quản lý trật tự xây dựng',
  ],
  gtvt: [
    'bảo đảm trật tự an toàn giao thông',
    'bảo trì đường bộ',
    'kiểm soát tải trọng xe',
    'đăng kiểm phương tiện',
    'sửa chữa cầu yếu',
    'vận tải hành khách dịp Tết',
    'đường giao thông nông thôn',
  ],
  nongnghiep: [
    'xây dựng nông thôn mới',
    'phòng, chống thiên tai',
    'phòng, chống dịch tả lợn châu Phi',
    'phòng, chống cúm gia cầm',
    'khai thác thủy sản',
    'chống khai thác hải sản bất hợp pháp',
    'trồng rừng thay thế',
    'sản xuất vụ Đông Xuân',
    'chương trình mỗi xã một sản phẩm',
    'nước sạch nông thôn',
    'phòng, chống hạn hán',
  ],
  tnmt: [
    'giải phóng mặt bằng',
    'quy hoạch sử dụng đất',
    'cấp giấy chứng nhận quyền sử dụng đất',
    'bảo vệ môi trường',
    'cấp phép khai thác khoáng sản',
    'thu hồi đất',
    'xử lý rác thải sinh hoạt',
    'giá đất cụ thể',
    'quan trắc môi trường',
  ],
  ldtbxh: [
    'giảm nghèo bền vững',
    'chính sách đối với người có công',
    'trợ giúp xã hội',
    'giải quyết việc làm',
    'giáo dục nghề nghiệp',
    'tặng quà Tết Nguyên đán',
    'phòng, chống lao động trẻ em',
    'rà soát hộ nghèo, hộ cận nghèo',
  ],
  vhttdl: [
    'tổ chức lễ hội truyền thống',
    'phát triển du lịch',
    'đại hội thể dục thể thao',
    'xây dựng đời sống văn hóa',
    'bảo tồn di tích lịch sử',
    'quản lý hoạt động quảng cáo',
    'thư viện cơ sở',
  ],
  congthuong: [
    'quản lý thị trường',
    'xúc tiến thương mại',
    'cung ứng xăng dầu',
    'điện nông thôn',
    'phát triển cụm công nghiệp',
    'bình ổn giá hàng hóa',
    'khuyến công',
  ],
  khcn: ['nhiệm vụ khoa học và công nghệ', 'sở hữu trí tuệ', 'tiêu chuẩn, đo lường, chất lượng', 'đổi mới sáng tạo', 'an toàn bức xạ'],
  tttt: [
    'chuyển đổi số',
    'chính quyền điện tử',
    'bảo đảm an toàn thông tin mạng',
    'dịch vụ công trực tuyến',
    'sử dụng chữ ký số',
    'quản lý báo chí, xuất bản',
    'hệ thống quản lý văn bản và điều hành',
  ],
  congan: [
    'bảo đảm an ninh, trật tự',
    'phòng cháy, chữa cháy',
    'cấp thẻ căn cước',
    'phòng, chống tội phạm',
    'thực hiện Đề án 06',
    'quản lý vũ khí, vật liệu nổ',
    'bảo vệ bí mật nhà nước',
  ],
  quansu: [
    'tuyển chọn và gọi công dân nhập ngũ',
    'diễn tập khu vực phòng thủ',
    'huấn luyện dân quân tự vệ',
    'công tác quốc phòng địa phương',
    'giáo dục quốc phòng và an ninh',
  ],
  thue: ['quyết toán thuế thu nhập cá nhân', 'thu hồi nợ thuế', 'hóa đơn điện tử', 'miễn, giảm tiền thuê đất'],
  khobac: ['kiểm soát chi ngân sách', 'thanh toán vốn đầu tư', 'mở tài khoản giao dịch', 'đối chiếu số dư tài khoản'],
  bhxh: ['thu bảo hiểm xã hội', 'bảo hiểm y tế học sinh, sinh viên', 'chi trả lương hưu', 'nợ đóng bảo hiểm xã hội'],
};

/** Unit (department) abbreviations used after the organ's in a Công văn symbol: 56/STC-NS. */
const UNITS: Record<Field, readonly string[]> = {
  tonghop: ['KT', 'KTTH', 'NC', 'VX', 'TH', 'XD', 'NNTN', 'HCTC'],
  taichinh: ['NS', 'QLG', 'TCDN', 'HCSN', 'ĐT'],
  noivu: ['TCBC', 'CCVC', 'XDCQ', 'TĐKT', 'VP'],
  khdt: ['ĐTG', 'TH', 'KTN', 'ĐKKD'],
  tuphap: ['XDKTVB', 'PBGDPL', 'HCTP', 'VP'],
  giaoduc: ['GDTrH', 'GDTH', 'KTKĐ', 'TCCB'],
  yte: ['NVY', 'NVD', 'KHTC', 'TCCB'],
  xaydung: ['QLXD', 'QHKT', 'KTVLXD'],
  gtvt: ['QLGT', 'VT', 'KHTC'],
  nongnghiep: ['KH', 'TL', 'CNTY', 'TS'],
  tnmt: ['QLĐĐ', 'MT', 'KS', 'VP'],
  ldtbxh: ['BTXH', 'NCC', 'LĐVL', 'GDNN'],
  vhttdl: ['QLVH', 'DL', 'TDTT'],
  congthuong: ['QLTM', 'QLCN', 'KTAT'],
  khcn: ['QLKH', 'TĐC', 'SHTT'],
  tttt: ['CNTT', 'BCXB', 'TTBCVT'],
  congan: ['PV01', 'PC06', 'PC07', 'PA03', 'PX01'],
  quansu: ['TM', 'CT', 'HC'],
  thue: ['NVDTPC', 'QLN', 'KK'],
  khobac: ['KSC', 'KTNN'],
  bhxh: ['QLT', 'CĐBHXH', 'GĐBHYT'],
};

interface Organ {
  name: string;
  abbr: string;
  field: Field;
  /** Signing positions of its leaders. */
  head: string;
  deputy: string;
}

const HOME = 'Quảng Ngãi';
const OTHER_PROVINCES = ['Quảng Nam', 'Bình Định', 'Kon Tum', 'Gia Lai', 'Phú Yên', 'Khánh Hòa', 'Thừa Thiên Huế'];
const DISTRICTS = [
  'Bình Sơn',
  'Sơn Tịnh',
  'Tư Nghĩa',
  'Nghĩa Hành',
  'Mộ Đức',
  'Ba Tơ',
  'Minh Long',
  'Sơn Hà',
  'Sơn Tây',
  'Trà Bồng',
  'Lý Sơn',
];
const COMMUNES = [
  'Bình Châu',
  'Bình Hải',
  'Bình Thạnh',
  'Tịnh Khê',
  'Tịnh Hòa',
  'Nghĩa An',
  'Nghĩa Phú',
  'Đức Lợi',
  'Đức Minh',
  'Phổ Thạnh',
  'Phổ An',
  'Ba Động',
  'Sơn Kỳ',
  'Trà Xinh',
  'An Vĩnh',
  'An Hải',
  'Hành Thiện',
  'Long Hiệp',
  'Tịnh Phong',
  'Bình Trị',
  'Nghĩa Kỳ',
  'Đức Tân',
  'Ba Thành',
  'Sơn Linh',
  'Trà Phong',
  'Hành Tín Đông',
  'Nghĩa Lâm',
  'Tịnh Bình',
  'Bình Long',
  'Đức Phong',
];

/** Provincial departments: name part, abbreviation, field. */
const DEPARTMENTS: readonly [string, string, Field][] = [
  ['Tài chính', 'STC', 'taichinh'],
  ['Nội vụ', 'SNV', 'noivu'],
  ['Kế hoạch và Đầu tư', 'SKHĐT', 'khdt'],
  ['Tư pháp', 'STP', 'tuphap'],
  ['Giáo dục và Đào tạo', 'SGDĐT', 'giaoduc'],
  ['Y tế', 'SYT', 'yte'],
  ['Xây dựng', 'SXD', 'xaydung'],
  ['Giao thông vận tải', 'SGTVT', 'gtvt'],
  ['Nông nghiệp và Phát triển nông thôn', 'SNNPTNT', 'nongnghiep'],
  ['Tài nguyên và Môi trường', 'STNMT', 'tnmt'],
  ['Lao động - Thương binh và Xã hội', 'SLĐTBXH', 'ldtbxh'],
  ['Văn hóa, Thể thao và Du lịch', 'SVHTTDL', 'vhttdl'],
  ['Công Thương', 'SCT', 'congthuong'],
  ['Khoa học và Công nghệ', 'SKHCN', 'khcn'],
  ['Thông tin và Truyền thông', 'STTTT', 'tttt'],
];

const MINISTRIES: readonly [string, string, Field][] = [
  ['Bộ Nội vụ', 'BNV', 'noivu'],
  ['Bộ Tài chính', 'BTC', 'taichinh'],
  ['Bộ Kế hoạch và Đầu tư', 'BKHĐT', 'khdt'],
  ['Bộ Tư pháp', 'BTP', 'tuphap'],
  ['Bộ Giáo dục và Đào tạo', 'BGDĐT', 'giaoduc'],
  ['Bộ Y tế', 'BYT', 'yte'],
  ['Bộ Xây dựng', 'BXD', 'xaydung'],
  ['Bộ Giao thông vận tải', 'BGTVT', 'gtvt'],
  ['Bộ Nông nghiệp và Phát triển nông thôn', 'BNNPTNT', 'nongnghiep'],
  ['Bộ Tài nguyên và Môi trường', 'BTNMT', 'tnmt'],
  ['Bộ Lao động - Thương binh và Xã hội', 'BLĐTBXH', 'ldtbxh'],
  ['Bộ Văn hóa, Thể thao và Du lịch', 'BVHTTDL', 'vhttdl'],
  ['Bộ Công Thương', 'BCT', 'congthuong'],
  ['Bộ Khoa học và Công nghệ', 'BKHCN', 'khcn'],
  ['Bộ Thông tin và Truyền thông', 'BTTTT', 'tttt'],
  ['Bộ Công an', 'BCA', 'congan'],
  ['Bộ Quốc phòng', 'BQP', 'quansu'],
  ['Văn phòng Chính phủ', 'VPCP', 'tonghop'],
  ['Thủ tướng Chính phủ', 'TTg', 'tonghop'],
  ['Ban Chỉ đạo quốc gia về phòng, chống thiên tai', 'BCĐ', 'nongnghiep'],
];

/** District offices (phòng) found in every district. */
const DISTRICT_OFFICES: readonly [string, string, Field][] = [
  ['Phòng Tài chính - Kế hoạch', 'TCKH', 'taichinh'],
  ['Phòng Nội vụ', 'PNV', 'noivu'],
  ['Phòng Giáo dục và Đào tạo', 'PGDĐT', 'giaoduc'],
  ['Phòng Tài nguyên và Môi trường', 'TNMT', 'tnmt'],
  ['Phòng Nông nghiệp và Phát triển nông thôn', 'NNPTNT', 'nongnghiep'],
];

function buildOrgans(): Organ[] {
  const o: Organ[] = [];
  const add = (name: string, abbr: string, field: Field, head: string, deputy: string) => o.push({ name, abbr, field, head, deputy });
  // Ordered roughly by how often a provincial office receives from them (rank → Zipf weight).
  add(`Ủy ban nhân dân tỉnh ${HOME}`, 'UBND', 'tonghop', 'Chủ tịch', 'Phó Chủ tịch');
  add(`Văn phòng UBND tỉnh ${HOME}`, 'VPUB', 'tonghop', 'Chánh Văn phòng', 'Phó Chánh Văn phòng');
  for (const [part, abbr, field] of DEPARTMENTS.slice(0, 6)) add(`Sở ${part} tỉnh ${HOME}`, abbr, field, 'Giám đốc', 'Phó Giám đốc');
  add(`Công an tỉnh ${HOME}`, 'CAT', 'congan', 'Giám đốc', 'Phó Giám đốc');
  for (const [name, abbr, field] of MINISTRIES.slice(0, 4)) add(name, abbr, field, 'Bộ trưởng', 'Thứ trưởng');
  add('Văn phòng Chính phủ', 'VPCP', 'tonghop', 'Bộ trưởng, Chủ nhiệm', 'Phó Chủ nhiệm');
  for (const [part, abbr, field] of DEPARTMENTS.slice(6)) add(`Sở ${part} tỉnh ${HOME}`, abbr, field, 'Giám đốc', 'Phó Giám đốc');
  add(`Bộ Chỉ huy Quân sự tỉnh ${HOME}`, 'BCH', 'quansu', 'Chỉ huy trưởng', 'Phó Chỉ huy trưởng');
  add(`Tỉnh ủy ${HOME}`, 'TU', 'tonghop', 'Bí thư', 'Phó Bí thư');
  add(`Hội đồng nhân dân tỉnh ${HOME}`, 'HĐND', 'tonghop', 'Chủ tịch', 'Phó Chủ tịch');
  add(`Cục Thuế tỉnh ${HOME}`, 'CT', 'thue', 'Cục trưởng', 'Phó Cục trưởng');
  add(`Kho bạc Nhà nước ${HOME}`, 'KBQN', 'khobac', 'Giám đốc', 'Phó Giám đốc');
  add(`Bảo hiểm xã hội tỉnh ${HOME}`, 'BHXH', 'bhxh', 'Giám đốc', 'Phó Giám đốc');
  for (const d of DISTRICTS) add(`UBND huyện ${d}`, 'UBND', 'tonghop', 'Chủ tịch', 'Phó Chủ tịch');
  add(`UBND thị xã Đức Phổ`, 'UBND', 'tonghop', 'Chủ tịch', 'Phó Chủ tịch');
  add(`UBND thành phố ${HOME}`, 'UBND', 'tonghop', 'Chủ tịch', 'Phó Chủ tịch');
  for (const [name, abbr, field] of MINISTRIES.slice(4)) {
    if (abbr === 'VPCP') continue;
    add(name, abbr, field, abbr === 'TTg' ? 'Thủ tướng' : 'Bộ trưởng', abbr === 'TTg' ? 'Phó Thủ tướng' : 'Thứ trưởng');
  }
  add(`Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh ${HOME}`, 'MTTQ', 'tonghop', 'Chủ tịch', 'Phó Chủ tịch');
  add(`Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp ${HOME}`, 'BQL', 'congthuong', 'Trưởng ban', 'Phó Trưởng ban');
  add(`Ban Dân tộc tỉnh ${HOME}`, 'BDT', 'ldtbxh', 'Trưởng ban', 'Phó Trưởng ban');
  add(
    `Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh ${HOME}`,
    'BQLDA',
    'xaydung',
    'Giám đốc',
    'Phó Giám đốc',
  );
  add(`Thanh tra tỉnh ${HOME}`, 'TTr', 'tonghop', 'Chánh Thanh tra', 'Phó Chánh Thanh tra');
  for (const d of DISTRICTS) {
    for (const [part, abbr, field] of DISTRICT_OFFICES) add(`${part} huyện ${d}`, abbr, field, 'Trưởng phòng', 'Phó Trưởng phòng');
    add(`Công an huyện ${d}`, 'CAH', 'congan', 'Trưởng Công an', 'Phó Trưởng Công an');
  }
  for (const c of COMMUNES) add(`UBND xã ${c}`, 'UBND', 'tonghop', 'Chủ tịch', 'Phó Chủ tịch');
  for (const p of OTHER_PROVINCES) {
    add(`Ủy ban nhân dân tỉnh ${p}`, 'UBND', 'tonghop', 'Chủ tịch', 'Phó Chủ tịch');
    for (const [part, abbr, field] of DEPARTMENTS.slice(0, 5)) add(`Sở ${part} tỉnh ${p}`, abbr, field, 'Giám đốc', 'Phó Giám đốc');
    add(`Công an tỉnh ${p}`, 'CAT', 'congan', 'Giám đốc', 'Phó Giám đốc');
  }
  return o;
}

export const ORGANS: readonly Organ[] = buildOrgans();

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Hoàng',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trương',
  'Lương',
  'Tạ',
];
const FAMILY_W = [38, 11, 9, 7, 5, 4, 4, 3, 4, 2, 2, 2, 2, 2, 1, 1, 1, 1, 0.5, 0.3];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Thanh', 'Xuân', 'Ngọc', 'Tấn', 'Đình', 'Anh'];
const MIDDLE_F = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Minh', 'Hồng', 'Phương'];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hùng',
  'Hưng',
  'Khánh',
  'Long',
  'Nam',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thắng',
  'Trung',
  'Tuấn',
  'Vinh',
  'Việt',
  'Thành',
  'Toàn',
  'Hòa',
  'Lộc',
  'Tín',
];
const GIVEN_F = ['Hà', 'Hạnh', 'Hương', 'Lan', 'Mai', 'Thảo', 'Yến', 'Hoa', 'Linh', 'Nga', 'Nhung', 'Trang', 'Vân', 'Loan', 'Hằng'];

const VERBS_CV = [
  'triển khai',
  'thực hiện',
  'tăng cường',
  'đề nghị báo cáo',
  'hướng dẫn thực hiện',
  'góp ý dự thảo văn bản về',
  'đôn đốc thực hiện',
  'rà soát',
  'tổng hợp số liệu',
  'cung cấp thông tin về',
  'tham mưu',
  'giải quyết kiến nghị về',
  'phối hợp thực hiện',
  'chấn chỉnh',
  'kiểm tra',
  'báo cáo kết quả',
  'đăng ký nhu cầu',
  'tổ chức',
];
const QUALIFIERS = [
  'năm {y}',
  'năm {y}',
  'năm {y}',
  'giai đoạn 2021-2025',
  'giai đoạn 2026-2030',
  'quý {q} năm {y}',
  '6 tháng đầu năm {y}',
  'trên địa bàn tỉnh',
  'trên địa bàn huyện {d}',
  'đợt {n} năm {y}',
  '',
  '',
  '',
  '',
];
const QUARTERS = ['I', 'II', 'III', 'IV'];

/**
 * Rare phrases sprinkled into a small share of subjects, so some queries are selective.
 * [text, probability per document].
 */
const RARE: readonly [string, number][] = [
  ['tại khu di tích văn hóa Sa Huỳnh', 0.0004],
  ['vùng bị xâm nhập mặn', 0.0008],
  ['bảo tồn đàn voọc chà vá chân xám', 0.00005],
  ['khắc phục sự cố tràn dầu', 0.0003],
  ['trên đảo Lý Sơn', 0.002],
  ['đối với tàu cá vỏ thép', 0.0006],
];

const DESCRIPTIONS = [
  'Chuyển Phòng Tổng hợp tham mưu',
  'Đã trình lãnh đạo cho ý kiến',
  'Kèm theo phụ lục',
  'Bản chính gửi qua bưu điện',
  'Lưu hồ sơ',
  'Chuyển Phòng Kinh tế xử lý',
  'Đồng chí Phó Chánh Văn phòng theo dõi',
  'Gửi kèm đĩa CD',
  'Nhận qua trục liên thông',
  'Hạn báo cáo trước ngày 25',
  'Photo gửi các phòng',
  'Chuyển bộ phận một cửa',
];

/** Type weights: Công văn dominates; the rarest types appear a handful of times per 10,000. */
const TYPE_WEIGHTS: Record<string, number> = {
  'Công văn': 450,
  'Quyết định': 120,
  'Thông báo': 70,
  'Kế hoạch': 70,
  'Giấy mời': 60,
  'Báo cáo': 50,
  'Hướng dẫn': 25,
  'Tờ trình': 20,
  'Nghị quyết': 20,
  'Công điện': 15,
  'Chỉ thị': 10,
  'Chương trình': 10,
  'Phương án': 5,
  'Đề án': 5,
  'Quy chế': 4,
  'Quy định': 4,
  'Dự án': 3,
  'Biên bản': 5,
  'Hợp đồng': 3,
  'Giấy giới thiệu': 3,
  'Phiếu chuyển': 3,
  'Thông cáo': 1,
  'Bản ghi nhớ': 1,
  'Bản thỏa thuận': 1,
  'Giấy ủy quyền': 1,
  'Giấy nghỉ phép': 1,
  'Phiếu gửi': 2,
  'Phiếu báo': 1,
  'Thư công': 1,
};

const URGENCY = new Weighted(['normal', 'urgent', 'very_urgent', 'flash'] as const, [900, 60, 30, 10]);
const SECRECY = new Weighted(['normal', 'confidential', 'secret', 'top_secret'] as const, [980, 15, 4, 1]);

// ---------------------------------------------------------------------------------------
// Documents

export interface GeneratedDoc {
  organName: string;
  symbol: string;
  issuedDate: string;
  typeName: string;
  subject: string;
  arrivalDate?: string;
  signerName: string;
  signerPosition: string;
  pageAmount: number;
  urgency: string;
  secrecy: string;
  channel: string;
  dueDate?: string;
  description?: string;
}

export class DocGenerator {
  readonly rng: Rng;
  private readonly organs = new Weighted(
    ORGANS,
    ORGANS.map((_, i) => 1 / Math.pow(i + 1, 0.9)),
  );
  private readonly types = new Weighted(
    DOCUMENT_TYPES,
    DOCUMENT_TYPES.map((t) => TYPE_WEIGHTS[t.name] ?? 1),
  );
  private readonly family = new Weighted(FAMILY, FAMILY_W);
  /** Per organ and issuing year: the last number it gave a document (organs number yearly). */
  private readonly counters = new Map<string, number>();
  /** Per organ: a few leaders who sign, changing every few years. */
  private readonly signers = new Map<string, string>();

  /** `numberBase` shifts every organ's numbering (new symbols for a database built earlier). */
  constructor(
    seed: number,
    private readonly numberBase = 0,
  ) {
    this.rng = new Rng(seed);
  }

  private personName(): string {
    const r = this.rng;
    const female = r.chance(0.3);
    const middle = r.pick(female ? MIDDLE_F : MIDDLE_M);
    const given = r.pick(female ? GIVEN_F : GIVEN_M);
    return `${this.family.sample(r)} ${middle} ${given}`;
  }

  private signer(o: Organ, year: number, deputy: number): string {
    const key = `${o.name}|${Math.floor(year / 5)}|${deputy}`;
    let s = this.signers.get(key);
    if (!s) this.signers.set(key, (s = this.personName()));
    return s;
  }

  private nextNumber(o: Organ, year: number): number {
    const key = `${o.name}|${year}`;
    const n = (this.counters.get(key) ?? this.numberBase + this.rng.int(0, 20)) + this.rng.int(1, 3);
    this.counters.set(key, n);
    return n;
  }

  private qualifier(year: number): string {
    const r = this.rng;
    return r
      .pick(QUALIFIERS)
      .replace('{y}', String(year))
      .replace('{q}', r.pick(QUARTERS))
      .replace('{d}', r.pick(DISTRICTS))
      .replace('{n}', String(r.int(1, 3)));
  }

  private topic(o: Organ, secret: boolean): string {
    const r = this.rng;
    if (secret) return r.pick([...TOPICS.congan, ...TOPICS.quansu]);
    const field: Field = r.chance(0.55) ? o.field : r.pick(Object.keys(TOPICS) as Field[]);
    return r.pick(TOPICS[field]);
  }

  private subject(typeName: string, o: Organ, year: number, secret: boolean): string {
    const r = this.rng;
    const t = this.topic(o, secret);
    const q = this.qualifier(year);
    let s: string;
    switch (typeName) {
      case 'Công văn': {
        const head = r.chance(0.4) ? 'V/v' : 'Về việc';
        s = r.chance(0.12) ? `Đề nghị bổ sung kinh phí thực hiện ${t}` : `${head} ${r.pick(VERBS_CV)} ${t}`;
        break;
      }
      case 'Quyết định':
        s = r.pick([
          `Về việc phê duyệt ${t}`,
          `Ban hành Quy chế ${t}`,
          `Về việc giao chỉ tiêu ${t}`,
          `Về việc thành lập Ban Chỉ đạo ${t}`,
          `Về việc điều chỉnh ${t}`,
          `Về việc khen thưởng thành tích ${t}`,
          `Về việc phân bổ kinh phí ${t}`,
        ]);
        break;
      case 'Kế hoạch':
        s = `${r.pick(['Triển khai', 'Thực hiện', 'Tổ chức', 'Kiểm tra', 'Tuyên truyền'])} ${t}`;
        break;
      case 'Thông báo':
        s = r.pick([
          `Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc về ${t}`,
          `Ý kiến chỉ đạo về ${t}`,
          `Kết quả ${t}`,
          `Lịch công tác tuần ${r.int(1, 52)} của lãnh đạo`,
          `Về việc ${t}`,
        ]);
        break;
      case 'Giấy mời':
        s = `${r.pick(['Dự hội nghị', 'Họp bàn về', 'Dự buổi làm việc về', 'Tham dự tập huấn', 'Dự hội nghị trực tuyến về'])} ${t}`;
        break;
      case 'Báo cáo':
        s = `${r.pick(['Kết quả thực hiện', 'Tình hình', 'Tổng kết', 'Sơ kết', 'Đánh giá'])} ${t}`;
        break;
      case 'Công điện':
        s = r.pick([
          `Về việc tập trung ứng phó với bão số ${r.int(1, 13)}`,
          'Về việc chủ động phòng, chống mưa lũ',
          'Về việc phòng, chống rét đậm, rét hại',
          'Về việc phòng, chống nắng nóng, hạn hán',
          `Về việc ${t}`,
        ]);
        break;
      case 'Tờ trình':
        s = `${r.pick(['Đề nghị phê duyệt', 'Về việc', 'Đề nghị thẩm định'])} ${t}`;
        break;
      case 'Chỉ thị':
        s = `Về tăng cường ${t}`;
        break;
      case 'Nghị quyết':
        s = r.pick([`Về ${t}`, `Quy định ${t}`, `Thông qua ${t}`]);
        break;
      default:
        s = `Về việc ${r.pick(VERBS_CV)} ${t}`;
    }
    if (q) s += ` ${q}`;
    for (const [rare, p] of RARE) if (r.chance(p)) s += ` ${rare}`;
    return s;
  }

  /** One document arriving at `arrivalMs` (its issued date is 0–10 days earlier). */
  doc(arrivalMs: number): GeneratedDoc {
    const r = this.rng;
    const arrivalDate = toVnIso(arrivalMs);
    const arrivalDay = arrivalDate.slice(0, 10);
    const issuedDate = addDays(arrivalDay, -Math.min(10, Math.floor(-Math.log(1 - r.next()) * 2)));
    const year = Number(issuedDate.slice(0, 4));
    const o = this.organs.sample(r);
    const type = this.types.sample(r);
    const urgency = URGENCY.sample(r);
    let secrecy: string = SECRECY.sample(r);
    if (secrecy !== 'normal' && !['congan', 'quansu', 'tonghop'].includes(o.field)) secrecy = r.chance(0.3) ? secrecy : 'normal';
    const n = this.nextNumber(o, year);
    let symbol: string;
    if (type.abbr === null) symbol = `${n}/${o.abbr}-${r.pick(UNITS[o.field])}`;
    else if ((type.name === 'Quyết định' || type.name === 'Nghị quyết') && r.chance(0.15)) symbol = `${n}/${year}/${type.abbr}-${o.abbr}`;
    else symbol = `${n}/${type.abbr}-${o.abbr}`;
    const deputy = r.chance(0.7) ? r.int(1, 3) : 0;
    const d: GeneratedDoc = {
      organName: o.name,
      symbol,
      issuedDate,
      typeName: type.name,
      subject: this.subject(type.name, o, Number(arrivalDay.slice(0, 4)), secrecy !== 'normal'),
      arrivalDate,
      signerName: this.signer(o, year, deputy),
      signerPosition: deputy ? o.deputy : o.head,
      pageAmount: 1 + Math.min(98, Math.floor(-Math.log(1 - r.next()) * 3)),
      urgency,
      secrecy,
      channel: r.chance(Math.min(0.9, 0.3 + (year - 2016) * 0.07)) ? 'electronic' : 'paper',
    };
    if (r.chance(0.2)) d.dueDate = addDays(arrivalDay, r.int(3, 30));
    if (r.chance(0.25)) d.description = r.pick(DESCRIPTIONS);
    return d;
  }
}

// ---------------------------------------------------------------------------------------
// Arrival times and the JSONL file

const DAY_MS = 86_400_000;

/**
 * Calls `emit` with N arrival instants in increasing order between `fromDate` and
 * `toDate` (inclusive, Vietnam dates): working days carry most of the mail, weekends a
 * little, the volume grows a few percent a year; times are office hours.
 */
export function* arrivalTimes(rng: Rng, n: number, fromDate: string, toDate: string): Generator<number> {
  const start = parseInstant(fromDate)!;
  const days = Math.round((parseInstant(toDate)! - start) / DAY_MS) + 1;
  const weights: number[] = [];
  let total = 0;
  for (let i = 0; i < days; i++) {
    const dow = new Date(start + i * DAY_MS + 7 * 3_600_000).getUTCDay();
    const w = (dow === 0 ? 0.02 : dow === 6 ? 0.08 : 1) * (1 + (0.05 * i) / 365);
    weights.push(w);
    total += w;
  }
  let cum = 0;
  let emitted = 0;
  for (let i = 0; i < days; i++) {
    cum += weights[i]!;
    const upTo = i === days - 1 ? n : Math.floor((n * cum) / total);
    const count = upTo - emitted;
    if (count <= 0) continue;
    const dayStart = start + i * DAY_MS;
    const times: number[] = [];
    // 07:00–17:30 local, second precision.
    for (let k = 0; k < count; k++) times.push(dayStart + 7 * 3_600_000 + Math.floor(rng.next() * 37_800) * 1000);
    times.sort((a, b) => a - b);
    for (const t of times) yield t;
    emitted = upTo;
  }
}

export interface GenerateOptions {
  seed?: number;
  fromDate?: string;
  toDate?: string;
  onProgress?: (done: number) => void;
}

/**
 * Writes N documents as JSON Lines (camelCase fields, one object per line), streaming in
 * ~1 MiB chunks. Returns the generator so more documents can follow without duplicates.
 */
export function writeJsonl(file: string, n: number, opts: GenerateOptions = {}): { bytes: number; generator: DocGenerator } {
  const gen = new DocGenerator(opts.seed ?? 20250101);
  const timeRng = new Rng((opts.seed ?? 20250101) ^ 0x5bd1e995);
  const fd = openSync(file, 'w');
  let bytes = 0;
  let buf: string[] = [];
  let bufLen = 0;
  let done = 0;
  const flush = () => {
    const chunk = Buffer.from(buf.join(''), 'utf8');
    writeSync(fd, chunk);
    bytes += chunk.length;
    buf = [];
    bufLen = 0;
  };
  try {
    for (const t of arrivalTimes(timeRng, n, opts.fromDate ?? '2016-01-01', opts.toDate ?? '2026-11-19')) {
      const line = JSON.stringify(gen.doc(t)) + '\n';
      buf.push(line);
      bufLen += line.length;
      if (bufLen > 1 << 20) flush();
      if (++done % 50_000 === 0) opts.onProgress?.(done);
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { bytes, generator: gen };
}
