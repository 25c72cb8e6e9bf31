/**
 * A signer backed by a PKCS#12 (.p12/.pfx) file. forge decrypts the container (Node has
 * no PKCS#12 reader); the key then moves into a native KeyObject, so each signature costs
 * about a millisecond instead of ~25 ms of pure-JS RSA. The password is used once to open
 * the file and is neither kept nor logged.
 */
import { constants, createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import forge from 'node-forge';
import { MESSAGES, signingFailure } from './errors.js';
import { assertCertificateUsableAt, type Signer } from './signer.js';
import { forgeCertToDer, orderChain, parseCertificate, type CertInfo } from './x509.js';

const bin = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('binary');
const spki = (k: KeyObject): Buffer => k.export({ type: 'spki', format: 'der' });

export interface Pkcs12OpenOptions {
  /** Also refuse a certificate that is not valid at this time (e.g. now, when the clerk picks the file). */
  validAt?: Date;
}

const isMacFailure = (msg: string): boolean => /MAC could not be verified/i.test(msg);
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * forge with one compatibility fix. PKCS#12 turns the password into UTF-16 for the MAC
 * and the old PBE algorithms, but into UTF-8 for PBES2 (AES), which OpenSSL 3 and
 * Windows use by default; forge feeds PBES2 the JS string as if it were bytes, so a
 * password with Vietnamese diacritics passes the MAC and then fails to decrypt. When
 * that happens, the MAC has already proved the password right: decrypt again with the
 * UTF-8 bytes, skipping the (UTF-16) MAC check that would now fail.
 */
function decrypt(pfx: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(pfx, false, password);
  } catch (first) {
    const msg = message(first);
    if (isMacFailure(msg)) throw signingFailure('wrong_password', MESSAGES.wrong_password);
    if (/unsupported|not supported/i.test(msg) && !/password/i.test(msg)) {
      throw signingFailure('invalid_p12', MESSAGES.invalid_p12, { cause: msg });
    }
    const hasMac = Array.isArray(pfx.value) && pfx.value.length > 2;
    if (hasMac && /[^\x00-\x7f]/.test(password)) {
      try {
        const withoutMac = { ...pfx, value: (pfx.value as forge.asn1.Asn1[]).slice(0, 2) };
        return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(password));
      } catch {
        // fall through
      }
    }
    // A MAC-less file decrypted with the wrong key yields garbage: same answer.
    throw signingFailure('wrong_password', MESSAGES.wrong_password);
  }
}

export class Pkcs12Signer implements Signer {
  private constructor(
    private key: KeyObject | null,
    private readonly chain: readonly CertInfo[],
  ) {}

  static async open(source: string | Uint8Array, password: string, options: Pkcs12OpenOptions = {}): Promise<Pkcs12Signer> {
    const bytes = typeof source === 'string' ? await readFile(source) : source;
    let pfx: forge.asn1.Asn1;
    try {
      pfx = forge.asn1.fromDer(bin(bytes));
    } catch {
      throw signingFailure('invalid_p12', MESSAGES.invalid_p12);
    }
    const p12 = decrypt(pfx, password);
    const keyBags = [
      ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
      ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
    ];
    const keys: KeyObject[] = [];
    for (const bag of keyBags) {
      try {
        if (bag.key) {
          keys.push(createPrivateKey(forge.pki.privateKeyToPem(bag.key)));
        } else if (bag.asn1) {
          keys.push(createPrivateKey({ key: Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary'), format: 'der', type: 'pkcs8' }));
        }
      } catch {
        // An unreadable key bag is as good as none.
      }
    }
    if (keys.length === 0) throw signingFailure('no_private_key', MESSAGES.no_private_key);

    const certs: CertInfo[] = [];
    for (const bag of p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []) {
      try {
        const der = bag.cert ? forgeCertToDer(bag.cert) : bag.asn1 ? Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary') : null;
        if (der) certs.push(parseCertificate(der));
      } catch {
        // skip certificates we cannot read
      }
    }
    for (const key of keys) {
      const pub = spki(createPublicKey(key));
      const leaf = certs.find((c) => spki(c.x509.publicKey).equals(pub));
      if (!leaf) continue;
      if (key.asymmetricKeyType !== 'rsa') throw signingFailure('unsupported_key', MESSAGES.unsupported_key);
      if (options.validAt) assertCertificateUsableAt(leaf, options.validAt);
      return new Pkcs12Signer(
        key,
        orderChain(
          leaf,
          certs.filter((c) => c !== leaf),
        ),
      );
    }
    throw signingFailure('no_certificate', MESSAGES.no_certificate);
  }

  /** The signer's certificate (parsed). */
  get certificate(): CertInfo {
    return this.chain[0]!;
  }

  async certificateChain(): Promise<Uint8Array[]> {
    return this.chain.map((c) => c.der);
  }

  async sign(dataToSign: Uint8Array): Promise<Uint8Array> {
    if (!this.key) throw signingFailure('signing_failed', 'Khóa ký đã được đóng.');
    return cryptoSign('sha256', dataToSign, { key: this.key, padding: constants.RSA_PKCS1_PADDING });
  }

  async close(): Promise<void> {
    this.key = null;
  }
}
