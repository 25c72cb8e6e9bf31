/**
 * An office's database driven through the real `vanthu` command line on a fixed clock, and
 * a way to prove a refused command wrote nothing: every table's row count and the audit
 * chain's head, read straight from the SQLite file.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { expect } from 'vitest';
import { cli, type CliRun } from '../cliHelpers.js';
import { tempDir } from '../helpers.js';

export interface Office {
  db: string;
  dir: string;
  now: string;
  /** Runs `vanthu <args> --db <db> --json` on the office's clock. */
  vanthu(args: string[], opts?: { input?: string; env?: Record<string, string> }): CliRun;
  /** Runs JSON Lines through `vanthu batch` (one process: quick arranging); answers in order. */
  batch(lines: { cmd: string; args?: Record<string, unknown> }[]): unknown[];
  /** Row counts of every ordinary table plus the audit head: equal before and after = nothing written. */
  snapshot(): Record<string, number | string | null>;
  /**
   * Asserts a refusal: exit 2, the code (and field) as JSON on stderr, nothing written, and
   * nothing on stdout — unless `result` (an all-or-nothing import prints its rejected rows).
   */
  refused(args: string[], code: string, field?: string, opts?: { env?: Record<string, string>; result?: boolean }): CliRun;
  file(name: string): string;
}

export function openOffice(now = '2026-03-10T09:00:00+07:00'): Office {
  const dir = tempDir();
  const db = path.join(dir, 'office.sqlite');
  const run = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) =>
    cli(db, [...args, '--json'], opts.input, opts.env, { now });
  const office: Office = {
    db,
    dir,
    now,
    vanthu: run,
    batch(lines) {
      const r = cli(db, ['batch'], lines.map((l) => JSON.stringify(l)).join('\n') + '\n', {}, { now });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown);
    },
    snapshot() {
      const raw = new Database(db, { readonly: true, fileMustExist: true });
      try {
        const tables = raw
          .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'",
          )
          .all() as { name: string }[];
        const out: Record<string, number | string | null> = {};
        for (const { name } of tables) out[name] = (raw.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
        out.auditHead =
          (raw.prepare("SELECT value FROM meta WHERE key = 'audit_head'").get() as { value: string } | undefined)?.value ?? null;
        return out;
      } finally {
        raw.close();
      }
    },
    refused(args, code, field, opts) {
      const before = office.snapshot();
      const r = run(args, opts);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      if (opts?.result) expect(r.json()).toBeTypeOf('object');
      else expect(r.stdout).toBe('');
      expect(r.error()).toMatchObject(field ? { code, field } : { code });
      expect(r.error().message).toMatch(/\S/);
      expect(office.snapshot(), `${args.join(' ')} wrote something`).toEqual(before);
      return r;
    },
    file: (name) => path.join(dir, name),
  };
  return office;
}

/** `init` with the organisation's details; the database is created at the office's clock. */
export function initOffice(now?: string): Office {
  const o = openOffice(now);
  const r = o.vanthu(['init', '--org-name', 'Ủy ban nhân dân tỉnh Quảng Ngãi', '--org-code', 'UBND', '--place', 'Quảng Ngãi']);
  expect(r.code, r.stderr).toBe(0);
  return o;
}

export const INCOMING = {
  organName: 'Sở Tài chính tỉnh Quảng Ngãi',
  symbol: '215/STC-QLNS',
  issuedDate: '2026-03-02',
  typeName: 'Công văn',
  subject: 'Về việc bổ sung kinh phí thực hiện chương trình mục tiêu quốc gia',
  arrivalDate: '2026-03-05T08:30:00+07:00',
};
