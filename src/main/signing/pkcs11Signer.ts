/**
 * A signer backed by a PKCS#11 token (USB token of VNPT-CA, Viettel-CA, the Government CA;
 * SoftHSM2 in tests) through pkcs11js. The key never leaves the token: the token computes
 * RSA PKCS#1 v1.5 over SHA-256 of the signed attributes (CKM_SHA256_RSA_PKCS), or, for
 * tokens that only offer raw CKM_RSA_PKCS, over a DigestInfo we build.
 *
 * pkcs11js is a native addon, loaded on first use only, so importing the signing module
 * never fails on a machine (or an Electron ABI) where the addon is not built.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Pkcs11Types from 'pkcs11js';
import { isAppFailure } from '../../shared/result.js';
import { MESSAGES, signingFailure } from './errors.js';
import type { Signer } from './signer.js';
import { orderChain, parseCertificate, type CertInfo } from './x509.js';

type Pkcs11Module = typeof Pkcs11Types;
type PKCS11 = Pkcs11Types.PKCS11;
type Handle = Buffer;

let moduleCache: Pkcs11Module | undefined;
function pkcs11js(): Pkcs11Module {
  moduleCache ??= createRequire(import.meta.url)('pkcs11js') as Pkcs11Module;
  return moduleCache;
}

export interface Pkcs11Options {
  /** Path of the vendor's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  library: string;
  tokenLabel: string;
  pin: string;
  /** CKA_ID of the private key (and its certificate), hex. */
  keyIdHex: string;
  /**
   * Default: CKM_SHA256_RSA_PKCS when the token offers it (the token hashes), else
   * CKM_RSA_PKCS over a DigestInfo we hash — the form a remote signing agent also uses.
   */
  mechanism?: 'CKM_SHA256_RSA_PKCS' | 'CKM_RSA_PKCS';
}

/**
 * One loaded library per path for the whole process: the module is a process-wide
 * singleton on the native side, so a second C_Initialize fails and one C_Finalize
 * would cut every other user off.
 */
const libraries = new Map<string, { lib: PKCS11; users: number }>();

function acquire(path: string): PKCS11 {
  const entry = libraries.get(path);
  if (entry) {
    entry.users++;
    return entry.lib;
  }
  const m = pkcs11js();
  const lib = new m.PKCS11();
  try {
    lib.load(path);
  } catch (e) {
    throw signingFailure('pkcs11_library_not_found', `Không nạp được thư viện PKCS#11 "${path}".`, { cause: errText(e) });
  }
  try {
    lib.C_Initialize();
  } catch (e) {
    if (ckr(e) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') {
      throw signingFailure('pkcs11_error', `Không khởi tạo được thư viện PKCS#11 "${path}".`, { cause: errText(e) });
    }
  }
  libraries.set(path, { lib, users: 1 });
  return lib;
}

