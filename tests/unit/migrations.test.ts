/**
 * Upgrades from every earlier schema version, with data (Signal Desktop's practice): a
 * database is built by running the old migrations only and seeded the way that version's
 * code wrote rows (documents, attachments and their files, numbers, the hash-chained audit
 * trail, outgoing documents and their stored PDFs…); then the current code opens it and
 * everything must be there, unchanged, and work with today's features.
 *
 * A new migration makes the current latest version an "earlier" one: add its seeder to
 * SEEDERS (the test asks for it).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../src/main/audit/auditLog.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/main/db/migrations/index.js';
import { openDatabase, type Db } from '../../src/main/db/sqlite/connection.js';
import { migrate } from '../../src/main/db/sqlite/migrate.js';
import { sortKeyBase } from '../../src/main/db/sqlite/sortKey.js';
import { duplicateKey } from '../../src/main/incoming/incomingService.js';
import { createServices, type Services } from '../../src/main/services.js';
import { parseInstant } from '../../src/shared/text/dates.js';
import { fold } from '../../src/shared/text/vietnamese.js';
import { createTestPki } from '../support/signing/testPki.js';
import { ACTOR, doc, fixedClock, tempDir } from './helpers.js';

const ORG = 'Ủy ban nhân dân tỉnh Quảng Ngãi';
const T0 = '2026-01-02T08:00:00+07:00';

interface Seeded {
  scan: Buffer;
  scanSha: string;
  paper?: Buffer;
  paperSha?: string;
  trustPem?: string;
}

/** Appends audit entries the way every version so far wrote them (the chain format is unchanged). */
class Chain {
  private seq = 0;
  private prev = GENESIS_HASH;
  constructor(private readonly db: Db) {}
  add(at: string, actor: string, action: string, entity: string, entityId: number | null, data: unknown): void {
    const e = { seq: ++this.seq, at, actor, action, entity, entityId, data: JSON.stringify(data), prevHash: this.prev };
    const hash = entryHash(e);
    this.db
      .prepare(
        'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(e.seq, e.at, e.actor, e.action, e.entity, e.entityId, e.data, e.prevHash, hash);
    this.prev = hash;
    this.db
      .prepare("INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(`${this.seq}:${hash}`);
  }
}

const INCOMING = [
  // id, register id, year, number, arrival, organ, symbol, type, subject, extra
  {
    id: 1,
    reg: 1,
    year: 2026,
    n: 1,
    arrival: '2026-01-05T08:30:00+07:00',
    organ: 'Sở Tài chính tỉnh Quảng Ngãi',
    symbol: '215/STC-QLNS',
    issued: '2026-01-02',
    type: 'Công văn',
    subject: 'Về việc bổ sung kinh phí thực hiện chương trình mục tiêu quốc gia',
  },
  {
    id: 2,
    reg: 1,
    year: 2026,
    n: 2,
    arrival: '2026-01-06T09:00:00+07:00',
    organ: 'Sở Y tế',
    symbol: '88/SYT-NVY',
    issued: '2026-01-05',
    type: 'Công văn',
    subject: 'Phòng, chống dịch sốt xuất huyết',
    voided: 'Vào sổ nhầm',
  },
  {
    id: 3,
    reg: 2,
    year: 2026,
    n: 1,
    arrival: '2026-01-06T10:00:00+07:00',
    organ: 'Công an tỉnh',
    symbol: '12/CAT-PV01',
    issued: '2026-01-04',
    type: 'Kế hoạch',
    subject: 'Bảo đảm an ninh trật tự dịp Tết',
    secrecy: 'confidential',
  },
  {
    id: 4,
    reg: 1,
    year: 2025,
    n: 120,
    arrival: '2025-12-30T14:00:00+07:00',
    organ: 'Bộ Nội vụ',
    symbol: '4321/BNV-VTLT',
    issued: '2025-12-25',
    type: 'Công văn',
    subject: 'Hướng dẫn lập hồ sơ điện tử',
  },
] as const;

async function pdf(title: string): Promise<Buffer> {
  const d = await PDFDocument.create();
  d.addPage([595, 842]).drawText(title, { x: 72, y: 760, size: 14 });
  return Buffer.from(await d.save());
}

function putFile(dbPath: string, bytes: Buffer): string {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const file = path.join(`${dbPath}.files`, sha.slice(0, 2), sha.slice(2, 4), sha);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return sha;
}

/** Version 10: registers, counters, incoming documents (one voided, one confidential, one of last year) with a scan, the audit trail. */
async function seed10(db: Db, dbPath: string, chain: Chain): Promise<Seeded> {
  db.prepare("INSERT INTO meta (key, value) VALUES ('org_name', ?), ('org_code', 'UBND')").run(ORG);
  db.prepare(
    `INSERT INTO registers (id, code, name, direction, confidential, created_at) VALUES
     (1, 'DEN', 'Sổ đăng ký văn bản đến', 'incoming', 0, ?), (2, 'DEN-MAT', 'Sổ đăng ký văn bản đến (mật)', 'incoming', 1, ?)`,
  ).run(T0, T0);
  chain.add(T0, 'văn thư', 'init', 'database', null, { registersCreated: ['DEN', 'DEN-MAT'], org_name: ORG });
  const insert = db.prepare(
    `INSERT INTO incoming_documents (id, register_id, year, arrival_number, sort_key, arrival_date, organ_name, symbol, code_number, code_notation,
       issued_date, type_name, subject, urgency, secrecy, channel, status, void_reason, voided_at, dup_key, created_at, created_by, updated_at)
     VALUES (@id, @reg, @year, @n, @sortKey, @arrival, @organ, @symbol, @codeNumber, @codeNotation, @issued, @type, @subject, 'normal', @secrecy,
       'paper', 'registered', NULL, NULL, @dupKey, @arrival, 'văn thư', @arrival)`,
  );
  for (const d of INCOMING) {
    const [codeNumber, codeNotation] = d.symbol.split('/');
    insert.run({
      ...d,
      sortKey: sortKeyBase(parseInstant(d.arrival)!),
      codeNumber,
      codeNotation,
      secrecy: 'secrecy' in d ? d.secrecy : 'normal',
      dupKey: duplicateKey({ organName: d.organ, symbol: d.symbol, issuedDate: d.issued }),
    });
    chain.add(d.arrival, 'văn thư', 'create', 'incoming', d.id, {
      new: { register: d.reg === 1 ? 'DEN' : 'DEN-MAT', year: d.year, arrivalNumber: d.n, subject: d.subject },
    });
  }
  db.prepare('INSERT INTO register_counters (register_id, year, last_number) VALUES (1, 2025, 120), (1, 2026, 2), (2, 2026, 1)').run();
  const voidAt = '2026-01-06T11:00:00+07:00';
  db.prepare(
    "UPDATE incoming_documents SET status = 'voided', void_reason = 'Vào sổ nhầm', voided_at = ?, updated_at = ? WHERE id = 2",
  ).run(voidAt, voidAt);
  chain.add(voidAt, 'văn thư', 'void', 'incoming', 2, { old: { status: 'registered' }, new: { status: 'voided' }, reason: 'Vào sổ nhầm' });

  const scan = await pdf('Cong van 215/STC-QLNS');
  const scanSha = putFile(dbPath, scan);
  db.prepare("INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, 'application/pdf', ?)").run(
    scanSha,
    scan.length,
    INCOMING[0].arrival,
  );
  db.prepare("INSERT INTO incoming_attachments (document_id, sha256, file_name, created_at) VALUES (1, ?, 'cong-van-215.pdf', ?)").run(
    scanSha,
    INCOMING[0].arrival,
  );
  chain.add(INCOMING[0].arrival, 'văn thư', 'attach', 'incoming', 1, {
    files: [{ fileName: 'cong-van-215.pdf', sha256: scanSha, size: scan.length }],
  });
  return { scan, scanSha };
}

/** Version 20: as 10, plus what 0020 brought — outgoing documents issued on paper and drafted, a trust anchor, the word list, an incoming signature check. */
async function seed20(db: Db, dbPath: string, chain: Chain): Promise<Seeded> {
  const base = await seed10(db, dbPath, chain);
  // v20 code kept every indexed word of incoming documents in search_words.
  const words = db.prepare('INSERT OR IGNORE INTO search_words (word) VALUES (?)');
  for (const d of INCOMING) for (const w of fold(`${d.subject} ${d.organ} ${d.symbol}`).match(/[\p{L}\p{N}]+/gu) ?? []) words.run(w);
  db.prepare('UPDATE incoming_attachments SET verification = ? WHERE document_id = 1').run(
    JSON.stringify({ verdict: 'unsigned', checkedAt: INCOMING[0].arrival, signatures: [], modifiedAfterLastSignature: false }),
  );
  const at = '2026-01-10T09:00:00+07:00';
  db.prepare(
    `INSERT INTO registers (id, code, name, direction, confidential, created_at) VALUES
     (3, 'DI', 'Sổ đăng ký văn bản đi', 'outgoing', 0, ?), (4, 'DI-MAT', 'Sổ đăng ký văn bản đi (mật)', 'outgoing', 1, ?)`,
  ).run(at, at);
  const out = db.prepare(
    `INSERT INTO outgoing_documents (id, register_id, year, code_number, symbol, issued_date, type_name, subject, body, kinh_gui, recipients,
       signer_authority, signer_position, signer_name, drafting_unit, urgency, secrecy, copies, status, created_at, created_by, updated_at)
     VALUES (@id, 3, @year, @n, @symbol, @issued, 'Quyết định', @subject, @body, '[]', @recipients, 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An',
       'KGVX', 'normal', 'normal', 10, @status, @at, 'văn thư', @at)`,
  );
  const body = JSON.stringify([
    { text: 'Căn cứ Luật Tổ chức chính quyền địa phương;', italic: true },
    { text: 'Điều 1. Thành lập Tổ công tác.' },
  ]);
  const recipients = JSON.stringify(['Như Điều 1', 'Lưu: VT, KGVX']);
  out.run({
    id: 1,
    year: 2026,
    n: 1,
    symbol: '01/QĐ-UBND',
    issued: '2026-01-12',
    subject: 'Về việc thành lập Tổ công tác chuyển đổi số',
    body,
    recipients,
    status: 'numbered',
    at,
  });
  chain.add(at, 'văn thư', 'create', 'outgoing', 1, { new: { subject: 'Về việc thành lập Tổ công tác chuyển đổi số' } });
  db.prepare('INSERT INTO register_counters (register_id, year, last_number) VALUES (3, 2026, 1)').run();
  chain.add('2026-01-12T09:00:00+07:00', 'văn thư', 'number', 'outgoing', 1, {
    new: { register: 'DI', year: 2026, codeNumber: 1, symbol: '01/QĐ-UBND' },
  });
  const paper = await pdf('Quyet dinh 01/QD-UBND');
  const paperSha = putFile(dbPath, paper);
  db.prepare("INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, 'application/pdf', ?)").run(paperSha, paper.length, at);
  db.prepare(
    "INSERT INTO outgoing_files (outgoing_id, kind, sha256, layout, created_at) VALUES (1, 'paper', ?, NULL, '2026-01-12T10:00:00+07:00')",
  ).run(paperSha);
  db.prepare("UPDATE outgoing_documents SET status = 'issued_paper' WHERE id = 1").run();
  chain.add('2026-01-12T10:00:00+07:00', 'văn thư', 'issued_paper', 'outgoing', 1, {
    new: { status: 'issued_paper' },
    copies: 10,
    pdfSha256: paperSha,
  });
  out.run({
    id: 2,
    year: null,
    n: null,
    symbol: null,
    issued: null,
    subject: 'Về việc kiện toàn Ban chỉ đạo',
    body,
    recipients,
    status: 'draft',
    at,
  });
  chain.add(at, 'văn thư', 'create', 'outgoing', 2, { new: { subject: 'Về việc kiện toàn Ban chỉ đạo' } });

  const pki = createTestPki();
  const rootSha = createHash('sha256').update(pki.rootPem).digest('hex');
  db.prepare(
    "INSERT INTO trust_anchors (subject, sha256, pem, not_after, created_at) VALUES ('CN=VănThư Test Root CA', ?, ?, '2045-01-01T00:00:00Z', ?)",
  ).run(rootSha, pki.rootPem, at);
  chain.add(at, 'văn thư', 'trust_add', 'trust', 1, { subject: 'CN=VănThư Test Root CA', sha256: rootSha });
  return { ...base, paper, paperSha, trustPem: pki.rootPem };
}

async function seed30(db: Db, dbPath: string, chain: Chain): Promise<Seeded> {
  const base = await seed20(db, dbPath, chain);
  // v30 code: units, a document directed to one of them, its progress.
  const at = '2026-01-15T09:00:00+07:00';
  db.prepare("INSERT INTO units (id, code, name, created_at) VALUES (1, 'VP', 'Văn phòng', ?)").run(at);
  chain.add(at, 'admin', 'unit_add', 'unit', 1, { code: 'VP', name: 'Văn phòng' });
  db.prepare(
    `INSERT INTO assignments (id, document_id, unit_id, role, due_date, direction, directed_by, assigned_at, status, done_at)
     VALUES (1, 4, 1, 'lead', '2026-01-30', 'Tham mưu trả lời', 'Lãnh đạo', ?, 'done', '2026-01-20T16:00:00+07:00')`,
  ).run(at);
  chain.add(at, 'Lãnh đạo', 'assign', 'incoming', 4, { lead: 'VP', due: '2026-01-30' });
  return base;
}

/**
 * v40 code wrote the same rows as v30 (the version moved indexing into the repository): a
 * v40 database is a v30 one with its data, upgraded (see databaseAt).
 */
const seed40 = seed30;
/** Versions whose data is seeded at an earlier version and then migrated forward. */
const SEEDED_AT: Record<number, number> = {
  40: 30,
  50: 30,
  60: 30,
  61: 30,
  65: 30,
  70: 30,
  80: 30,
  90: 30,
  100: 30,
  120: 30,
  130: 30,
  150: 30,
  160: 30,
  170: 30,
  171: 30,
  172: 30,
  173: 30,
  174: 30,
  175: 30,
  176: 30,
  177: 30,
  179: 30,
  182: 30,
  183: 30,
  184: 30,
  186: 30,
  187: 30,
  188: 30,
  189: 30,
  190: 30,
  191: 30,
  196: 30,
  199: 30,
  200: 30,
  201: 30,
  203: 30,
  204: 30,
  205: 30,
  208: 30,
  210: 30,
  214: 30,
  216: 30,
  217: 30,
  218: 30,
  219: 30,
  220: 30,
  221: 30,
  224: 30,
  226: 30,
  228: 30,
  229: 30,
  230: 30,
  231: 30,
  232: 30,
  233: 30,
  234: 30,
  235: 30,
  236: 30,
  237: 30,
  238: 30,
  239: 30,
  240: 30,
  241: 30,
  242: 30,
};
/** v61 added the interchange tables (organs, edXML messages), empty before: v30's data, upgraded. */
const seed61 = seed30;
/** v50 added the accounts; an office at v50 that had made none yet: v30's data, upgraded. */
const seed50 = seed30;
/** v60 only widened the trust anchors (interchange): v30's data, upgraded. */
const seed60 = seed30;
/** v70 added the archive's own tables (file plans, dossiers…), empty in an office that had not used it: v30's data, upgraded. */
const seed70 = seed30;
/** v65 added capture's text tables (blob_pages, the content index), empty before: v30's data, upgraded. */
const seed65 = seed30;
/** v80 added the letters' tables, empty in an office that had registered none: v30's data, upgraded. */
const seed80 = seed30;
/** v90 changed nothing on SQLite (rights in the database are PostgreSQL's): v30's data, upgraded. */
const seed90 = seed30;
/** v100 rebuilt the fields index with the sender and issue-month tags: v30's data, upgraded. */
const seed100 = seed30;
/** v120 changed nothing on SQLite (more rights in the database, PostgreSQL's): v30's data, upgraded. */
const seed120 = seed30;
/** v130 rebuilt the content index with its filter tags (empty where nothing was read yet): v30's data, upgraded. */
const seed130 = seed30;
/** v150 added the archive lists' index tables and triggers (dossiers none yet): v30's data, upgraded. */
const seed150 = seed30;
/** v160 added the files of received edXML messages (none received yet): v30's data, upgraded. */
const seed160 = seed30;
/** v170 changed nothing on SQLite (search functions of the office database, PostgreSQL's): v30's data, upgraded. */
const seed170 = seed30;
/** v171 changed nothing on SQLite (the outgoing policy of the office database, PostgreSQL's): v30's data, upgraded. */
const seed171 = seed30;
/** v172 changed nothing on SQLite (units in the office database's search vectors, PostgreSQL's): v30's data, upgraded. */
const seed172 = seed30;
/** v173 changed nothing on SQLite (the office database's outgoing search functions, PostgreSQL's): v30's data, upgraded. */
const seed173 = seed30;
/** v174 changed nothing on SQLite (a specialist's row policies on the office database, PostgreSQL's): v30's data, upgraded. */
const seed174 = seed30;
/** v175 changed nothing on SQLite (why a document is hidden, a login role's reset flag: PostgreSQL's): v30's data, upgraded. */
const seed175 = seed30;
/** v176 changed nothing on SQLite (confidential dossiers' rows in the office database: PostgreSQL's): v30's data, upgraded. */
const seed176 = seed30;
/** v177 added a dossier's unit and a hand-over's paper amounts (empty in an office that had none): v30's data, upgraded. */
const seed177 = seed30;
/** v179 added the letters' files (none kept yet): v30's data, upgraded. */
const seed179 = seed30;
/** v182 changed nothing on SQLite (filters as lexemes of the office database's search vectors, PostgreSQL's): v30's data, upgraded. */
const seed182 = seed30;
/** v183 changed nothing on SQLite (what the office database's search asks its index for, PostgreSQL's): v30's data, upgraded. */
const seed183 = seed30;
/** v184 made a dossier's ordinals unique (no dossiers in an office that had not used the archive): v30's data, upgraded. */
const seed184 = seed30;
/** v186 changed nothing on SQLite (how the office database's search finds its newest hits, PostgreSQL's): v30's data, upgraded. */
const seed186 = seed30;
/** v187 changed nothing on SQLite (where the office database's search checks the secrecy rule, PostgreSQL's): v30's data, upgraded. */
const seed187 = seed30;
/** v188 changed nothing on SQLite (a registration's locked part in one statement of the office database, PostgreSQL's): v30's data, upgraded. */
const seed188 = seed30;
/** v189 changed nothing on SQLite (a specialist's dossier policies in the office database, PostgreSQL's): v30's data, upgraded. */
const seed189 = seed30;
/** v190 changed nothing on SQLite (filing in fewer statements of the office database, PostgreSQL's): v30's data, upgraded. */
const seed190 = seed30;
/** v191 changed nothing on SQLite (the office database's counted search read, PostgreSQL's): v30's data, upgraded. */
const seed191 = seed30;
/** v196 changed nothing on SQLite (the office database's capped count reads the newest rows first, PostgreSQL's): v30's data, upgraded. */
const seed196 = seed30;
/** v199 changed nothing on SQLite (a dossier's items move without index writes in the office database, PostgreSQL's): v30's data, upgraded. */
const seed199 = seed30;
/** v200 changed nothing on SQLite (a registration sent alone to the office database, PostgreSQL's): v30's data, upgraded. */
const seed200 = seed30;
/** v203 changed nothing on SQLite (the usage register's document rows in the office database, PostgreSQL's): v30's data, upgraded. */
const seed203 = seed30;
/** v201 changed nothing on SQLite (an import's filter lexemes on the office database, PostgreSQL's): v30's data, upgraded. */
const seed201 = seed30;
/** v204 changed nothing on SQLite (closing judges the items a person cannot read in the office database, PostgreSQL's): v30's data, upgraded. */
const seed204 = seed30;
/** v205 changed nothing on SQLite (moves of a dossier's items take turns in the office database, PostgreSQL's): v30's data, upgraded. */
const seed205 = seed30;
/** v208 changed the SQLite schema for the report (assignments keyed by arrival), no data of its own: v30's data, upgraded. */
const seed208 = seed30;
/** v216 changed nothing on SQLite (the office database counts a dossier's items a person is not shown, PostgreSQL's): v30's data, upgraded. */
const seed216 = seed30;
/** v214 changed nothing on SQLite (the office database plans its rights questions once per session, PostgreSQL's): v30's data, upgraded. */
const seed214 = seed30;
/** v210 changed nothing on SQLite (the office database checks a common typed last word on the rows, PostgreSQL's): v30's data, upgraded. */
const seed210 = seed30;
/** v217 changed nothing on SQLite (the office database's trail entries about the archive's rows, PostgreSQL's): v30's data, upgraded. */
const seed217 = seed30;
/** v218 changed nothing on SQLite (the office database's trail entries are read with their rows, PostgreSQL's): v30's data, upgraded. */
const seed218 = seed30;
/** v219 changed nothing on SQLite (the office database's colleagues' names for a person, PostgreSQL's): v30's data, upgraded. */
const seed219 = seed30;
/** v220 rebuilt the fields index with its tags as one-character tokens: v30's data, upgraded. */
const seed220 = seed30;
/** v221 rebuilt the fields index with a 3-character prefix index only: v30's data, upgraded. */
const seed221 = seed30;
/** v224 changed nothing on SQLite (the office database reads a search's first page without every hit, PostgreSQL's): v30's data, upgraded. */
const seed224 = seed30;
/** v226 changed nothing on SQLite (the office database's capped count walks a covering index, PostgreSQL's): v30's data, upgraded. */
const seed226 = seed30;
/** v228 changed nothing on SQLite (the office database's filing moves later items more leanly, PostgreSQL's): v30's data, upgraded. */
const seed228 = seed30;
/** v229 changed nothing on SQLite (the office database's correction trigger reads before it updates, PostgreSQL's): v30's data, upgraded. */
const seed229 = seed30;
/** v230 changed nothing on SQLite (the office database's GRANTs of the archive's remaining tables, PostgreSQL's): v30's data, upgraded. */
const seed230 = seed30;
/** v231 changed nothing on SQLite (the office database's trail entries naming no row, PostgreSQL's): v30's data, upgraded. */
const seed231 = seed30;
/** v232 changed nothing on SQLite (the office database's writers of declared-record corrections, keep-backs and uses, PostgreSQL's): v30's data, upgraded. */
const seed232 = seed30;
/** v233 changed nothing on SQLite (the office database's GRANTs of sent edXML messages and statuses, PostgreSQL's): v30's data, upgraded. */
const seed233 = seed30;
/** v234 changed nothing on SQLite (the office database's write grants of dossiers, hand-overs, tombstones and letter counters, PostgreSQL's): v30's data, upgraded. */
const seed234 = seed30;
/** v235 changed nothing on SQLite (the office database's autovacuum thresholds of incoming_documents, PostgreSQL's): v30's data, upgraded. */
const seed235 = seed30;
/** v236 changed nothing on SQLite (the office database's capped count proven on a quarter of the documents, PostgreSQL's): v30's data, upgraded. */
const seed236 = seed30;
/** v237 changed nothing on SQLite (the office database's searched words, whose prefixes the GIN index is asked as words, PostgreSQL's): v30's data, upgraded. */
const seed237 = seed30;
/** v238 changed nothing on SQLite (the office database's sender filter by names, PostgreSQL's): v30's data, upgraded. */
const seed238 = seed30;
/** v239 changed nothing on SQLite (the office database's sender walk reading the whole page, PostgreSQL's): v30's data, upgraded. */
const seed239 = seed30;
/** v240 changed nothing on SQLite (the office database's prefix words with the sender filter, PostgreSQL's): v30's data, upgraded. */
const seed240 = seed30;
/** v241 changed nothing on SQLite (the office database's capped count within a date range, PostgreSQL's): v30's data, upgraded. */
const seed241 = seed30;
/** v242 changed nothing on SQLite (the office database's first page walking the covering index, PostgreSQL's): v30's data, upgraded. */
const seed242 = seed30;

const SEEDERS: Record<number, (db: Db, dbPath: string, chain: Chain) => Promise<Seeded>> = {
  10: seed10,
  20: seed20,
  30: seed30,
  40: seed40,
  50: seed50,
  60: seed60,
  61: seed61,
  65: seed65,
  70: seed70,
  80: seed80,
  90: seed90,
  100: seed100,
  120: seed120,
  130: seed130,
  150: seed150,
  160: seed160,
  170: seed170,
  171: seed171,
  172: seed172,
  173: seed173,
  174: seed174,
  175: seed175,
  176: seed176,
  177: seed177,
  179: seed179,
  182: seed182,
  183: seed183,
  184: seed184,
  186: seed186,
  187: seed187,
  188: seed188,
  189: seed189,
  190: seed190,
  191: seed191,
  196: seed196,
  199: seed199,
  200: seed200,
  201: seed201,
  203: seed203,
  204: seed204,
  205: seed205,
  208: seed208,
  210: seed210,
  214: seed214,
  216: seed216,
  217: seed217,
  218: seed218,
  219: seed219,
  220: seed220,
  221: seed221,
  224: seed224,
  226: seed226,
  228: seed228,
  229: seed229,
  230: seed230,
  231: seed231,
  232: seed232,
  233: seed233,
  234: seed234,
  235: seed235,
  236: seed236,
  237: seed237,
  238: seed238,
  239: seed239,
  240: seed240,
  241: seed241,
  242: seed242,
};

async function databaseAt(version: number): Promise<{ dbPath: string; seeded: Seeded }> {
  const dbPath = path.join(tempDir(), `v${version}.sqlite`);
  const { db } = openDatabase(dbPath);
  try {
    const seedAt = SEEDED_AT[version] ?? version;
    await migrate(db, dbPath, { migrations: MIGRATIONS.filter((m) => m.version <= seedAt) });
    const seeded = await SEEDERS[version]!(db, dbPath, new Chain(db));
    if (seedAt !== version) await migrate(db, dbPath, { migrations: MIGRATIONS.filter((m) => m.version <= version) });
    expect(Number(db.pragma('user_version', { simple: true }))).toBe(version);
    return { dbPath, seeded };
  } finally {
    db.close();
  }
}

const earlier = MIGRATIONS.filter((m) => m.version < LATEST_VERSION).map((m) => m.version);

describe('upgrading a database with data', () => {
  it('has a seeder for every earlier schema version', () => {
    expect(Object.keys(SEEDERS).map(Number)).toEqual(earlier);
  });

  describe.each(earlier)('from version %i to the latest', (version) => {
    it('keeps every document, number, file and audit entry; search, numbering and today’s features work on the old data', async () => {
      const { dbPath, seeded } = await databaseAt(version);
      const services: Services = await createServices({ dbPath, migrate: true, clock: fixedClock('2026-03-10T09:00:00+07:00') });
      try {
        const init = await services.init(ACTOR);
        expect(init).toMatchObject({ schemaVersion: LATEST_VERSION, migratedFrom: version, orgName: ORG, orgCode: 'UBND' });
        // A verified copy of the old database was kept, still at the old version.
        expect(init.backup && existsSync(init.backup)).toBe(true);
        const old = new Database(init.backup!, { readonly: true });
        expect(old.pragma('user_version', { simple: true })).toBe(version);
        old.close();

        // Every document as it was.
        for (const d of INCOMING) {
          const r = await services.incoming.get(d.id);
          expect(r).toMatchObject({
            register: d.reg === 1 ? 'DEN' : 'DEN-MAT',
            year: d.year,
            arrivalNumber: d.n,
            organName: d.organ,
            symbol: d.symbol,
            subject: d.subject,
            arrivalDate: d.arrival,
            status: 'voided' in d ? 'voided' : 'registered',
          });
        }
        expect((await services.incoming.get(2)).voidReason).toBe('Vào sổ nhầm');
        const first = await services.incoming.get(1);
        expect(first.attachments).toMatchObject([{ fileName: 'cong-van-215.pdf', sha256: seeded.scanSha, mime: 'application/pdf' }]);
        expect(Buffer.from(await services.files.read(seeded.scanSha)).equals(seeded.scan)).toBe(true);

        // The trail is whole and continues; nothing is missing or altered.
        const check = await services.check();
        expect(check).toMatchObject({
          ok: true,
          integrity: { ok: true },
          audit: { ok: true },
          attachments: { ok: true, missing: [], corrupt: [] },
        });
        expect((await services.incoming.auditTrail(2)).map((e) => e.action)).toEqual(['create', 'void']);

        // Search: words without diacritics, an unfinished word, a symbol fragment; voided hidden; sender suggestions.
        expect((await services.search.search({ query: 'bo sung kinh phi' })).items.map((r) => r.id)).toEqual([1]);
        // An unfinished word: short ones go to the index's prefixes, from four letters on to the word list.
        expect((await services.search.search({ query: 'kinh phi chuong tr' })).items.map((r) => r.id)).toEqual([1]);
        expect((await services.search.search({ query: 'kinh phi chuon' })).items.map((r) => r.id)).toEqual([1]);
        expect((await services.search.search({ query: 'huong dan lap ho so dien' })).items.map((r) => r.id)).toEqual([4]);
        expect((await services.search.search({ query: 'STC-QL' })).items.map((r) => r.id)).toEqual([1]);
        expect((await services.search.search({ query: 'sot xuat huyet' })).total).toBe(0);
        expect((await services.search.search({ query: 'sot xuat huyet', includeVoided: true })).items.map((r) => r.id)).toEqual([2]);
        expect(await services.incoming.organNames('so tai')).toContain('Sở Tài chính tỉnh Quảng Ngãi');

        // Numbering carries on in every book, and a re-registration is recognised.
        expect(
          (await services.incoming.add(doc({ symbol: '301/STC-NS', arrivalDate: '2026-03-09T08:00:00+07:00' }), ACTOR)).arrivalNumber,
        ).toBe(3);
        expect(
          (await services.incoming.add(doc({ symbol: '9/X', issuedDate: '2025-12-20', arrivalDate: '2025-12-31T08:00:00+07:00' }), ACTOR))
            .arrivalNumber,
        ).toBe(121);
        expect((await services.incoming.add(doc({ symbol: '5/CAT', secrecy: 'confidential' }), ACTOR)).arrivalNumber).toBe(2);
        await expect(
          services.incoming.add(
            doc({ organName: 'Sở Tài chính tỉnh Quảng Ngãi', symbol: '215/STC-QLNS', issuedDate: '2026-01-02' }),
            ACTOR,
          ),
        ).rejects.toMatchObject({ error: { code: 'duplicate', details: { existing: { id: 1, arrivalNumber: 1 } } } });

        // Accounts (version 50): the old database has none; its first administrator is made the
        // same way as a new one's, and the entries written before keep the names they recorded.
        expect(await services.accounts.needsSetup()).toBe(true);
        await services.accounts.setup({ username: 'quantri', fullName: 'Nguyễn Quản Trị', password: 'Mật khẩu quản trị 2026' });
        expect(await services.accounts.needsSetup()).toBe(false);
        expect((await services.incoming.auditTrail(2)).map((e) => e.actor)).toEqual(['văn thư', 'văn thư']);
        expect((await services.check()).audit.ok).toBe(true);

        // Today's features on the old documents: direction to a unit, outgoing numbering.
        await services.directory.addUnit('STC', 'Sở Tài chính', 'admin');
        const assigned = await services.assignments.assign(1, { lead: 'STC', due: '2026-03-20', at: '2026-03-09T10:00' }, 'Lãnh đạo');
        expect(assigned.map((a) => [a.unit, a.dueDate])).toEqual([['STC', '2026-03-20']]);
        const draft = await services.outgoing.draft(
          {
            typeName: 'Công văn',
            subject: 'V/v trả lời Công văn số 215/STC-QLNS',
            body: ['Ủy ban nhân dân tỉnh có ý kiến như sau.'],
            kinhGui: ['Sở Tài chính'],
            signerPosition: 'Chủ tịch',
            signerName: 'Trần Văn Bảy',
            draftingUnit: 'KT',
            replyTo: [1],
          },
          ACTOR,
        );
        await services.outgoing.approve(draft.id, ACTOR);
        expect((await services.outgoing.number(draft.id, ACTOR)).codeNumber).toBe(version >= 20 ? 2 : 1);

        if (version >= 30) {
          // Version 30's direction of document 4 to the office, done on time.
          const a = await services.store.read((r) => r.workflow.currentAssignments(4));
          expect(a).toMatchObject([{ unit: 'VP', role: 'lead', dueDate: '2026-01-30', status: 'done' }]);
          // The report reads the assignment by its document's arrival (version 208 keyed the old
          // rows): document 4 arrived on 30 December, was done on 20 January, due the 30th.
          const december = await services.reports.report({ from: '2025-12-01', to: '2025-12-31' });
          expect(december.byUnit.map((u) => [u.unit, u.assigned, u.completed, u.overdue, u.inProgress])).toEqual([['VP', 1, 0, 0, 1]]);
          const winter = await services.reports.report({ from: '2025-12-01', to: '2026-01-31' });
          // With document 1 (arrived 5 January), directed to STC above and still open.
          expect(winter.byUnit.map((u) => [u.unit, u.assigned, u.completed, u.completedOnTime, u.inProgress])).toEqual([
            ['STC', 1, 0, 0, 1],
            ['VP', 1, 1, 1, 0],
          ]);
        }
        if (version >= 20) {
          // Outgoing documents of version 20: the issued paper copy is the stored file, the draft still a draft.
          expect(await services.outgoing.get(1)).toMatchObject({
            status: 'issued_paper',
            symbol: '01/QĐ-UBND',
            codeNumber: 1,
            subject: 'Về việc thành lập Tổ công tác chuyển đổi số',
          });
          const stored = await services.outgoing.pdf(1);
          expect(stored.kind).toBe('paper');
          expect(Buffer.from(stored.bytes).equals(seeded.paper!)).toBe(true);
          expect(await services.outgoing.get(2)).toMatchObject({ status: 'draft', codeNumber: null });
          expect((await services.outgoing.search('to cong tac chuyen doi so')).total).toBe(1);
          // A certificate trusted before anchors and intermediates were kept apart stays an anchor.
          expect((await services.trust.list()).map((t) => [t.subject, t.kind, t.legacy])).toEqual([
            [expect.stringContaining('CN=VănThư Test Root CA'), 'anchor', false],
          ]);
          expect(first.attachments[0]!.verification).toMatchObject({ verdict: 'unsigned' });
        }
        // Interchange (61) starts empty on old data and works.
        expect(await services.interchange.listReceived()).toEqual([]);
        expect(await services.interchange.addOrgan({ organId: '000.00.01.H48', name: 'Sở Nội vụ' }, 'quản trị')).toMatchObject({
          added: true,
        });
      } finally {
        await services.close();
      }
    }, 120_000);
  });
});

describe('migration 0040 (documents indexed by the repository)', () => {
  it('keeps documents indexed across the upgrade, and the repository writes the very index rows the trigger wrote', async () => {
    const dbPath = path.join(tempDir(), 'v30.sqlite');
    const { db } = openDatabase(dbPath);
    await migrate(db, dbPath, { migrations: MIGRATIONS.filter((m) => m.version <= 30) });
    db.exec(
      `INSERT INTO registers (code, name, direction, confidential, created_at) VALUES ('DEN', 'Sổ đăng ký văn bản đến', 'incoming', 0, '2026-01-01T00:00:00+07:00')`,
    );
    db.exec(`INSERT INTO register_counters VALUES (1, 2026, 1)`);
    // Indexed by the v30 insert trigger.
    db.exec(`INSERT INTO incoming_documents (register_id, year, arrival_number, sort_key, arrival_date, organ_name, symbol, issued_date, type_name, subject, urgency, secrecy, channel, created_at, created_by, updated_at)
             VALUES (1, 2026, 1, 1, '2026-01-05T08:00:00+07:00', 'Sở Tài chính', '7/STC-NS', '2026-01-02', 'Công văn', 'Về việc cũ', 'normal', 'normal', 'paper', 'x', 'x', 'x')`);
    db.close();

    const services = await createServices({ dbPath, migrate: true, clock: fixedClock('2026-03-10T09:00:00+07:00') });
    try {
      await services.init(ACTOR);
      const raw = (services.store as unknown as { db: Database.Database }).db;
      expect(raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'incoming_ai'").get()).toEqual({ n: 0 });
      expect((await services.search.search({ query: 've viec cu' })).total).toBe(1);
      expect((await services.search.search({ query: 'stc-ns' })).total).toBe(1);
      const added = [
        await services.incoming.add(doc(), ACTOR),
        await services.incoming.add(
          doc({
            symbol: '12/UBND-VX',
            typeName: 'Tờ trình',
            urgency: 'very_urgent',
            secrecy: 'confidential',
            subject: 'Đề nghị “phê duyệt” – kế hoạch ΣΑ',
            signerName: 'Nguyễn Văn Đông',
            description: 'Ghi chú',
          }),
          ACTOR,
        ),
      ];
      expect((await services.search.search({ query: 'phe duyet ke hoach', secrecy: 'confidential' })).items.map((d) => d.id)).toEqual([
        added[1]!.id,
      ]);
      // Every index row (term, document, column, position) the repository wrote is the one the
      // schema's own SQL writes: re-index the new documents through the update trigger and compare.
      raw.exec(`CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, incoming_fts, instance);
                CREATE VIRTUAL TABLE temp.vs USING fts5vocab(main, incoming_symbol_fts, instance)`);
      const snapshot = () => [
        raw.prepare('SELECT term, doc, col, offset FROM temp.v ORDER BY term, doc, col, offset').all(),
        raw.prepare('SELECT term, doc, col, offset FROM temp.vs ORDER BY term, doc, col, offset').all(),
      ];
      const written = snapshot();
      expect(written[0]!.length).toBeGreaterThan(50);
      raw.exec('BEGIN');
      raw.prepare('UPDATE incoming_documents SET subject = subject WHERE id IN (?, ?)').run(added[0]!.id, added[1]!.id);
      expect(snapshot()).toEqual(written);
      raw.exec('ROLLBACK');
      expect(await services.incoming.organNames('so tai')).toEqual(['Sở Tài chính tỉnh Quảng Ngãi', 'Sở Tài chính']);
    } finally {
      await services.close();
    }
  });
});
