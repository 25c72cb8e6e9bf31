/**
 * `vanthu migrate-to postgres://… --from vanthu.sqlite`: moves a one-PC office to its
 * database server. Everything is copied — registers and counters, documents with their
 * numbers and sort keys, files (streamed from the folder into the database, 1 MiB at a
 * time), outgoing files and signatures, units, assignments, tasks, the calendar, the audit
 * trail with its hashes, the accounts — in ONE transaction on the server, then checked inside that same
 * transaction (row counts of every table, every file re-hashed from the database, the audit
 * chain re-verified and continued by a `migrate` entry) before it commits. Any difference
 * rolls everything back. The SQLite file is opened read-only and never changed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type pg from 'pg';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import { toVnIso } from '../../../shared/text/dates.js';
import { FileStore } from '../../attachments/fileStore.js';
import { AuditWriter, verifyChain } from '../../audit/auditLog.js';
import { LATEST_VERSION } from '../migrations/versions.js';
import { openDatabase } from '../sqlite/connection.js';
import { schemaVersion } from '../sqlite/migrate.js';
import type { Role } from '../../../shared/domain/accounts.js';
import { CHUNK_BYTES } from './blobStore.js';
import { hasDatabaseRights, syncLoginRole } from './loginRoles.js';
import type { PgLocator } from './locator.js';
import { PgStore, WRITE_LOCK } from './store.js';
import { incomingSearchColumns, symbolKeyOf, tsvectorLiteral, typeKeyOf } from './tsvector.js';

/** Tables in the order their foreign keys need; every one is copied and counted. */
const TABLES = [
  'meta',
  'registers',
  'register_counters',
  'blobs',
  'blob_pages',
  'incoming_documents',
  'incoming_organs',
  'incoming_attachments',
  'outgoing_documents',
  'outgoing_replies',
  'outgoing_files',
  'outgoing_attachments',
  'trust_anchors',
  'units',
  // Accounts and their roles (command-line sessions stay behind: everyone signs in again).
  'accounts',
  'account_roles',
  'people',
  'assignments',
  'progress_notes',
  'tasks',
  'task_support_units',
  'calendar_adjustments',
  'organs',
  'letter_counters',
  'letters',
  'letter_senders',
  'letter_sender_keys',
  'letter_links',
  'letter_attachments',
  'letter_assignments',
  'hotline_items',
  'edxml_received',
  'edxml_received_files',
  'edxml_sent',
  'edxml_status',
  'audit_log',
] as const;

/** Search columns the PostgreSQL store keeps beside the SQLite columns. */
function derived(table: string, row: Record<string, unknown>): Record<string, unknown> {
  if (table === 'incoming_documents') {
    return {
      search_tsv: incomingSearchColumns({
        subject: row.subject as string,
        organName: row.organ_name as string,
        symbol: row.symbol as string | null,
        signerName: row.signer_name as string | null,
        description: row.description as string | null,
      }),
      type_fold: typeKeyOf(row.type_name as string),
      symbol_key: symbolKeyOf(row.symbol as string | null),
    };
  }
  if (table === 'outgoing_documents') {
    return {
      search_tsv: tsvectorLiteral([
        [row.subject as string, 'D'],
        [row.symbol as string | null, 'D'],
        [row.signer_name as string, 'D'],
        [row.recipients as string, 'D'],
        [row.body as string, 'D'],
      ]),
      symbol_key: symbolKeyOf(row.symbol as string | null),
    };
  }
  return {};
}

export interface MigrateToResult {
  database: string;
  from: string;
  schemaVersion: number;
  tables: Record<string, number>;
  files: { count: number; bytes: number };
  audit: { entries: number; ok: boolean };
  /**
   * The accounts' login roles made on the server (rights in the database). The app keeps
   * only scrypt hashes, from which no PostgreSQL password can be made: every role but the
   * one of the administrator who ran the move (whose password they just gave) is made
   * without a password, and its person cannot sign in until the administrator resets it
   * (the sign-in answers db_password_reset_needed).
   */
  logins: { roles: number; withPassword: string[]; passwordResetNeeded: string[] } | null;
  /** What the administrator must do next, in words (none when nothing is left to do). */
  message?: string;
}

