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

export class Q {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly client: pg.PoolClient) {}

  /**
   * Queries of one transaction run one after another even when a service starts several
   * at once (Promise.all): a connection answers one query at a time.
   */
  private query(config: pg.QueryConfig): Promise<pg.QueryResult> {
    const next = this.tail.then(
      () => this.client.query(config),
      () => this.client.query(config),
    );
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** A prepared (named) statement: for fixed SQL text run often. */
  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const r = await this.query({ name: nameOf(sql), text: sql, values: params });
    return r.rows as T[];
  }

  async one<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(sql, params))[0];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    const r = await this.query({ name: nameOf(sql), text: sql, values: params });
    return r.rowCount ?? 0;
  }

  /** An unnamed statement, planned with its parameters every time. */
  async dyn<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const r = await this.query({ text: sql, values: params });
    return r.rows as T[];
  }
}
