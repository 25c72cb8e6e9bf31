/**
 * A thin query helper over one connection inside one transaction. Static statements are
 * named (node-postgres prepares them once per connection); search statements are not, so
 * the planner sees each query's real parameters (a generic plan for a tsquery is blind).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

const names = new Map<string, string>();
function nameOf(sql: string): string {
  let n = names.get(sql);
  if (!n) {
    n = 'v' + createHash('sha1').update(sql).digest('hex').slice(0, 20);
    names.set(sql, n);
  }
  return n;
}

/**
 * Statements prepared with SQL PREPARE on each connection (Q.sendPrepared): named apart from
 * node-postgres's own protocol-level ones (same server namespace), known only here.
 */
const sqlPrepared = new WeakMap<pg.ClientBase, Set<string>>();

/** A parameter as an SQL literal for EXECUTE, or null where it cannot be one safely. */
function literal(c: pg.ClientBase, v: unknown): string | null {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : null;
  if (typeof v === 'string') return c.escapeLiteral(v);
  return null;
}

export class Q {
  private tail: Promise<unknown> = Promise.resolve();
  /**
   * The transaction's opening (BEGIN and the write lock, PgStore.write), owed before the first
   * statement; a statement sent withOpening travels with it in one round trip.
   */
  private opening: string | null = null;
  /** Whether the opening has been sent (a transaction to end). */
  private begun = false;
  /** Whether a statement was sent with COMMIT (rowsCommitting). */
  private committed = false;
  /** The failure of a statement sent with later(): every statement after it fails with it. */
  private laterFailure: { error: unknown } | null = null;
  /**
   * A statement owed before the next one (the write lock of a transaction opened with
   * lateLock, PgStore.write): sent first by any statement but one that takes it itself.
   */
  private gate: pg.QueryConfig | null = null;

  /** Statements sent so far, for a write sent alone (one statement, no transaction around it). */
  private sent = 0;

  constructor(
    readonly client: pg.PoolClient,
    private readonly opts: { alone?: boolean } = {},
  ) {}

  /**
   * Queries of one transaction run one after another even when a service starts several
   * at once (Promise.all): a connection answers one query at a time.
   */
  private query(config: pg.QueryConfig, takesGate = false, withOpening = false, committing = false): Promise<pg.QueryResult> {
    const send = async () => {
      // The transaction is aborted after a failed write: report that write's own error, not
      // "current transaction is aborted".
      if (this.laterFailure) throw this.laterFailure.error;
      // A statement after the one that committed would run outside the transaction.
      if (this.committed) throw new Error('a write committed with its last statement sends nothing after it');
      // Outside a transaction each statement would commit on its own: a write sent alone is one.
      if (this.opts.alone && this.sent++ > 0) throw new Error('a write sent alone is one statement');
      let opening = this.opening;
      if (opening !== null) {
        this.opening = null;
        this.begun = true;
        if (!withOpening && !committing) {
          await this.client.query(opening);
          opening = null;
        }
      }
      const gate = this.gate;
      this.gate = null;
      if (gate && !takesGate) {
        if (opening !== null) await this.client.query(opening);
        opening = null;
        await this.client.query(gate);
      }
      if (committing) this.committed = true;
      if (opening === null && !committing) return this.client.query(config);
      const r = await this.sendPrepared(config, opening, committing ? 'COMMIT' : null);
      if (r) return r;
      // Parameters that cannot be literals: the same statements, one round trip each.
      if (opening !== null) await this.client.query(opening);
      const answer = await this.client.query(config);
      if (committing) await this.client.query('COMMIT');
      return answer;
    };
    const next = this.tail.then(send, send);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * A write whose answer nobody waits for (a bulk import's batch: the caller prepares the next
   * one meanwhile). Queued in order like any query; if it fails, every later query of this
   * transaction — at the latest settle(), before the commit — fails with its error. The promise
   * resolves (never rejects) once the server has answered.
   */
  later(sql: string, params: unknown[] = []): Promise<void> {
    return this.query({ name: nameOf(sql), text: sql, values: params }).then(
      () => undefined,
      (error: unknown) => {
        this.laterFailure ??= { error };
      },
    );
  }

  /** Waits for every query sent so far; throws the failure of a write sent with later(). */
  async settle(): Promise<void> {
    await this.tail;
    if (this.laterFailure) throw this.laterFailure.error;
  }

  /** A prepared (named) statement: for fixed SQL text run often. */
  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const r = await this.query({ name: nameOf(sql), text: sql, values: params });
    return r.rows as T[];
  }