export interface MigrateToOptions {
  actor: string;
  now?: () => number;
  progress?: (m: string) => void;
  /** Passwords known at the move (the administrator running it), by username. Never printed. */
  passwords?: ReadonlyMap<string, string>;
}

export async function migrateSqliteToPostgres(sqlitePath: string, target: PgLocator, opts: MigrateToOptions): Promise<MigrateToResult> {
  const progress = opts.progress ?? (() => {});
  if (!existsSync(sqlitePath)) throw new AppFailure(makeError('file_not_found', { field: 'from', params: { value: sqlitePath } }));
  const { db } = openDatabase(sqlitePath, { readonly: true });
  try {
    const version = schemaVersion(db);
    if (version !== LATEST_VERSION) {
      throw new AppFailure(
        version > LATEST_VERSION
          ? makeError('db_newer', { params: { found: version, supported: LATEST_VERSION } })
          : makeError('not_initialized'),
      );
    }
    const files = FileStore.besideDatabase(sqlitePath);
    const { store } = await PgStore.open(target, { migrate: true, statementTimeoutMs: 0 });
    try {
      return await store.withClient(async (c) => {
        await c.query('BEGIN');
        try {
          await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
          const result = await copyAll(c, db, files, store, opts, progress);
          await c.query('COMMIT');
          return { ...result, database: target.display, from: sqlitePath };
        } catch (e) {
          await c.query('ROLLBACK').catch(() => {});
          throw e;
        }
      });
    } finally {
      await store.close();
    }
  } finally {
    db.close();
  }
}

