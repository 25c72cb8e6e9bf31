/**
 * No path to native code from the page (issue 9, item 1). Token libraries are an
 * administrator's allowlist on this PC (CLI `token add|list|remove`), chosen in the sign
 * dialog by opaque id; the library is loaded in a token process of its own, so a bad one
 * cannot take the database host down; the page learns coded, generic errors and the local
 * log keeps the details. The reproduction — a native library planted through
 * `incoming.add` and named by the page — is replayed with a real shared library (built here
 * with gcc) whose start-up code leaves a mark when it runs. SoftHSM2 signs through the new path.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../../src/main/attachments/fileStore.js';
import { checkTokenLibrary } from '../../../src/main/signing/tokenRegistry.js';
import { cli } from '../cliHelpers.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { createFixture, type Fixture } from '../signing/helpers.js';
import { doc, tempDir } from '../helpers.js';
import { machinePaths, startHost } from './webHarness.js';
import { HAS_SOFTHSM, SOFTHSM, setupSoftHsm } from './softhsm.js';
import { tokenLibsDir } from '../../support/tokenLibs.js';

const HAS_GCC = (() => {
  try {
    execFileSync('gcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Outside the temp and data folders (where a configured library may not be). */
const LIBS = tokenLibsDir(randomBytes(4).toString('hex'));

let fx: Fixture;
const LABEL = 'VANTHU-HARDEN';
const PIN = '246810';

beforeAll(() => {
  mkdirSync(LIBS, { recursive: true });
  fx = createFixture('vanthu-token-');
  if (HAS_SOFTHSM) setupSoftHsm(fx, LABEL, PIN);
});
afterAll(() => {
  fx?.cleanup();
  rmSync(LIBS, { recursive: true, force: true });
});

/**
 * A real shared library whose constructor appends its process id to `marker` when loaded;
 * mode 1 then aborts (a crashing driver), mode 2 hangs. Its build id holds "%PDF-1.7": the
 * old type check (`%PDF-` anywhere in the first KiB) took it for a PDF.
 */
function plantedLibrary(name: string, marker: string, mode: 0 | 1 | 2 = 0): string {
  const src = path.join(LIBS, `${name}.c`);
  writeFileSync(
    src,
    [
      '#include <stdio.h>',
      '#include <stdlib.h>',
      '#include <unistd.h>',
      '__attribute__((constructor)) static void planted(void) {',
      `  FILE *f = fopen(${JSON.stringify(marker)}, "a");`,
      '  if (f) { fprintf(f, "%d\\n", (int)getpid()); fclose(f); }',
      mode === 1 ? '  abort();' : mode === 2 ? '  sleep(60);' : '',
      '}',
    ].join('\n'),
  );
  const out = path.join(LIBS, `${name}.so`);
  execFileSync('gcc', ['-shared', '-fPIC', '-o', out, src, '-Wl,--build-id=0x255044462d312e370a']);
  return out;
}

