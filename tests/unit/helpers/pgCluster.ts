/**
 * A throwaway PostgreSQL cluster for tests and the benchmark: initdb in a temporary
 * folder (as the `postgres` user when we are root: the server refuses to run as root),
 * a random loopback port, the unix socket inside the folder, stopped and removed by
 * `stop()`. Nothing is left running: the server is started with `pg_ctl -w` and stopped
 * with `-m immediate` so a crashed test run cannot leave it behind for long either.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PG_OWNER = 'vanthu_owner';
/** Test-only secret of the throwaway cluster's owner role. */
export const PG_OWNER_PASSWORD = 'test-owner-secret-7f3a';

export interface PgCluster {
  host: string;
  port: number;
  socketDir: string;
  dir: string;
  binDir: string;
  /** postgres://vanthu_owner@127.0.0.1:PORT/DB (no password: it comes from PGPASSWORD). */
  url(db: string): string;
  /** Runs SQL as the superuser through psql over the socket. */
  psql(sql: string, db?: string): string;
  /** Stops the server and keeps its data (a server that went away)… */
  pause(): void;
  /** …and starts it again on the same port. */
  resume(): void;
  stop(): void;
  /** The memory settings the server was started with (what the bench prints beside its figures). */
  memory: ServerMemory;
}

export interface ServerMemory {
  /** e.g. '6144MB' */
  sharedBuffers: string;
  effectiveCacheSize: string;
  /** Why these figures: the machine's RAM and the rule applied. */
  basis: string;
}

const MB = 1024 * 1024;

/**
 * The memory settings of a cluster. A test cluster (`durable: false`) keeps 256MB of shared
 * buffers: many run at once, and their databases are small. The bench's cluster (`durable: true`)
 * is set up as a dedicated office server is: PostgreSQL's docs advise shared_buffers at 25 % of
 * the RAM ("a reasonable starting value"), bounded here at 8GB (above it the OS cache does the
 * same job and checkpoints get longer) and never below the 256MB it had before; and
 * effective_cache_size (a planner hint, it allocates nothing) at 50 % — not the 75 % a dedicated
 * server may use, as the bench's own processes (the import, SQLite, 8 writers) share the machine.
 * VANTHU_BENCH_SHARED_BUFFERS (e.g. 256MB) starts the bench's cluster with another size, to
 * compare: the bench prints whatever the server was started with.
 */
export function clusterMemory(durable: boolean, totalBytes = os.totalmem()): ServerMemory {
  if (!durable) return { sharedBuffers: '256MB', effectiveCacheSize: '4GB', basis: 'test cluster: fixed 256MB' };
  const ramGiB = (totalBytes / (1024 * MB)).toFixed(1);
  const override = process.env.VANTHU_BENCH_SHARED_BUFFERS;
  const ecs = `${Math.max(1024, Math.floor(totalBytes / 2 / MB))}MB`;
  if (override && /^\d+(MB|GB)$/.test(override))
    return { sharedBuffers: override, effectiveCacheSize: ecs, basis: `VANTHU_BENCH_SHARED_BUFFERS=${override}; ${ramGiB} GiB RAM` };
  const sb = Math.min(8192, Math.max(256, Math.floor(totalBytes / 4 / MB)));
  return {
    sharedBuffers: `${sb}MB`,
    effectiveCacheSize: ecs,
    basis: `25 % of ${ramGiB} GiB RAM, bounded 256MB–8GB; effective_cache_size 50 %`,
  };
}