  /** As rows; the first statement of a write travels with its opening (see sendPrepared). */
  async rowsWithOpening<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const r = await this.query({ name: nameOf(sql), text: sql, values: params }, false, true);
    return r.rows as T[];
  }

  /**
   * As rows; the last statement of a write, sent with COMMIT in one round trip (see
   * sendPrepared): the transaction ends with it, and any statement after it is refused.
   */
  async rowsCommitting<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const r = await this.query({ name: nameOf(sql), text: sql, values: params }, false, false, true);
    return r.rows as T[];
  }

  async one<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(sql, params))[0];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    const r = await this.query({ name: nameOf(sql), text: sql, values: params });
    return r.rowCount ?? 0;
  }

  /** Owes the transaction's opening (simple-query text) before the first statement. */
  open(text: string): void {
    this.opening = text;
  }

  /** Whether a transaction was begun on the server (false: the write sent nothing at all). */
  get opened(): boolean {
    return this.begun || this.opening === null;
  }

  /** Whether the write's last statement committed it (rowsCommitting): nothing may follow. */
  get done(): boolean {
    return this.committed;
  }

  /**
   * A named statement with what goes before it (the opening: "BEGIN; lock") and after it
   * (COMMIT) in one round trip: one simple query "before; EXECUTE p(literals); after", the
   * statement prepared once per connection with SQL PREPARE (put first, so that it is prepared
   * even when the lock or the statement fails), its plan kept as a protocol-prepared one is.
   * When the statement fails, the server skips the rest of the query (no COMMIT: the caller
   * rolls back). Parameters are written as literals: safe integers, null, and strings through
   * the driver's escapeLiteral; with any other kind nothing is sent and the answer is null.
   */
  private async sendPrepared(config: pg.QueryConfig, before: string | null, after: string | null): Promise<pg.QueryResult | null> {
    const values = (config.values ?? []).map((v) => literal(this.client, v));
    if (!config.name || values.some((v) => v === null)) return null;
    const name = 'p' + config.name.slice(1);
    let prepared = sqlPrepared.get(this.client);
    if (!prepared) sqlPrepared.set(this.client, (prepared = new Set()));
    const statements = [
      ...(prepared.has(name) ? [] : [`PREPARE ${name} AS ${config.text}`]),
      ...(before !== null ? [before] : []),
      `EXECUTE ${name}${values.length ? `(${values.join(', ')})` : ''}`,
      ...(after !== null ? [after] : []),
    ];
    prepared.add(name);
    try {
      // More than one statement (there is always a before or an after): an answer for each.
      const results = (await this.client.query(statements.join('; '))) as unknown as pg.QueryResult[];
      return results[results.length - (after !== null ? 2 : 1)]!;
    } catch (e) {
      // Not prepared on this connection after all (invalid_sql_statement_name): prepared next time.
      if ((e as { code?: string }).code === '26000') prepared.delete(name);
      throw e;
    }
  }

  /** Owes `config` before the next statement (see gate). */
  owe(config: pg.QueryConfig): void {
    this.gate = config;
  }

  /** A prepared statement that does itself what is owed (takes the write lock first thing): nothing is sent before it. */
  async oneSettling<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    const r = await this.query({ name: nameOf(sql), text: sql, values: params }, true);
    return r.rows[0] as T | undefined;
  }

  /** An unnamed statement, planned with its parameters every time. */
  async dyn<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const r = await this.query({ text: sql, values: params });
    return r.rows as T[];
  }
}
