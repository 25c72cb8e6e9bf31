/**
 * A SoftHSM2 token in a temporary folder holding the test PKI's official key (id 01) with its
 * certificate and the intermediate CA, imported with Debian's softhsm2-util and OpenSC's
 * pkcs11-tool. SOFTHSM2_CONF is set in this process's environment, which token processes
 * inherit as they would a vendor's settings.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import type { Fixture } from '../signing/helpers.js';

export const SOFTHSM = '/usr/lib/softhsm/libsofthsm2.so';
export const HAS_SOFTHSM = existsSync(SOFTHSM);

export function setupSoftHsm(fx: Pick<Fixture, 'dir' | 'pki'>, label: string, pin: string): void {
  const dir = path.join(fx.dir, `softhsm-${label}`);
  mkdirSync(path.join(dir, 'tokens'), { recursive: true });
  const conf = path.join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env: process.env, stdio: 'pipe' });
  run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '12345678']);
  run('softhsm2-util', [
    '--import',
    path.join(fx.dir, 'official.key.pem'),
    '--token',
    label,
    '--label',
    'official',
    '--id',
    '01',
    '--pin',
    pin,
  ]);
  const der = (pem: string, name: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes(), 'binary');
    return f;
  };
  const p11 = ['--module', SOFTHSM, '--token-label', label, '--login', '--pin', pin];
  run('pkcs11-tool', [
    ...p11,
    '--write-object',
    der(fx.pki.official.certPem, 'official.der'),
    '--type',
    'cert',
    '--id',
    '01',
    '--label',
    'official',
  ]);
  run('pkcs11-tool', [
    ...p11,
    '--write-object',
    der(fx.pki.intermediatePem, 'sub.der'),
    '--type',
    'cert',
    '--id',
    'a1',
    '--label',
    'sub-ca',
  ]);
}