export function findPgBin(): string | null {
  const candidates = [process.env.VANTHU_PG_BIN, '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];
  for (const c of candidates) if (c && existsSync(path.join(c, 'initdb'))) return c;
  try {
    const root = '/usr/lib/postgresql';
    for (const v of readdirSync(root).sort().reverse())
      if (existsSync(path.join(root, v, 'bin', 'initdb'))) return path.join(root, v, 'bin');
  } catch {
    /* not installed */
  }
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Clusters of runs that were killed before their teardown (their owner process is gone). */
function removeOrphans(binDir: string, asRoot: boolean): void {
  let names: string[];
  try {
    names = readdirSync(os.tmpdir()).filter((n) => n.startsWith('vanthu-pg-'));
  } catch {
    return;
  }
  for (const n of names) {
    const dir = path.join(os.tmpdir(), n);
    let owner: number;
    try {
      owner = Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
    } catch {
      continue; // not one of ours, or still being set up
    }
    if (!owner || alive(owner)) continue;
    const ctl = path.join(binDir, 'pg_ctl');
    const args = ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop'];
    if (asRoot) spawnSync('runuser', ['-u', 'postgres', '--', ctl, ...args]);
    else spawnSync(ctl, args);
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `durable: false` (tests) turns off fsync: the tests never cut the power, and a run is
 * several times faster; the benchmark keeps the server's durable defaults.
 */
export async function startCluster(
  opts: { ssl?: boolean; durable?: boolean; sharedBuffers?: string; conf?: string[] } = {},
): Promise<PgCluster> {
  const binDir = findPgBin();
  if (!binDir) throw new Error('PostgreSQL server binaries not found (initdb)');
  const asRoot = process.getuid?.() === 0;
  removeOrphans(binDir, asRoot);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-pg-'));
  // Who started it: a later run removes the cluster if this process died without stopping it.
  writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  const data = path.join(dir, 'data');
  const port = await freePort();
  let uid: number | null = null;
  let gid: number | null = null;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o755);
  // The server keeps the machine's real clock: when the suite runs under libfaketime (to test
  // another year, e.g. `faketime 2027-01-02 npm test`), PostgreSQL's own timers (statement_timeout)
  // never fire under it. The app's times come from its clock, not from the server's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')));
  const run = (cmd: string, args: string[]) => {
    const full = path.join(binDir, cmd);
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8', env })
      : spawnSync(full, args, { encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const pwFile = path.join(dir, 'pw');
  writeFileSync(pwFile, PG_OWNER_PASSWORD + '\n', { mode: 0o600 });
  if (asRoot) chownSync(pwFile, uid!, gid!);
  run('initdb', ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--auth-local=trust', '--auth-host=scram-sha-256', '-N']);
  rmSync(pwFile, { force: true });
  // `sharedBuffers`: a test of what the app says about a server with too little memory.
  const memory = { ...clusterMemory(opts.durable !== false), ...(opts.sharedBuffers ? { sharedBuffers: opts.sharedBuffers } : {}) };
  const conf = [
    `listen_addresses = '127.0.0.1'`,
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    ...(opts.durable === false ? [`fsync = off`, `synchronous_commit = off`, `full_page_writes = off`] : []),
    `shared_buffers = '${memory.sharedBuffers}'`,
    `effective_cache_size = '${memory.effectiveCacheSize}'`,
    `max_connections = 200`,
    `log_min_messages = warning`,
    // Every test database shares one set of group roles (migration 0090): the fixture accounts,
    // cluster-wide login roles, are this office's in each of them.
    `vanthu.role_prefix = 'vt_test'`,
    `logging_collector = off`,
    // A test's own server settings (e.g. autovacuum's nap shortened to see it act within seconds).
    ...(opts.conf ?? []),
  ];
  if (opts.ssl) {
    // A self-signed certificate, so the client's "TLS when offered" path is exercised.
    const key = path.join(data, 'server.key');
    const crt = path.join(data, 'server.crt');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', crt],
      {
        stdio: 'ignore',
      },
    );
    if (asRoot) {
      chownSync(key, uid!, gid!);
      chownSync(crt, uid!, gid!);
    }
    chmodSync(key, 0o600);
    conf.push(`ssl = on`);
  }
  writeFileSync(path.join(data, 'postgresql.auto.conf'), conf.join('\n') + '\n');
  if (asRoot) chownSync(path.join(data, 'postgresql.auto.conf'), uid!, gid!);
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const psql = (sql: string, db = 'postgres') => {
    const r = spawnSync(
      path.join(binDir, 'psql'),
      ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
    return r.stdout.trim();
  };
  psql(`CREATE ROLE ${PG_OWNER} LOGIN CREATEDB CREATEROLE PASSWORD '${PG_OWNER_PASSWORD}'`);
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    socketDir: dir,
    dir,
    binDir,
    url: (db: string) => `postgres://${PG_OWNER}@127.0.0.1:${port}/${db}`,
    psql,
    memory,
    pause() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    resume() {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already down */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** psql as a person, over TCP with SCRAM: what anyone with their password could type. */
export function psqlAs(url: string, user: string, password: string, sql: string): { ok: boolean; out: string; err: string } {
  const u = new URL(url);
  const r = spawnSync(
    path.join(findPgBin()!, 'psql'),
    ['-h', u.hostname, '-p', u.port, '-U', user, '-d', u.pathname.slice(1), '-v', 'ON_ERROR_STOP=1', '-qAtc', sql],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password, PGSSLMODE: 'prefer' } },
  );
  return { ok: r.status === 0, out: r.stdout.trim(), err: r.stderr.trim() };
}
