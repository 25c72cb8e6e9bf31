/**
 * The text the content-search figures and the stores' conformance test search: a page of
 * administrative Vietnamese per document, with Zipf-like word frequencies, written into the
 * content index as registrations with text leave it (bench/capture/bench.ts, contentSearch.ts,
 * tests/unit/postgres/conformance.test.ts).
 */
import { SqliteStore } from '../../src/main/db/sqlite/store.js';
import type { Services } from '../../src/main/services.js';
import { fold } from '../../src/shared/text/vietnamese.js';
import { CONTENT_TAGS } from '../../src/main/db/migrations/0130-content-search.js';
import { tsvectorLiteral } from '../../src/main/db/postgres/tsvector.js';
import { rng } from '../../tests/support/capture/corpus.js';

const WORDS = (
  'thực hiện chỉ đạo của ủy ban nhân dân tỉnh về việc triển khai các nhiệm vụ trọng tâm năm đề nghị các cơ quan đơn vị khẩn trương rà soát ' +
  'tổng hợp và báo cáo kết quả trước ngày tháng các đơn vị có trách nhiệm phối hợp chặt chẽ với huyện thị xã thành phố trong quá trình tổ chức ' +
  'kịp thời những khó khăn vướng mắc phát sinh để được hướng dẫn giải quyết giao sở tài chính chủ trì thẩm định dự toán kinh phí tham mưu bố trí ' +
  'nguồn vốn theo đúng quy định luật ngân sách nhà nước kè chống sạt lở bờ sông đê điều thủy lợi hồ chứa nước đường giao thông nông thôn trường học ' +
  'trạm y tế xã chợ nhà văn hóa thôn nghĩa hành sơn tịnh bình sơn mộ đức đức phổ tư nghĩa ba tơ minh long trà bồng lý sơn'
).split(' ');

/**
 * The administrative phrases of WORDS, four to seven words each: a document's text is drawn from
 * them with Zipf-like frequency (the first phrases in most documents, the last in few), between
 * filler syllables of a larger made-up vocabulary, also Zipf-distributed — as real text has a few
 * very common words and many rare ones, rather than every word in every document.
 */
const PHRASES: string[][] = [];
for (let i = 0, n = 4; i < WORDS.length; i += n, n = 4 + (i % 4)) PHRASES.push(WORDS.slice(i, i + n));
const ONSETS = ['b', 'c', 'ch', 'd', 'đ', 'g', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'nh', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
const RHYMES = [
  'a',
  'ác',
  'ai',
  'an',
  'ang',
  'anh',
  'ao',
  'âm',
  'ân',
  'ây',
  'e',
  'em',
  'ên',
  'i',
  'iêm',
  'inh',
  'o',
  'oa',
  'ôi',
  'ông',
  'ơn',
  'u',
  'uân',
  'ương',
  'ưu',
];
const FILLER = ONSETS.flatMap((o) => RHYMES.map((r) => o + r));

/** An index in [0, n) with weight 1/(i + 1): a few very likely, a long tail of rare ones. */
function zipf(r: () => number, n: number): number {
  const h = Math.log(n + 1);
  return Math.min(n - 1, Math.floor(Math.exp(r() * h) - 1));
}

/** A page of administrative text (~350 words); one document in ~5,000 says something rare. */
export function pageOfText(r: () => number): string {
  const words: string[] = [];
  while (words.length < 350) {
    if (r() < 0.6) words.push(...PHRASES[zipf(r, PHRASES.length)]!);
    else for (let i = 0; i < 3; i++) words.push(FILLER[zipf(r, FILLER.length)]!);
  }
  if (r() < 0.0002) words.push('kè', 'chắn', 'sóng', 'cửa', 'biển', 'sa', 'kỳ');
  return words.join(' ');
}

/**
 * Gives the newest `n` documents a page of text in the content index, as registrations with
 * text leave it (SQLite: the FTS row with its tag tokens; PostgreSQL: the content row's
 * tsvector). Returns how many documents got text.
 */
export async function fillContent(services: Services, n: number): Promise<number> {
  const r = rng(13);
  if (services.store instanceof SqliteStore) {
    const db = services.store.db;
    const keys = db.prepare(`SELECT sort_key FROM incoming_documents ORDER BY sort_key DESC LIMIT ${n}`).pluck().all() as number[];
    const insert = db.prepare(
      `INSERT INTO incoming_content_fts (rowid, body, organ, tags)
       SELECT d.sort_key, ?, vn_fold(d.organ_name), ${CONTENT_TAGS('d')} FROM incoming_documents d WHERE d.sort_key = ?`,
    );
    const fill = db.transaction((batch: number[]) => {
      for (const k of batch) insert.run(fold(pageOfText(r)), k);
    });
    for (let i = 0; i < keys.length; i += 5000) fill(keys.slice(i, i + 5000));
    return keys.length;
  }
  const { PgStore } = await import('../../src/main/db/postgres/store.js');
  if (!(services.store instanceof PgStore)) throw new Error('unknown store');
  const pool = services.store.pool;
  const ids = (await pool.query<{ id: number }>(`SELECT id FROM incoming_documents ORDER BY sort_key DESC LIMIT ${n}`)).rows.map(
    (x) => x.id,
  );
  for (let i = 0; i < ids.length; i += 2000) {
    const batch = ids.slice(i, i + 2000);
    await pool.query(`INSERT INTO incoming_content (document_id, tsv) SELECT * FROM unnest($1::int[], $2::tsvector[])`, [
      batch,
      batch.map(() => tsvectorLiteral([[pageOfText(r), 'D']])),
    ]);
  }
  await pool.query('ANALYZE incoming_content');
  return ids.length;
}

/** The content searches timed (first page, 50 rows): text alone, with each filter, and with the fields. */
export const CONTENT_QUERIES: Record<string, Parameters<Services['search']['search']>[0]> = {
  rarePhrase: { query: 'kè chắn sóng cửa biển', in: 'content' },
  rareWord: { query: 'sa kỳ', in: 'content' },
  commonWords: { query: 'ngân sách nhà nước', in: 'content' },
  prefixTyping: { query: 'sạt l', in: 'content' },
  relevance: { query: 'hồ chứa nước', in: 'content', sort: 'relevance' },
  withTypeFilter: { query: 'thủy lợi', in: 'content', type: 'Quyết định' },
  withOrganFilter: { query: 'thủy lợi', in: 'content', org: 'Sở Tài chính' },
  withArrivalDates: { query: 'đê điều', in: 'content', from: '2025-01-01', to: '2025-06-30' },
  withIssuedDates: { query: 'đê điều', in: 'content', issuedFrom: '2025-01-01', issuedTo: '2025-03-31' },
  withRegister: { query: 'trạm y tế', in: 'content', register: 'DEN' },
  rareWithType: { query: 'kè chắn sóng', in: 'content', type: 'Công văn' },
  fieldsOrContent: { query: 'hồ chứa nước', in: 'all' },
  fieldsOrContentRelevance: { query: 'hồ chứa nước', in: 'all', sort: 'relevance' },
  fieldsOrContentWithType: { query: 'kè', in: 'all', type: 'Tờ trình' },
  fieldsOrContentRare: { query: 'kè chắn sóng', in: 'all' },
};