function release(path: string): void {
  const entry = libraries.get(path);
  if (!entry) return;
  if (--entry.users > 0) return;
  libraries.delete(path);
  try {
    entry.lib.C_Finalize();
  } catch {
    // already finalised
  }
  try {
    entry.lib.close();
  } catch {
    // nothing to do
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The CKR_* name of a pkcs11js error, if any. */
function ckr(e: unknown): string | null {
  const m = /CKR_[A-Z_]+/.exec(errText(e));
  return m ? m[0] : null;
}

// DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1).
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export class Pkcs11Signer implements Signer {
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly libraryPath: string,
    private readonly lib: PKCS11,
    private readonly session: Handle,
    private readonly key: Handle,
    private readonly hashOnToken: boolean,
    private readonly chain: readonly CertInfo[],
  ) {}

  static async open(options: Pkcs11Options): Promise<Pkcs11Signer> {
    const m = pkcs11js();
    const keyId = Buffer.from(options.keyIdHex.replace(/[\s:]/g, ''), 'hex');
    const lib = acquire(options.library);
    let session: Handle | null = null;
    try {
      const labels: string[] = [];
      let slot: Handle | null = null;
      for (const s of lib.C_GetSlotList(true)) {
        const label = lib.C_GetTokenInfo(s).label.trim();
        labels.push(label);
        if (label === options.tokenLabel.trim()) {
          slot = s;
          break;
        }
      }
      if (!slot) {
        throw signingFailure('token_not_found', `Không tìm thấy thiết bị ký số có nhãn "${options.tokenLabel}".`, { tokens: labels });
      }
      session = lib.C_OpenSession(slot, m.CKF_SERIAL_SESSION);
      try {
        lib.C_Login(session, m.CKU_USER, options.pin);
      } catch (e) {
        const code = ckr(e);
        if (code === 'CKR_USER_ALREADY_LOGGED_IN') {
          // another signer in this process holds the login; the session can use it
        } else if (code === 'CKR_PIN_INCORRECT' || code === 'CKR_PIN_INVALID' || code === 'CKR_PIN_LEN_RANGE') {
          throw signingFailure('wrong_pin', MESSAGES.wrong_pin);
        } else if (code === 'CKR_PIN_LOCKED') {
          throw signingFailure('pin_locked', MESSAGES.pin_locked);
        } else {
          throw signingFailure('pkcs11_error', 'Không đăng nhập được vào thiết bị ký số.', { cause: code ?? errText(e) });
        }
      }
      const find = (template: Pkcs11Types.Template): Handle[] => {
        lib.C_FindObjectsInit(session!, template);
        try {
          return lib.C_FindObjects(session!, 100);
        } finally {
          lib.C_FindObjectsFinal(session!);
        }
      };
      const [key] = find([
        { type: m.CKA_CLASS, value: m.CKO_PRIVATE_KEY },
        { type: m.CKA_ID, value: keyId },
      ]);
      if (!key) {
        throw signingFailure(
          'key_not_found',
          `Không tìm thấy khóa bí mật có mã ${options.keyIdHex} trên thiết bị "${options.tokenLabel}".`,
        );
      }
      const [keyType] = lib.C_GetAttributeValue(session, key, [{ type: m.CKA_KEY_TYPE }]);
      // CK_ULONG in host byte order (little-endian on every platform we ship), 4 or 8 bytes.
      const kt = keyType?.value;
      if (!(kt instanceof Buffer) || kt.length < 4 || kt.readUInt32LE(0) !== m.CKK_RSA) {
        throw signingFailure('unsupported_key', MESSAGES.unsupported_key);
      }
      const certs: { id: Buffer; cert: CertInfo }[] = [];
      for (const h of find([{ type: m.CKA_CLASS, value: m.CKO_CERTIFICATE }])) {
        const [value, id] = lib.C_GetAttributeValue(session, h, [{ type: m.CKA_VALUE }, { type: m.CKA_ID }]);
        if (!(value?.value instanceof Buffer)) continue;
        try {
          certs.push({ id: id?.value instanceof Buffer ? id.value : Buffer.alloc(0), cert: parseCertificate(value.value) });
        } catch {
          // not an X.509 certificate we can read
        }
      }
      const leaf = certs.find((c) => c.id.equals(keyId))?.cert;
      if (!leaf) {
        throw signingFailure('no_certificate', `Thiết bị "${options.tokenLabel}" không có chứng thư số ứng với khóa ${options.keyIdHex}.`);
      }
      const chain = orderChain(
        leaf,
        certs.map((c) => c.cert).filter((c) => c !== leaf),
      );
      const hashOnToken = options.mechanism
        ? options.mechanism === 'CKM_SHA256_RSA_PKCS'
        : lib.C_GetMechanismList(slot).includes(m.CKM_SHA256_RSA_PKCS);
      return new Pkcs11Signer(options.library, lib, session, key, hashOnToken, chain);
    } catch (e) {
      if (session) {
        try {
          lib.C_CloseSession(session);
        } catch {
          // ignore
        }
      }
      release(options.library);
      if (isAppFailure(e)) throw e;
      throw signingFailure('pkcs11_error', 'Lỗi khi làm việc với thiết bị ký số.', { cause: ckr(e) ?? errText(e) });
    }
  }

  get certificate(): CertInfo {
    return this.chain[0]!;
  }

  async certificateChain(): Promise<Uint8Array[]> {
    return this.chain.map((c) => c.der);
  }

  sign(dataToSign: Uint8Array): Promise<Uint8Array> {
    // A PKCS#11 session runs one operation at a time: queue concurrent callers.
    const run = this.queue.then(() => this.signNow(dataToSign));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async signNow(dataToSign: Uint8Array): Promise<Uint8Array> {
    if (this.closed) throw signingFailure('signing_failed', 'Phiên làm việc với thiết bị ký số đã đóng.');
    const m = pkcs11js();
    const input = this.hashOnToken
      ? Buffer.from(dataToSign)
      : Buffer.concat([SHA256_DIGEST_INFO, createHash('sha256').update(dataToSign).digest()]);
    try {
      this.lib.C_SignInit(this.session, { mechanism: this.hashOnToken ? m.CKM_SHA256_RSA_PKCS : m.CKM_RSA_PKCS }, this.key);
      return Buffer.from(await this.lib.C_SignAsync(this.session, input, Buffer.alloc(1024)));
    } catch (e) {
      throw signingFailure('signing_failed', 'Thiết bị ký số không ký được.', { cause: ckr(e) ?? errText(e) });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    // No C_Logout: the login is per application and token, and would cut off another
    // signer on the same token; closing our last session ends it anyway (PKCS#11 §5.6).
    try {
      this.lib.C_CloseSession(this.session);
    } catch {
      // already closed
    }
    release(this.libraryPath);
  }
}
