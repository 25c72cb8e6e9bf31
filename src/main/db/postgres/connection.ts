/**
 * Connections to the office's PostgreSQL server through node-postgres (`pg`): a small
 * pool per process, TLS when the server offers it (libpq's `sslmode=prefer`: try TLS,
 * fall back to a plain connection only when the server says it has none), time limits
 * so one slow statement or a lost server cannot freeze the app, and the mapping of the
 * server's failures to our coded errors. Nothing here logs; no error carries a password.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import type { PgLocator } from './locator.js';

export interface PgConnectOptions {
  /** Default PGPASSWORD; never printed. */
  password?: string | null;
  /** Per-statement limit (ms); bulk operations lift it for their own transaction. */
  statementTimeoutMs?: number;
  /** How long a writer waits for another's lock (ms) before answering `busy`. */
  lockTimeoutMs?: number;
  connectTimeoutMs?: number;
  max?: number;
  applicationName?: string;
}

const INT8 = 20;
const NUMERIC = 1700;
const JSON_OID = 114;
const JSONB_OID = 3802;

/**
 * Our numbers (ids, sort keys, counts) fit in 2^53; JSON columns come back as their exact
 * text, as SQLite gives them, and the repositories parse them.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    if (oid === JSON_OID || oid === JSONB_OID) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function sslOption(loc: PgLocator, attempt: 'tls' | 'plain'): pg.ClientConfig['ssl'] {
  if (loc.sslMode === 'disable' || attempt === 'plain') return false;
  if (loc.sslMode === 'verify-full') {
    return { rejectUnauthorized: true, ...(loc.sslRootCert ? { ca: readFileSync(loc.sslRootCert, 'utf8') } : {}) };
  }
  // prefer / require: encrypt, without verifying the certificate (libpq's meaning).
  return { rejectUnauthorized: false };
}

function baseConfig(loc: PgLocator, opts: PgConnectOptions): pg.PoolConfig {
  // A person's own password (--password-env, the sign-in) in NFC, as its SCRAM verifier was
  // made (loginRoles.ts); a password in the URL or PGPASSWORD is the server's business, as typed.
  const password = loc.password ?? opts.password?.normalize('NFC') ?? process.env.PGPASSWORD ?? undefined;
  return {
    host: loc.host,
    port: loc.port,
    database: loc.database,
    user: loc.user ?? process.env.PGUSER ?? undefined,
    password,
    types,
    application_name: opts.applicationName ?? 'vanthu',
    statement_timeout: opts.statementTimeoutMs ?? 30_000,
    lock_timeout: opts.lockTimeoutMs ?? 15_000,
    // A PC that went to sleep inside a transaction must not hold its locks for ever.
    idle_in_transaction_session_timeout: 120_000,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    keepAlive: true,
    max: opts.max ?? 4,
    idleTimeoutMillis: 30_000,
  };
}

/** SQLSTATEs and socket errors that mean "the server is not there (any more)". */
export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  const code = err?.code ?? '';
  if (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'].includes(code))
    return true;
  const msg = err?.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|socket hang up/i.test(
    msg,
  );
}

/**
 * Our coded error for a failure of the server or the connection; null for anything else
 * (constraint violations and bugs stay as they are, to be found and fixed).
 */
export function mapPgError(e: unknown, loc: PgLocator): AppFailure | null {
  if (e instanceof AppFailure) return e;
  const code = (e as { code?: string } | null)?.code ?? '';
  if (isConnectionError(e)) return new AppFailure(makeError('db_unavailable', { params: { value: loc.display } }));
  if (code === '57014') return new AppFailure(makeError('db_timeout'));
  if (code === '55P03' || code === '40001' || code === '40P01') return new AppFailure(makeError('busy'));
  if (code === '28P01' || code === '28000')
    return new AppFailure(makeError('db_auth', { params: { value: loc.user ?? process.env.PGUSER ?? '' } }));
  if (code === '3D000') return new AppFailure(makeError('db_missing', { params: { value: loc.database } }));
  // The database's own rights (GRANTs, row-level policies: migration 0090) refused a person's
  // statement: the application's permission table should have refused it first.
  if (code === '42501') return new AppFailure(makeError('db_forbidden'));
  return null;
}

export interface PgPool {
  pool: pg.Pool;
  tls: boolean;
}

/**
 * Opens a pool after one probing connection: that connection decides TLS (prefer) and
 * fails early, with a coded error, when the server or the database is not there.
 */
export async function openPool(loc: PgLocator, opts: PgConnectOptions = {}): Promise<PgPool> {
  const base = baseConfig(loc, opts);
  const attempts: ('tls' | 'plain')[] = loc.sslMode === 'prefer' ? ['tls', 'plain'] : [loc.sslMode === 'disable' ? 'plain' : 'tls'];
  let lastError: unknown = null;
  for (const attempt of attempts) {
    const client = new pg.Client({ ...base, ssl: sslOption(loc, attempt) });
    try {
      await client.connect();
      await client.end();
      const pool = new pg.Pool({ ...base, ssl: sslOption(loc, attempt) });
      // An idle client whose server went away emits 'error': the pool drops it; we must
      // not crash on it. The next call connects afresh.
      pool.on('error', () => {});
      return { pool, tls: attempt === 'tls' };
    } catch (e) {
      lastError = e;
      await client.end().catch(() => {});
      const noTls = /does not support SSL/i.test((e as Error).message ?? '');
      if (!(attempt === 'tls' && noTls)) break;
    }
  }
  throw mapPgError(lastError, loc) ?? new AppFailure(makeError('db_unavailable', { params: { value: loc.display } }));
}
