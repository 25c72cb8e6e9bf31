/**
 * Confidential documents through the real `vanthu` command line (issue 10, item 2): the CLI
 * acts as the account given by --user, so a clerk without the `confidential` grant finds no
 * confidential document in `incoming list`, `search`, `register list` or the printed book,
 * and `incoming get` / `audit` of one by id, or the DEN-MAT book, is refused (`forbidden`,
 * exit 2, nothing written but the audited refusal); the office's clerk who holds the grant
 * sees and prints it all.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services.js';
import { OFFICE_USER, ROLE_USERS } from '../../support/accounts.js';
import { addFixtureAccounts, fixedClock } from '../helpers.js';
import { INCOMING, initOffice } from './office.js';

const NOW = '2026-03-10T09:00:00+07:00';

describe('vanthu as a person without the confidential grant', () => {
  it('lists, searches, shows, traces and prints no confidential document; the granted clerk does', async () => {
    const o = initOffice(NOW);
    const services = await createServices({ dbPath: o.db, migrate: false, clock: fixedClock(NOW) });
    try {
      await addFixtureAccounts(services);
    } finally {
      await services.close();
    }
    const [plain, secret] = o.batch([
      { cmd: 'incoming add', args: { data: { ...INCOMING, symbol: '88/SYT-NVY', subject: 'Phòng, chống dịch sốt xuất huyết' } } },
      {
        cmd: 'incoming add',
        args: { data: { ...INCOMING, symbol: '12/CAT-PV01', subject: 'Bảo đảm an ninh dịp lễ', secrecy: 'confidential' } },
      },
    ]) as { id: number }[];
    const as = (user: string) => (args: string[]) => o.vanthu([...args, '--user', user, '--password-env', 'VANTHU_TEST_PASSWORD']);
    const clerk = as(ROLE_USERS.clerk.username);
    const granted = as(OFFICE_USER);
    const symbols = (r: ReturnType<typeof clerk>) => {
      expect(r.code, r.stderr).toBe(0);
      return (r.json().items as { symbol: string }[]).map((x) => x.symbol).sort();
    };

    expect(symbols(clerk(['incoming', 'list']))).toEqual(['88/SYT-NVY']);
    expect(symbols(granted(['incoming', 'list']))).toEqual(['12/CAT-PV01', '88/SYT-NVY']);
    expect(symbols(clerk(['search', 'an ninh']))).toEqual([]);
    expect(symbols(granted(['search', 'an ninh']))).toEqual(['12/CAT-PV01']);
    const registers = (r: ReturnType<typeof clerk>) => (r.json() as { code: string }[]).map((g) => g.code).sort();
    expect(registers(clerk(['register', 'list']))).toEqual(['DEN', 'DI']);
    expect(registers(granted(['register', 'list']))).toEqual(['DEN', 'DEN-MAT', 'DI', 'DI-MAT']);

    // By id: refused with the reason, exit 2, nothing but the refusal written.
    for (const args of [
      ['incoming', 'get', String(secret!.id)],
      ['audit', '--id', String(secret!.id)],
      ['register', 'print', '--register', 'DEN-MAT', '--year', '2026', '--out', o.file('mat.pdf')],
    ]) {
      const r = clerk(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.error(), args.join(' ')).toMatchObject({ code: 'forbidden' });
      expect(r.stderr).not.toContain('an ninh');
    }
    expect(clerk(['incoming', 'get', String(plain!.id)]).json()).toMatchObject({ symbol: '88/SYT-NVY' });
    expect(granted(['incoming', 'get', String(secret!.id)]).json()).toMatchObject({ symbol: '12/CAT-PV01' });
    expect(granted(['audit', '--id', String(secret!.id)]).code).toBe(0);

    // The printed books: the clerk's DEN book holds the ordinary letter; the DEN-MAT book only for the grant.
    expect(clerk(['register', 'print', '--register', 'DEN', '--year', '2026', '--out', o.file('den.pdf')]).code).toBe(0);
    const den = execFileSync('pdftotext', ['-layout', o.file('den.pdf'), '-'], { encoding: 'utf8' });
    expect(den).toContain('88/SYT-NVY');
    expect(den).not.toContain('12/CAT-PV01');
    expect(granted(['register', 'print', '--register', 'DEN-MAT', '--year', '2026', '--out', o.file('mat.pdf')]).code).toBe(0);
    expect(execFileSync('pdftotext', ['-layout', o.file('mat.pdf'), '-'], { encoding: 'utf8' })).toContain('12/CAT-PV01');
  });
});
