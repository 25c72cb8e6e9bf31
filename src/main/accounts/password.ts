/**
 * Password hashing with scrypt (node:crypto): memory-hard, no native add-on to build.
 * The stored form carries its parameters — `scrypt$N$r$p$salt$hash` (base64) — so the cost
 * can be raised later: a sign-in with an older hash re-hashes it with today's parameters.
 *
 * Cost: N = 2^15, r = 8, p = 1 (32 MiB, about 170 ms of CPU on this machine kind; measured by
 * `npm run bench -- --only accounts`, target ≤ 300 ms per sign-in).
 *
 * `crypto.scrypt` is called through the module object on purpose: test processes lower the
 * cost with a preload (tests/support/test-kdf.mjs) that replaces it, the way fixed-now.mjs
 * replaces the clock. The product itself has no switch, flag or variable for the cost.
 *
 * Passwords are compared in NFC: a Vietnamese keyboard may type "ă" composed or decomposed.
 */
import crypto from 'node:crypto';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../shared/domain/accounts.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';

export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Parameters a stored hash may ask for: a doctored row must not make a sign-in take minutes. */
const MAX_N = 2 ** 20;

interface Params {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, params: Params): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...params, maxmem: 256 * params.N * params.r + (1 << 20) }, (e, key) =>
      e ? reject(e) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, SCRYPT_COST);
  const { N, r, p } = SCRYPT_COST;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string): { params: Params; salt: Buffer; key: Buffer } | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!(N >= 2 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) return null;
  return { params: { N, r, p }, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
}

/** A hash nobody's password matches: unknown usernames cost a sign-in the same time as known ones. */
let decoy: Promise<string> | null = null;

/**
 * Whether the password matches; `rehash` when the hash was made with other parameters than
 * today's. A malformed stored hash matches nothing.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<{ ok: boolean; rehash: boolean }> {
  const parsed = stored ? parse(stored) : null;
  if (!parsed) {
    await verifyPassword(password, await (decoy ??= hashPassword(crypto.randomBytes(18).toString('base64'))));
    return { ok: false, rehash: false };
  }
  const key = await derive(password, parsed.salt, parsed.params);
  const ok = key.length === parsed.key.length && crypto.timingSafeEqual(key, parsed.key);
  const { N, r, p } = parsed.params;
  return { ok, rehash: ok && (N !== SCRYPT_COST.N || r !== SCRYPT_COST.r || p !== SCRYPT_COST.p) };
}

/** Refuses a password too weak to keep (coded weak_password, never echoing it). */
export function checkPasswordStrength(password: string, username?: string): void {
  const pw = password.normalize('NFC');
  const chars = [...pw];
  const weak = (reason: string) => new AppFailure(makeError('weak_password', { field: 'password', params: { reason } }));
  if (chars.length < PASSWORD_MIN_LENGTH) throw weak(`cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`);
  if (chars.length > PASSWORD_MAX_LENGTH) throw weak(`dài quá ${PASSWORD_MAX_LENGTH} ký tự`);
  if (new Set(chars).size < 4) throw weak('có quá ít ký tự khác nhau');
  if (username && pw.toLowerCase().includes(username.toLowerCase())) throw weak('không được chứa tên đăng nhập');
}
