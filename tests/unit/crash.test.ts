/**
 * A process killed in the middle of registering loses nothing it had answered for: every
 * line `batch` answered was committed, the file stays intact, and numbering carries on.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess } from './cliHelpers.js';
import { tempDir } from './helpers.js';

const DOC = {
  organName: 'Sở Nội vụ',
  issuedDate: '2026-01-02',
  typeName: 'Công văn',
  subject: 'Về việc tổng hợp',
  arrivalDate: '2026-01-05T08:00',
};

describe('a crash while registering', () => {
  it('keeps every answered document, the audit chain and gap-free numbers', async () => {
    const db = path.join(tempDir(), 'crash.sqlite');
    expect(cli(db, ['init', '--json']).code).toBe(0);
    const answered: number[] = [];
    await new Promise<void>((resolve) => {
      const child = cliProcess(['batch', '--db', db]);
      const p = spawn(process.execPath, child.argv, { cwd: process.cwd(), env: child.env });
      let buf = '';
      p.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          answered.push(JSON.parse(line).arrivalNumber as number);
          // Kill hard while later lines are still queued or being written.
          if (answered.length === 15) p.kill('SIGKILL');
        }
      });
      p.on('close', () => resolve());
      for (let i = 0; i < 200; i++)
        p.stdin.write(JSON.stringify({ cmd: 'incoming add', args: { data: { ...DOC, symbol: `${i}/SNV` } } }) + '\n');
      p.stdin.end();
    });
    expect(answered.length).toBeGreaterThanOrEqual(15);
    const list = cli(db, ['incoming', 'list', '--register', 'DEN', '--year', '2026', '--limit', '1000', '--json']).json();
    const stored = (list.items as { arrivalNumber: number }[]).map((r) => r.arrivalNumber).sort((a, b) => a - b);
    // Everything answered is there; nothing beyond what was committed; numbers 1..n without gaps.
    for (const n of answered) expect(stored).toContain(n);
    expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    expect(cli(db, ['check', '--json']).json()).toMatchObject({ ok: true });
    const next = cli(db, ['incoming', 'add', '--data', JSON.stringify({ ...DOC, symbol: 'after/SNV' }), '--json']).json();
    expect(next.arrivalNumber).toBe(stored.length + 1);
  });
});
