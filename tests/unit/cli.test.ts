import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliAsync, cliProcess, OFFICE_USER } from './cliHelpers.js';
import { tempDir } from './helpers.js';
import { LATEST_VERSION } from '../../src/main/db/migrations/index.js';

const DOC = {
  organName: 'Sở Tài chính',
  symbol: '12/QĐ-STC',
  issuedDate: '2026-01-02',
  typeName: 'Quyết định',
  subject: 'Về việc giao dự toán',
  arrivalDate: '2026-01-05T08:00',
};

function initDb(): string {
  const db = path.join(tempDir(), 'cli.sqlite');
  const r = cli(db, ['init', '--org-name', 'UBND tỉnh Quảng Ngãi', '--json']);
  expect(r.code).toBe(0);
  expect(r.json()).toMatchObject({
    schemaVersion: LATEST_VERSION,
    registers: [{ code: 'DEN' }, { code: 'DEN-MAT' }, { code: 'DI' }, { code: 'DI-MAT' }],
  });
  return db;
}

describe('vanthu CLI', () => {
  it('adds, gets, updates, voids and lists with JSON on stdout and exit 0', () => {
    const db = initDb();
    const added = cli(db, ['incoming', 'add', '--data', JSON.stringify(DOC), '--json']);
    expect(added.code).toBe(0);
    const rec = added.json();
    expect(rec).toMatchObject({ id: 1, register: 'DEN', year: 2026, arrivalNumber: 1, status: 'registered' });
    expect(cli(db, ['incoming', 'get', '1', '--json']).json().subject).toBe('Về việc giao dự toán');
    expect(cli(db, ['incoming', 'update', '1', '--data', '{"pageAmount":4}', '--json']).json().pageAmount).toBe(4);
    const voided = cli(db, ['incoming', 'void', '1', '--reason', 'Vào sổ nhầm', '--json']);
    expect(voided.json()).toMatchObject({ status: 'voided', voidReason: 'Vào sổ nhầm' });
    const list = cli(db, ['incoming', 'list', '--register', 'DEN', '--year', '2026', '--json']).json();
    expect(list).toMatchObject({ items: [{ id: 1 }], nextCursor: null });
    const audit = cli(db, ['audit', '--id', '1', '--json']).json();
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'void']);
    // The signed-in account, never a name from the environment or the OS user.
    expect(audit[0].actor).toBe(OFFICE_USER);
    expect(cli(db, ['check', '--json']).json()).toMatchObject({ ok: true });
  });

  it('exits 2 with a coded JSON error on bad input and writes nothing', () => {
    const db = initDb();
    const bad = cli(db, ['incoming', 'add', '--data', JSON.stringify({ ...DOC, issuedDate: '2026-02-30' }), '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.error()).toMatchObject({ code: 'invalid_date', field: 'issuedDate' });
    expect(cli(db, ['incoming', 'add', '--data', '{oops', '--json']).error()).toMatchObject({ code: 'invalid_json' });
    expect(cli(db, ['incoming', 'get', 'abc', '--json']).code).toBe(2);
    expect(cli(db, ['incoming', 'get', '99', '--json']).error()).toMatchObject({ code: 'not_found' });
    expect(cli(db, ['incoming', 'frobnicate', '--json']).code).toBe(2);
    expect(cli(db, ['incoming', 'add', '--bogus', '--json']).error()).toMatchObject({ code: 'invalid_argument' });
    expect(cli(db, ['incoming', 'list', '--json']).json().items).toEqual([]);
  });

  it('names the registered document when refusing a duplicate', () => {
    const db = initDb();
    cli(db, ['incoming', 'add', '--data', JSON.stringify(DOC), '--json']);
    const dup = cli(db, ['incoming', 'add', '--data', JSON.stringify(DOC), '--json']);
    expect(dup.code).toBe(2);
    expect(dup.error()).toMatchObject({ code: 'duplicate', existing: { id: 1, arrivalNumber: 1 } });
    const forced = cli(db, ['incoming', 'add', '--data', JSON.stringify(DOC), '--force', '--json']);
    expect(forced.json().arrivalNumber).toBe(2);
  });

  it('exits 1 on a database it cannot use', () => {
    const db = path.join(tempDir(), 'never-initialised.sqlite');
    const r = cli(db, ['incoming', 'list', '--json']);
    expect(r.code).toBe(1);
    expect(r.error().code).toBe('not_initialized');
  });

  it('answers a batch of JSON lines in order over one open database', () => {
    const db = initDb();
    const lines = [
      { cmd: 'incoming add', args: { data: DOC } },
      { cmd: 'incoming add', args: { data: { ...DOC, symbol: '13/QĐ-STC' } } },
      { cmd: 'incoming add', args: { data: { ...DOC, issuedDate: 'hôm qua' } } },
      { cmd: 'search', args: { query: 'giao du toan', limit: 20 } },
      { cmd: 'incoming get', args: { id: 2 } },
      { cmd: 'no such' },
    ].map((l) => JSON.stringify(l));
    const r = cli(db, ['batch'], lines.join('\n') + '\nnot json\n');
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(7);
    expect(out[0].arrivalNumber).toBe(1);
    expect(out[1].arrivalNumber).toBe(2);
    expect(out[2].error).toMatchObject({ code: 'invalid_date', field: 'issuedDate' });
    expect(out[3]).toMatchObject({ total: 2 });
    expect(out[4]).toMatchObject({ id: 2, symbol: '13/QĐ-STC' });
    expect(out[5].error.code).toBe('unknown_command');
    expect(out[6].error.code).toBe('invalid_json');
  });

  it('imports a file, reporting bad rows with their lines', () => {
    const db = initDb();
    const f = path.join(tempDir(), 'rows.jsonl');
    writeFileSync(f, [JSON.stringify(DOC), JSON.stringify({ ...DOC, symbol: '2/X', typeName: 'Nghị định' })].join('\n'));
    const refused = cli(db, ['import', f, '--json']);
    expect(refused.code).toBe(2);
    expect(refused.json()).toEqual({
      imported: 0,
      rejected: [expect.objectContaining({ line: 2, field: 'typeName', code: 'unknown_type' })],
    });
    const ok = cli(db, ['import', f, '--skip-invalid', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ imported: 1 });
  });

  it('gives distinct, gap-free numbers to several processes adding at once', async () => {
    const db = initDb();
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        cliAsync(db, ['incoming', 'add', '--data', JSON.stringify({ ...DOC, symbol: `${i + 100}/QĐ-STC` }), '--json']),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const numbers = runs.map((r) => r.json().arrivalNumber as number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // init, the first administrator, their roles, and the eight documents
    expect(cli(db, ['check', '--json']).json()).toMatchObject({ ok: true, audit: { entries: 11 } });
  });

  it('keeps numbers unique when several batch writers interleave', async () => {
    const db = initDb();
    const { spawn } = await import('node:child_process');
    const writer = (w: number) =>
      new Promise<number[]>((resolve) => {
        const child = cliProcess(['batch', '--db', db]);
        const p = spawn(process.execPath, child.argv, { cwd: process.cwd(), env: child.env });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.on('close', () =>
          resolve(
            out
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l).arrivalNumber as number),
          ),
        );
        for (let i = 0; i < 25; i++) {
          p.stdin.write(JSON.stringify({ cmd: 'incoming add', args: { data: { ...DOC, symbol: `${w}-${i}/QĐ` } } }) + '\n');
        }
        p.stdin.end();
      });
    const all = (await Promise.all([1, 2, 3, 4].map(writer))).flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
});