async function copyAll(
  c: pg.PoolClient,
  db: import('../sqlite/connection.js').Db,
  files: FileStore,
  store: PgStore,
  opts: MigrateToOptions,
  progress: (m: string) => void,
): Promise<Omit<MigrateToResult, 'database' | 'from'>> {
  // Only into an office database that holds nothing yet.
  const used = await c.query(
    `SELECT (SELECT count(*) FROM registers) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM incoming_documents) AS n`,
  );
  if (Number(used.rows[0].n) > 0) throw new AppFailure(makeError('migrate_target_not_empty'));

  const pgTypes = new Map<string, Map<string, string>>();
  const typeRows = await c.query(
    `SELECT table_name, column_name, CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END AS t
     FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  for (const r of typeRows.rows as { table_name: string; column_name: string; t: string }[]) {
    if (!pgTypes.has(r.table_name)) pgTypes.set(r.table_name, new Map());
    pgTypes.get(r.table_name)!.set(r.column_name, r.t);
  }

  // 1. File contents first (blobs rows reference them), streamed from the folder.
  const blobs = db.prepare('SELECT sha256, size FROM blobs ORDER BY sha256').all() as { sha256: string; size: number }[];
  let fileBytes = 0;
  for (const b of blobs) {
    if ((await files.verify(b.sha256)) !== 'ok') {
      throw new AppFailure(
        makeError('migrate_verify_failed', { params: { value: `tệp ${b.sha256} thiếu hoặc hỏng trong thư mục của SQLite` } }),
      );
    }
    let n = 0;
    let size = 0;
    for await (const chunk of files.stream(b.sha256)) {
      // createReadStream may hand out pieces of any size: store exactly 1 MiB chunks.
      for (let i = 0; i < chunk.length; i += CHUNK_BYTES) {
        const part = chunk.subarray(i, i + CHUNK_BYTES);
        await c.query({
          name: 'vt_mig_chunk',
          text: 'INSERT INTO blob_chunks (sha256, n, data) VALUES ($1, $2, $3)',
          values: [b.sha256, n++, part],
        });
        size += part.length;
      }
    }
    await c.query('INSERT INTO blob_contents (sha256, size, chunks) VALUES ($1, $2, $3)', [b.sha256, size, n]);
    fileBytes += size;
  }
  progress(`Đã chép ${blobs.length} tệp (${(fileBytes / 1e6).toFixed(1)} MB).`);

  // 2. Every table, in chunks of rows, with its ids, numbers and hashes as they are.
  const tables: Record<string, number> = {};
  for (const table of TABLES) {
    const types = pgTypes.get(table)!;
    const sqliteCols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((r) => r.name);
    const cols = sqliteCols.filter((name) => types.has(name));
    const extra =
      table === 'incoming_documents'
        ? ['search_tsv', 'type_fold', 'symbol_key']
        : table === 'outgoing_documents'
          ? ['search_tsv', 'symbol_key']
          : [];
    const all = [...cols, ...extra];
    const castOf = (col: string) => {
      const t = types.get(col)!;
      return t === 'tsvector' ? 'text' : t === 'boolean' ? 'boolean' : t;
    };
    const sql = `INSERT INTO ${table} (${all.join(', ')}) SELECT ${all.map((col) => (types.get(col) === 'tsvector' ? `${col}::tsvector` : col)).join(', ')}
      FROM unnest(${all.map((col, i) => `$${i + 1}::${castOf(col)}[]`).join(', ')}) AS v(${all.join(', ')})`;
    const it = db.prepare(`SELECT * FROM ${table}`).iterate() as IterableIterator<Record<string, unknown>>;
    let batch: unknown[][] = all.map(() => []);
    let inBatch = 0;
    let count = 0;
    const flush = async () => {
      if (inBatch === 0) return;
      await c.query(sql, batch);
      batch = all.map(() => []);
      inBatch = 0;
    };
    for (const row of it) {
      const more = derived(table, row);
      all.forEach((col, i) => {
        let v = col in more ? more[col] : row[col];
        if (types.get(col) === 'boolean' && v !== null && v !== undefined) v = v === 1 || v === true;
        batch[i]!.push(v ?? null);
      });
      inBatch++;
      count++;
      if (inBatch >= 2000) await flush();
    }
    await flush();
    tables[table] = count;
    if (count >= 10_000) progress(`Đã chép ${count} dòng của ${table}.`);
  }

  // 3. Identity sequences continue after the copied ids; the chain head is the newest entry.
  for (const table of TABLES) {
    // Identity columns only: the organ directory's id is a text code ("mã định danh").
    if (pgTypes.get(table)!.get('id') !== 'integer') continue;
    await c.query(
      `SELECT setval(pg_get_serial_sequence($1, 'id'), greatest((SELECT max(id) FROM ${table}), 1), (SELECT max(id) FROM ${table}) IS NOT NULL)`,
      [table],
    );
  }
  await c.query(
    `UPDATE audit_head SET seq = l.seq, hash = l.hash FROM (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) l WHERE audit_head.id = 1`,
  );

  // 4. Verify inside the transaction: counts, file hashes, the audit chain; then continue it.
  for (const table of TABLES) {
    const n = Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    if (n !== tables[table]) {
      throw new AppFailure(
        makeError('migrate_verify_failed', { params: { value: `${table}: ${tables[table]} dòng nguồn, ${n} dòng đích` } }),
      );
    }
  }
  for (const b of blobs) {
    const hash = createHash('sha256');
    const chunks = Number((await c.query('SELECT chunks FROM blob_contents WHERE sha256 = $1', [b.sha256])).rows[0].chunks);
    for (let n = 0; n < chunks; n++) {
      const r = await c.query({
        name: 'vt_mig_read',
        text: 'SELECT data FROM blob_chunks WHERE sha256 = $1 AND n = $2',
        values: [b.sha256, n],
      });
      hash.update(r.rows[0].data as Buffer);
    }
    if (hash.digest('hex') !== b.sha256) {
      throw new AppFailure(makeError('migrate_verify_failed', { params: { value: `tệp ${b.sha256} khác sau khi chép` } }));
    }
  }
  const repos = store.reposOn(c);
  // The content index of every document with kept text (SQLite's contentless FTS has no copy to take).
  const withText = db
    .prepare('SELECT DISTINCT a.document_id AS id FROM incoming_attachments a JOIN blob_pages p ON p.sha256 = a.sha256')
    .pluck()
    .all() as number[];
  for (const id of withText) await repos.incoming.indexContent(id);
  const chain = await verifyChain(repos);
  if (!chain.ok) {
    throw new AppFailure(makeError('migrate_verify_failed', { params: { value: `chuỗi nhật ký: ${chain.problems[0]?.problem ?? ''}` } }));
  }
  // 5. Each account a login role in its groups, in this same transaction (refused as a whole
  // when a name is already another office's or the server's role).
  const logins = (await hasDatabaseRights(c)) ? await makeLoginRoles(c, db, opts.passwords ?? new Map()) : null;
  if (logins) progress(`Đã tạo ${logins.roles} vai trò đăng nhập trên máy chủ.`);
  // Shown on the administrator's accounts screen («Cần đặt lại mật khẩu») until each is reset.
  if (logins?.passwordResetNeeded.length) {
    await c.query('UPDATE accounts SET db_password_reset_needed = true WHERE username = ANY($1::text[])', [logins.passwordResetNeeded]);
  }
  const at = toVnIso((opts.now ?? Date.now)());
  const audit = await AuditWriter.begin(repos, at);
  await audit.append({
    actor: opts.actor,
    action: 'migrate',
    entity: 'database',
    entityId: null,
    data: {
      from: 'sqlite',
      tables,
      files: blobs.length,
      fileBytes,
      auditEntries: chain.entries,
      ...(logins ? { loginRoles: logins.roles, passwordResetNeeded: logins.passwordResetNeeded } : {}),
    },
  });
  await audit.finish();
  progress(`Đã kiểm tra: ${Object.values(tables).reduce((a, b) => a + b, 0)} dòng, ${blobs.length} tệp, ${chain.entries} mục nhật ký.`);
  return {
    schemaVersion: LATEST_VERSION,
    tables,
    files: { count: blobs.length, bytes: fileBytes },
    audit: { entries: chain.entries + 1, ok: true },
    logins,
    ...(logins?.passwordResetNeeded.length
      ? {
          message: `Mật khẩu không chép được sang máy chủ: người quản trị hãy đặt lại mật khẩu cho ${logins.passwordResetNeeded.length} tài khoản (vanthu user reset-password): ${logins.passwordResetNeeded.join(', ')}.`,
        }
      : {}),
  };
}

async function makeLoginRoles(
  c: pg.PoolClient,
  db: import('../sqlite/connection.js').Db,
  passwords: ReadonlyMap<string, string>,
): Promise<NonNullable<MigrateToResult['logins']>> {
  const accounts = db.prepare('SELECT id, username, confidential, active FROM accounts ORDER BY id').all() as {
    id: number;
    username: string;
    confidential: number;
    active: number;
  }[];
  const roleRows = db.prepare('SELECT account_id, role FROM account_roles').all() as { account_id: number; role: Role }[];
  const withPassword: string[] = [];
  const passwordResetNeeded: string[] = [];
  for (const a of accounts) {
    const password = passwords.get(a.username) ?? null;
    await syncLoginRole(c, {
      username: a.username,
      roles: roleRows.filter((r) => r.account_id === a.id).map((r) => r.role),
      confidential: a.confidential === 1,
      active: a.active === 1,
      password,
    });
    (password === null ? passwordResetNeeded : withPassword).push(a.username);
  }
  return { roles: accounts.length, withPassword, passwordResetNeeded };
}
