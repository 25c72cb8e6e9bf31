/**
 * A naive full-text search over the benchmark's documents, written independently of the
 * store (it imports nothing from src/main): its own folding, its own FTS5 table in its own
 * file, plain `MATCH` and plain SQL filters. The benchmark checks that the store's answers
 * agree with it (same number of hits, same newest hits) and shows its timings beside ours.
 *
 * What it knows of the rules is what a user is told: every word must occur (a quoted group
 * as a phrase, in one field), the last word may be unfinished, diacritics and Đ/đ do not
 * matter, a fragment with digits or / - . is looked up in the document symbols as written,
 * filters are equalities and inclusive date ranges, voided documents are left out.
 */
import Database from 'better-sqlite3';

/** Own folding: tone marks off, Đ→D; the tokenizer lower-cases and drops the rest of the marks. */
const deD = (s: string) => s.normalize('NFC').replace(/[đĐ]/g, 'd');
/** Own symbol normalisation: folded, no spaces, separators unified. */
const symbolNorm = (s: string) =>
  deD(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[-/._]+/g, '/');

export interface NaiveQuery {
  text?: string;
  type?: string;
  urgency?: string;
  register?: string;
  org?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
}

interface Parsed {
  /** FTS5 expression over the text columns, or null when there is none. */
  match: string | null;
  /** Symbol fragments (normalised), matched as substrings of normalised symbols. */
  fragments: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

function parse(text: string, column?: string): Parsed {
  const parts: string[] = [];
  const fragments: string[] = [];
  const chunks = [...text.matchAll(/"([^"]*)"?|([^\s"]+)/g)];
  chunks.forEach((m, i) => {
    const quoted = m[1] !== undefined;
    const chunk = deD(quoted ? m[1]! : m[2]!);
    const words = chunk.match(WORD) ?? [];
    if (!words.length) return;
    // A bare chunk of letters/digits joined by / - . (as symbols are written), 3+ of them.
    if (!quoted && /[/.-]/.test(chunk) && /^[\p{L}\p{N}/.-]+$/u.test(chunk) && symbolNorm(chunk).replace(/\//g, '').length >= 3) {
      fragments.push(symbolNorm(chunk));
      return;
    }
    const last = i === chunks.length - 1 && !quoted && !/\s$/.test(text) && words[words.length - 1]!.length >= 2;
    parts.push(`"${words.join(' ')}"${last ? '*' : ''}`);
  });
  if (!parts.length) return { match: null, fragments };
  const expr = parts.join(' AND ');
  return { match: column ? `${column} : (${expr})` : expr, fragments };
}

export class NaiveSearch {
  private constructor(
    private readonly db: Database.Database,
    private readonly symbols: { id: number; key: string }[],
  ) {}

