import { fold } from '../text/vietnamese.js';

/**
 * The 29 administrative document types of Decree 30/2020/NĐ-CP Art. 7 with their
 * Appendix III abbreviations (Công văn and Thư công have none).
 */
export interface DocumentType {
  name: string;
  abbr: string | null;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { name: 'Nghị quyết', abbr: 'NQ' },
  { name: 'Quyết định', abbr: 'QĐ' },
  { name: 'Chỉ thị', abbr: 'CT' },
  { name: 'Quy chế', abbr: 'QC' },
  { name: 'Quy định', abbr: 'QyĐ' },
  { name: 'Thông cáo', abbr: 'TC' },
  { name: 'Thông báo', abbr: 'TB' },
  { name: 'Hướng dẫn', abbr: 'HD' },
  { name: 'Chương trình', abbr: 'CTr' },
  { name: 'Kế hoạch', abbr: 'KH' },
  { name: 'Phương án', abbr: 'PA' },
  { name: 'Đề án', abbr: 'ĐA' },
  { name: 'Dự án', abbr: 'DA' },
  { name: 'Báo cáo', abbr: 'BC' },
  { name: 'Biên bản', abbr: 'BB' },
  { name: 'Tờ trình', abbr: 'TTr' },
  { name: 'Hợp đồng', abbr: 'HĐ' },
  { name: 'Công văn', abbr: null },
  { name: 'Công điện', abbr: 'CĐ' },
  { name: 'Bản ghi nhớ', abbr: 'BGN' },
  { name: 'Bản thỏa thuận', abbr: 'BTT' },
  { name: 'Giấy ủy quyền', abbr: 'GUQ' },
  { name: 'Giấy mời', abbr: 'GM' },
  { name: 'Giấy giới thiệu', abbr: 'GGT' },
  { name: 'Giấy nghỉ phép', abbr: 'GNP' },
  { name: 'Phiếu gửi', abbr: 'PG' },
  { name: 'Phiếu chuyển', abbr: 'PC' },
  { name: 'Phiếu báo', abbr: 'PB' },
  { name: 'Thư công', abbr: null },
];

export const DOCUMENT_TYPE_NAMES: readonly string[] = DOCUMENT_TYPES.map((t) => t.name);

/**
 * Vietnamese has two spellings of some vowels with tone marks ("thỏa"/"thoả", "ủy"/"uỷ");
 * both are common in typed data. Map a typed type name to the catalogue spelling.
 */
const OLD_STYLE_TONES: Record<string, string> = { oả: 'ỏa', uỷ: 'ủy', oá: 'óa', oà: 'òa', oạ: 'ọa', oã: 'õa' };

const BY_FOLDED = new Map(DOCUMENT_TYPE_NAMES.map((n) => [fold(n), n]));
const cache = new Map<string, string | null>();

export function canonicalTypeName(input: string): string | null {
  let hit = cache.get(input);
  if (hit === undefined) {
    hit = canonicalTypeNameUncached(input);
    if (cache.size < 1000) cache.set(input, hit);
  }
  return hit;
}

function canonicalTypeNameUncached(input: string): string | null {
  let s = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  for (const [from, to] of Object.entries(OLD_STYLE_TONES)) s = s.split(from).join(to);
  const lower = s.toLocaleLowerCase('vi');
  const exact = DOCUMENT_TYPE_NAMES.find((n) => n.toLocaleLowerCase('vi') === lower);
  if (exact) return exact;
  // Typed without diacritics ("quyet dinh"): the 29 folded names are all distinct.
  return BY_FOLDED.get(fold(s)) ?? null;
}
