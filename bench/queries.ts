/**
 * The fixed set of 20 searches the benchmark times: what clerks type, from very common
 * words to rare ones, without diacritics, phrases, prefixes while typing, symbol
 * fragments, and filters combined with text.
 */
import { canonicalTypeName } from '../src/shared/domain/documentTypes.js';
import type { IncomingStatus, Secrecy, Urgency } from '../src/shared/domain/enums.js';
import { parseQuery } from '../src/main/search/parseQuery.js';
import type { SearchParams } from '../src/main/search/searchService.js';
import type { RegisterRow, SearchQuery } from '../src/main/store/ports.js';

export interface BenchQuery {
  id: string;
  /** What kind of search this stands for. */
  kind: string;
  params: SearchParams;
}

export const QUERIES: readonly BenchQuery[] = [
  { id: 'common-uy-ban', kind: 'common words', params: { query: 'ủy ban' } },
  { id: 'common-ke-hoach', kind: 'common words', params: { query: 'kế hoạch' } },
  { id: 'common-ngan-sach', kind: 'common words', params: { query: 'ngân sách' } },
  { id: 'common-ke-hoach-by-date', kind: 'common words, sort by date', params: { query: 'kế hoạch', sort: 'date' } },
  { id: 'nodiacritics-so-tai-chinh', kind: 'no diacritics', params: { query: 'so tai chinh' } },
  { id: 'nodiacritics-quang-ngai', kind: 'no diacritics, very common', params: { query: 'quang ngai' } },
  { id: 'rare-sa-huynh', kind: 'rare words', params: { query: 'Sa Huỳnh' } },
  { id: 'rare-vooc', kind: 'rare words (very rare)', params: { query: 'voọc chà vá' } },
  { id: 'rare-xam-nhap-man', kind: 'rare words + common word', params: { query: 'xâm nhập mặn quảng ngãi' } },
  { id: 'phrase-thien-tai', kind: 'quoted phrase', params: { query: '"phòng chống thiên tai"' } },
  { id: 'prefix-phong-cho', kind: 'prefix while typing', params: { query: 'phòng chố' } },
  { id: 'symbol-123-qd', kind: 'symbol fragment', params: { query: '123/QĐ' } },
  { id: 'symbol-qd-ubnd', kind: 'symbol fragment, very common', params: { query: 'qd-ubnd' } },
  { id: 'symbol-stc-ns', kind: 'symbol fragment', params: { query: 'STC-NS' } },
  { id: 'type-quyet-dinh+phe-duyet', kind: 'type filter + text', params: { query: 'phê duyệt', type: 'Quyết định' } },
  { id: 'urgency-flash+bao', kind: 'urgency filter + text', params: { query: 'bão', urgency: 'flash' } },
  {
    id: 'range-2025h1+chuyen-doi-so',
    kind: 'arrival date range + text',
    params: { query: 'chuyển đổi số', from: '2025-01-01', to: '2025-06-30' },
  },
  { id: 'register-den-mat+an-ninh', kind: 'register DEN-MAT + text', params: { query: 'an ninh', register: 'DEN-MAT' } },
  { id: 'org-so-tai-chinh+kinh-phi', kind: 'sender filter + text', params: { query: 'kinh phí', org: 'Sở Tài chính' } },
  {
    id: 'org+type+by-date',
    kind: 'sender + type filters + text, sort by date',
    params: { query: 'tiếp công dân', org: 'UBND huyện Bình Sơn', type: 'Công văn', sort: 'date' },
  },
];

/**
 * The store-level query SearchService builds for these parameters (mirrors
 * SearchService.search), for timing the raw SQL of the same search.
 */
export function toSearchQuery(p: SearchParams, registers: readonly RegisterRow[]): SearchQuery {
  const sort = (p.sort ?? (p.query?.trim() ? 'relevance' : 'date')) as SearchQuery['sort'];
  let registerId: number | undefined;
  if (p.register) {
    const reg = registers.find((r) => r.code === p.register);
    if (!reg) throw new Error(`unknown register ${p.register}`);
    registerId = reg.id;
  }
  let typeName: string | undefined;
  if (p.type) {
    typeName = canonicalTypeName(p.type) ?? undefined;
    if (!typeName) throw new Error(`unknown type ${p.type}`);
  }
  return {
    text: parseQuery(p.query),
    arrivalFrom: p.from || undefined,
    arrivalTo: p.to || undefined,
    issuedFrom: p.issuedFrom || undefined,
    issuedTo: p.issuedTo || undefined,
    typeName,
    organName: p.org ? parseQuery(p.org) : undefined,
    urgency: (p.urgency || undefined) as Urgency | undefined,
    secrecy: (p.secrecy || undefined) as Secrecy | undefined,
    registerId,
    status: (p.status || undefined) as IncomingStatus | undefined,
    includeVoided: p.includeVoided ?? false,
    sort,
    limit: p.limit ?? 20,
  };
}