  /** Builds the reference index in its own file from the benchmark database's document rows. */
  static build(benchDb: string, refDb: string, onProgress?: (n: number) => void): NaiveSearch {
    const db = new Database(refDb);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    db.exec(`CREATE TABLE docs (id INTEGER PRIMARY KEY, arrival_key INTEGER NOT NULL, arrival_day TEXT NOT NULL, type TEXT NOT NULL,
               urgency TEXT NOT NULL, register TEXT NOT NULL, voided INTEGER NOT NULL);
             CREATE VIRTUAL TABLE ref USING fts5(subject, organ, symbol, signer, description, content='',
               tokenize='unicode61 remove_diacritics 2');`);
    const insDoc = db.prepare('INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insFts = db.prepare('INSERT INTO ref (rowid, subject, organ, symbol, signer, description) VALUES (?, ?, ?, ?, ?, ?)');
    const symbols: { id: number; key: string }[] = [];
    // A second connection reads the documents while this one writes.
    const src = new Database(benchDb, { readonly: true });
    const rows = src
      .prepare(
        `SELECT d.id, d.sort_key, d.arrival_date, d.type_name, d.urgency, r.code, d.status, d.subject, d.organ_name, d.symbol,
                d.signer_name, d.description
         FROM incoming_documents d JOIN registers r ON r.id = d.register_id ORDER BY d.id`,
      )
      .raw()
      .iterate() as IterableIterator<
      [number, number, string, string, string, string, string, string, string, string | null, string | null, string | null]
    >;
    db.exec('BEGIN');
    let n = 0;
    for (const [id, key, arrival, type, urgency, register, status, subject, organ, symbol, signer, description] of rows) {
      // The arrival day as the office sees it (UTC+7): stored times carry their offset.
      const day = new Date(Date.parse(arrival) + 7 * 3_600_000).toISOString().slice(0, 10);
      insDoc.run(id, key, day, type, urgency, register, status === 'voided' ? 1 : 0);
      insFts.run(id, deD(subject), deD(organ), symbol && deD(symbol), signer && deD(signer), description && deD(description));
      if (symbol) symbols.push({ id, key: symbolNorm(symbol) });
      if (++n % 200_000 === 0) onProgress?.(n);
    }
    db.exec('COMMIT');
    src.close();
    db.exec('CREATE INDEX docs_key ON docs(arrival_key)');
    return new NaiveSearch(db, symbols);
  }

  /** Opens a reference built earlier by build() from the same benchmark database (bench/searchOnly.ts). */
  static open(benchDb: string, refDb: string): NaiveSearch {
    const src = new Database(benchDb, { readonly: true });
    const symbols = (
      src.prepare('SELECT id, symbol FROM incoming_documents WHERE symbol IS NOT NULL ORDER BY id').raw().all() as [number, string][]
    ).map(([id, symbol]) => ({ id, key: symbolNorm(symbol) }));
    src.close();
    return new NaiveSearch(new Database(refDb, { readonly: true }), symbols);
  }

  close(): void {
    this.db.close();
  }

  /** Ids of every hit; null when the question has no text at all (not what this reference is for). */
  private hitsOf(q: NaiveQuery): { sql: string; params: unknown[]; fragments: string[] } | null {
    const t = parse(q.text ?? '');
    const org = q.org ? parse(q.org, 'organ') : null;
    const match = [t.match, org?.match].filter(Boolean).join(' AND ');
    const where = ['d.voided = 0'];
    const params: unknown[] = [];
    if (match) {
      where.push('d.id IN (SELECT rowid FROM ref WHERE ref MATCH ?)');
      params.push(match);
    }
    const filters: [string, string | undefined][] = [
      ['d.type = ?', q.type],
      ['d.urgency = ?', q.urgency],
      ['d.register = ?', q.register],
      ['d.arrival_day >= ?', q.from],
      ['d.arrival_day <= ?', q.to],
    ];
    for (const [sql, v] of filters) {
      if (!v) continue;
      where.push(sql);
      params.push(v);
    }
    if (!match && !t.fragments.length) return null;
    return { sql: `FROM docs d WHERE ${where.join(' AND ')}`, params, fragments: t.fragments };
  }

  /** Documents whose symbol contains every fragment (a scan: this is the naive side). */
  private fragmentIds(fragments: string[]): Set<number> | null {
    if (!fragments.length) return null;
    return new Set(this.symbols.filter((s) => fragments.every((f) => s.key.includes(f))).map((s) => s.id));
  }

  /** Number of hits and the newest `limit` of them (ids, newest arrival first). */
  answer(q: NaiveQuery, limit: number): { total: number; newest: number[] } | null {
    const h = this.hitsOf(q);
    if (!h) return null;
    const only = this.fragmentIds(h.fragments);
    if (!only) {
      const total = (this.db.prepare(`SELECT count(*) AS n ${h.sql}`).get(...h.params) as { n: number }).n;
      const newest = this.db
        .prepare(`SELECT d.id ${h.sql} ORDER BY d.arrival_key DESC LIMIT ?`)
        .pluck()
        .all(...h.params, limit) as number[];
      return { total, newest };
    }
    const rows = this.db
      .prepare(`SELECT d.id, d.arrival_key ${h.sql}`)
      .raw()
      .all(...h.params) as [number, number][];
    const hits = rows.filter(([id]) => only.has(id)).sort((a, b) => b[1] - a[1]);
    return { total: hits.length, newest: hits.slice(0, limit).map(([id]) => id) };
  }

  /** Which of these ids are hits. */
  contains(q: NaiveQuery, ids: number[]): Set<number> {
    const h = this.hitsOf(q);
    if (!h || !ids.length) return new Set();
    const found = this.db
      .prepare(`SELECT d.id ${h.sql} AND d.id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(...h.params, JSON.stringify(ids)) as number[];
    const only = this.fragmentIds(h.fragments);
    return new Set(only ? found.filter((id) => only.has(id)) : found);
  }
}