const pids = (marker: string) => (existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n').map(Number) : []);

describe('token library paths: absolute, local, a regular file, outside data, store and temp', () => {
  it('refuses every other kind of path with a coded reason', () => {
    const data = tempDir();
    const inTmp = path.join(os.tmpdir(), `vanthu-lib-${randomBytes(3).toString('hex')}.so`);
    writeFileSync(inTmp, 'x');
    const inData = path.join(data, 'lib.so');
    writeFileSync(inData, 'x');
    try {
      const cases: [string, RegExp][] = [
        ['libsofthsm2.so', /tuyệt đối/],
        ['./lib/x.so', /tuyệt đối/],
        ['\\\\server\\share\\token.dll', /mạng/],
        ['//server/share/token.so', /mạng/],
        ['\\\\?\\C:\\Windows\\System32\\token.dll', /\\\\\?\\/],
        ['\\\\.\\pipe\\token', /\\\\\?\\/],
        ['/usr/lib/../lib/softhsm/libsofthsm2.so', /\.\./],
        ['/usr/lib/softhsm/khong-co.so', /không tìm thấy/],
        ['/usr/lib', /không phải tệp thông thường/],
        [`/usr/lib/x\u0000.so`, /ký tự/],
        [inTmp, /thư mục dữ liệu, kho tệp đính kèm hoặc thư mục tạm/],
        [inData, /thư mục dữ liệu, kho tệp đính kèm hoặc thư mục tạm/],
      ];
      for (const [p, reason] of cases) {
        let err: { error?: { code: string; message: string } } = {};
        try {
          checkTokenLibrary(p, [data, os.tmpdir()]);
        } catch (e) {
          err = e as typeof err;
        }
        expect(err.error?.code, p).toBe('invalid_token_library');
        expect(err.error!.message, p).toMatch(reason);
      }
    } finally {
      rmSync(inTmp, { force: true });
    }
  });

  it.skipIf(!HAS_SOFTHSM)('accepts an installed library, pinning its SHA-256', () => {
    const r = checkTokenLibrary(SOFTHSM, [tempDir(), os.tmpdir()]);
    expect(r.library).toBe(execFileSync('realpath', [SOFTHSM], { encoding: 'utf8' }).trim());
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.skipIf(!HAS_GCC)('the planted library of the issue', () => {
  it('is an ELF the old check took for a PDF; every door refuses it and its code never runs', async () => {
    const marker = path.join(LIBS, 'planted.marker');
    const lib = plantedLibrary('planted', marker);
    const bytes = readFileSync(lib);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(bytes.subarray(0, 1024).toString('latin1')).toContain('%PDF-');

    const h = await startHost();
    const before = h.digest();
    // 1. Planting it through the page: refused as an executable.
    const planted = await h.post('incoming.add', { data: doc(), attachments: [{ fileName: 'cong-van.pdf', bytes }] });
    expect(planted.body?.error).toMatchObject({ code: 'executable_file' });
    // 2. Naming a library from the page is not even expressible any more.
    const draft = await h.post('outgoing.draft', { data: DRAFT });
    const id = (draft.body!.value as { id: number }).id;
    await h.post('outgoing.approve', { id });
    const afterDraft = h.digest();
    const store = FileStore.besideDatabase(h.dbPath);
    const where = store.pathOf(FileStore.hash(bytes));
    const named = await h.post('outgoing.sign', {
      id,
      as: 'official',
      pkcs11: { library: where, tokenLabel: 'x', pin: '1234', keyIdHex: '01' },
    });
    expect(named.body?.error).toMatchObject({ code: 'invalid_input' });
    // 3. An id that is not configured: refused before any process starts.
    const unknown = await h.post('outgoing.sign', {
      id,
      as: 'official',
      pkcs11: { token: 'tk_000000000000', tokenLabel: 'x', pin: '1234', keyIdHex: '01' },
    });
    expect(unknown.body?.error).toMatchObject({ code: 'token_not_configured' });
    expect(h.digest()).toBe(afterDraft);
    expect(afterDraft).not.toBe(before);

    // 4. Even if it reached the attachment store some other way, neither the administrator's
    //    `token add` nor the command line's --pkcs11-lib loads a file from there.
    mkdirSync(path.dirname(where), { recursive: true });
    copyFileSync(lib, where);
    await h.services.close();
    const added = cli(h.dbPath, ['token', 'add', '--library', where, '--label', 'Thư viện lạ', '--json']);
    expect(added.code).toBe(2);
    expect(added.error()).toMatchObject({ code: 'invalid_token_library' });
    const signed = cli(
      h.dbPath,
      [
        'outgoing',
        'sign',
        String(id),
        '--as',
        'official',
        '--pkcs11-lib',
        where,
        '--token-label',
        'x',
        '--key-id',
        '01',
        '--pin-env',
        'VT_PIN',
        '--json',
      ],
      undefined,
      { VT_PIN: '1234' },
    );
    expect(signed.code).toBe(2);
    expect(signed.error()).toMatchObject({ code: 'invalid_token_library' });
    expect(pids(marker)).toEqual([]);
  });

  it('a configured library that misbehaves runs in its own process: coded errors, no path, the host keeps serving', async () => {
    const h = await startHost();
    h.services.tokenProcesses.timeouts = { openMs: 3000 };
    const draft = await h.post('outgoing.draft', { data: DRAFT });
    const id = (draft.body!.value as { id: number }).id;
    await h.post('outgoing.approve', { id });
    const before = h.digest();
    const sign = (token: string) =>
      h.post('outgoing.sign', { id, as: 'official', pkcs11: { token, tokenLabel: 'x', pin: '1234', keyIdHex: '01' } });

    const cases = [
      // Loads (its start-up code runs), but is no PKCS#11 module.
      { mode: 0 as const, code: 'token_unavailable' },
      // Crashes while loading.
      { mode: 1 as const, code: 'token_process_failed' },
      // Never returns from loading.
      { mode: 2 as const, code: 'token_timeout' },
    ];
    for (const c of cases) {
      const marker = path.join(LIBS, `mode${c.mode}.marker`);
      const lib = plantedLibrary(`mode${c.mode}`, marker, c.mode);
      const entry = h.services.tokens.add(lib, `Thiết bị thử ${c.mode}`, 'quản trị');
      const r = await sign(entry.id);
      expect(r.status).toBe(200);
      expect(r.body?.error, r.text).toMatchObject({ code: c.code, details: { ref: expect.stringMatching(/^[A-Z0-9]{8}$/) } });
      for (const p of [...machinePaths(), lib, LIBS, 'dlopen', 'ELF']) expect(r.text).not.toContain(p);
      // Its code ran — in another process, not the one holding the database.
      const ran = pids(marker);
      expect(ran).toHaveLength(1);
      expect(ran[0]).not.toBe(process.pid);
      // The host is alive, the database open and unchanged.
      expect((await h.post('app.info', {})).body).toMatchObject({ ok: true });
      const log = readFileSync(h.services.log.file!, 'utf8');
      expect(log).toContain(String(r.body!.error!.details!.ref));
    }
    expect(h.digest()).toBe(before);
  }, 60_000);
});

describe.skipIf(!HAS_SOFTHSM)('SoftHSM2 through the new path', () => {
  it("token add | list | remove on the command line, into this PC's settings", () => {
    const db = path.join(tempDir(), 'v.sqlite');
    expect(cli(db, ['init', '--json']).code).toBe(0);
    const added = cli(db, ['token', 'add', '--library', SOFTHSM, '--label', 'SoftHSM (thử)', '--json']);
    expect(added.code, added.stderr).toBe(0);
    const entry = added.json() as { id: string; label: string; library: string; sha256: string };
    expect(entry).toMatchObject({
      id: expect.stringMatching(/^tk_[0-9a-f]{12}$/),
      label: 'SoftHSM (thử)',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(existsSync(path.join(path.dirname(db), 'tokens.json'))).toBe(true);
    expect(cli(db, ['token', 'list', '--json']).json()).toEqual([expect.objectContaining({ id: entry.id, library: entry.library })]);
    const relative = cli(db, ['token', 'add', '--library', 'libsofthsm2.so', '--label', 'x', '--json']);
    expect(relative.code).toBe(2);
    expect(relative.error()).toMatchObject({ code: 'invalid_token_library' });
    expect(cli(db, ['token', 'remove', entry.id, '--json']).code).toBe(0);
    expect(cli(db, ['token', 'list', '--json']).json()).toEqual([]);
    expect(cli(db, ['token', 'remove', entry.id, '--json']).error()).toMatchObject({ code: 'token_not_configured' });
  });

  it('the page sees id and label only and signs by id; a wrong PIN is coded; pdfsig agrees', async () => {
    const h = await startHost({ now: '2026-05-10T09:00:00+07:00' });
    h.services.tokens.add(SOFTHSM, 'SoftHSM (thử)', 'quản trị');
    const list = await h.post('token.list', {});
    expect(list.body?.value).toEqual([{ id: expect.stringMatching(/^tk_/), label: 'SoftHSM (thử)' }]);
    expect(list.text).not.toContain('/usr/lib');
    const token = (list.body!.value as { id: string }[])[0]!.id;

    await h.post('trust.add', { pem: fx.pki.rootPem });
    const draft = await h.post('outgoing.draft', { data: DRAFT });
    const id = (draft.body!.value as { id: number }).id;
    await h.post('outgoing.approve', { id });
    const before = h.digest();
    const wrong = await h.post('outgoing.sign', {
      id,
      as: 'official',
      pkcs11: { token, tokenLabel: LABEL, pin: '000000', keyIdHex: '01' },
    });
    expect(wrong.body?.error).toMatchObject({ code: 'wrong_pin' });
    expect(wrong.text).not.toContain('000000');
    expect(h.digest()).toBe(before);
    const ok = await h.post('outgoing.sign', { id, as: 'official', pkcs11: { token, tokenLabel: LABEL, pin: PIN, keyIdHex: '01' } });
    expect(ok.body?.ok, ok.text).toBe(true);
    const pdf = await h.post('outgoing.pdf', { id });
    const bytes = (pdf.body!.value as { bytes: Uint8Array }).bytes;
    const verified = await h.post('signature.verify', { bytes });
    expect(verified.body?.value).toMatchObject({ verdict: 'valid', signatures: [{ signer: 'Nguyễn Văn An' }] });
    // An independent verifier agrees.
    const out = execFileSync('pdfsig', ['-nssdir', `sql:${fx.nssDir}`, fx.file('softhsm-signed.pdf', bytes)], { encoding: 'utf8' });
    expect(out.match(/Signature is Valid\./g)).toHaveLength(1);
  }, 120_000);

  it('the CLI signs by --token and by --pkcs11-lib (checked the same way), in a token process', async () => {
    const h = await startHost({ now: '2026-05-10T09:00:00+07:00' });
    const draft = await h.post('outgoing.draft', { data: DRAFT });
    const id = String((draft.body!.value as { id: number }).id);
    await h.post('outgoing.approve', { id: Number(id) });
    await h.services.close();
    const env = { VT_PIN: PIN };
    const now = { now: '2026-05-10T09:00:00+07:00' };
    const tokenId = (cli(h.dbPath, ['token', 'add', '--library', SOFTHSM, '--label', 'SoftHSM', '--json']).json() as { id: string }).id;
    const base = ['--token-label', LABEL, '--key-id', '01', '--pin-env', 'VT_PIN', '--json'];
    const official = cli(h.dbPath, ['outgoing', 'sign', id, '--as', 'official', '--token', tokenId, ...base], undefined, env, now);
    expect(official.code, official.stderr).toBe(0);
    // The organisation's key is not on this token: a coded refusal naming the key, nothing else.
    const organisation = cli(
      h.dbPath,
      ['outgoing', 'sign', id, '--as', 'organization', '--pkcs11-lib', SOFTHSM, ...base.map((a) => (a === '01' ? 'ff' : a))],
      undefined,
      env,
      now,
    );
    expect(organisation.code).toBe(2);
    expect(organisation.error()).toMatchObject({ code: 'key_not_found' });
    const audit = cli(h.dbPath, ['audit', '--entity', 'outgoing', '--id', id, '--json'], undefined, {}, now).json() as { action: string }[];
    expect(audit.map((e) => e.action)).toContain('sign_official');
  }, 120_000);
});
