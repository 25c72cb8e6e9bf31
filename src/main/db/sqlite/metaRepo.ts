import type { MetaRepository } from '../../store/ports.js';
import type { Statements } from './statements.js';

export class SqliteMetaRepository implements MetaRepository {
  constructor(private readonly s: Statements) {}

  async get(key: string): Promise<string | null> {
    const r = this.s.get('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.s.get('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
