/**
 * A throw-away PKI for tests, the demo and the benchmark — never for real documents.
 * Generated on the fly (no private key is committed): root CA → intermediate CA → the
 * official, the organisation, an expired and a not-yet-valid certificate. Keys come from
 * Node's native RSA generator, certificates from node-forge with UTF8String names (the
 * Vietnamese diacritics), .p12 files from forge (AES-256 or 3DES).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

export interface TestIdentity {
  name: string;
  keyPem: string;
  certPem: string;
  /** .p12 bytes: key, certificate, intermediate and root. */
  p12: Uint8Array;
  p12Password: string;
  /** Set when the PKI was written to a folder. */
  p12File?: string;
  /** Friendly name inside the .p12 (the NSS nickname after pk12util). */
  nick: string;
  notBefore: Date;
  notAfter: Date;
}

export interface TestPki {
  rootPem: string;
  intermediatePem: string;
  official: TestIdentity;
  organisation: TestIdentity;
  expired: TestIdentity;
  notYetValid: TestIdentity;
  /** Set when written to a folder: root.pem, intermediate.pem, <nick>.p12, <nick>.key.pem, <nick>.cert.pem. */
  dir?: string;
}

const UTF8 = forge.asn1.Type.UTF8 as unknown as number;

interface Issuer {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

function keyPair(): { pem: string; forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    pem,
    forgeKey: forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
  };
}

function makeCert(opts: {
  cn: string;
  o?: string;
  publicKey: forge.pki.rsa.PublicKey;
  issuer: Issuer | null;
  selfKey?: forge.pki.rsa.PrivateKey;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = opts.publicKey;
  // Positive and minimal: DER forbids a leading zero octet.
  cert.serialNumber = `1${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  // forge encodes UTF8String values itself: pass the JS string as is.
  const utf8 = (shortName: string, value: string) => ({ shortName, value, valueTagClass: UTF8 });
  const attrs = [{ shortName: 'C', value: 'VN' }, utf8('ST', 'Quảng Ngãi'), ...(opts.o ? [utf8('O', opts.o)] : []), utf8('CN', opts.cn)];
  cert.setSubject(attrs as forge.pki.CertificateField[]);
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : (attrs as forge.pki.CertificateField[]));
  const issuerCert = opts.issuer?.cert ?? cert;
  cert.setExtensions([
    { name: 'basicConstraints', cA: opts.ca, critical: true },
    opts.ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuerCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(opts.issuer?.key ?? opts.selfKey!, forge.md.sha256.create());
  return cert;
}

export interface TestPkiOptions {
  /**
   * Instants at which the official's and the organisation's certificates must be valid:
   * the fixed clock a test signs at and, when an outside tool (pdfsig judges at its own
   * "now") checks the result, the real time. Default: now. The validity of every
   * certificate is derived from these, so the PKI never expires under a test.
   */
  validAt?: readonly Date[];
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const yearsFrom = (d: Date, years: number) => new Date(Math.round((d.getTime() + years * YEAR_MS) / 1000) * 1000);

export function createTestPki(dir?: string, opts: TestPkiOptions = {}): TestPki {
  const at = (opts.validAt?.length ? opts.validAt : [new Date()]).map((d) => d.getTime());
  const first = new Date(Math.min(...at));
  const last = new Date(Math.max(...at));
  const rootKeys = keyPair();
  const root = makeCert({
    cn: 'VănThư Test Root CA',
    o: 'VănThư kiểm thử',
    publicKey: rootKeys.publicKey,
    issuer: null,
    selfKey: rootKeys.forgeKey,
    notBefore: yearsFrom(first, -8),
    notAfter: yearsFrom(last, 20),
    ca: true,
  });
  const interKeys = keyPair();
  const inter = makeCert({
    cn: 'VănThư Test Sub CA',
    o: 'VănThư kiểm thử',
    publicKey: interKeys.publicKey,
    issuer: { cert: root, key: rootKeys.forgeKey },
    notBefore: yearsFrom(first, -7.5),
    notAfter: yearsFrom(last, 15),
    ca: true,
  });
  const rootPem = forge.pki.certificateToPem(root);
  const intermediatePem = forge.pki.certificateToPem(inter);
  if (dir) {
    writeFileSync(path.join(dir, 'root.pem'), rootPem);
    writeFileSync(path.join(dir, 'intermediate.pem'), intermediatePem);
  }

  const identity = (
    nick: string,
    cn: string,
    o: string | undefined,
    validity: [Date, Date],
    password: string,
    algorithm: 'aes256' | '3des',
  ): TestIdentity => {
    const keys = keyPair();
    const cert = makeCert({
      cn,
      o,
      publicKey: keys.publicKey,
      issuer: { cert: inter, key: interKeys.forgeKey },
      notBefore: validity[0],
      notAfter: validity[1],
      ca: false,
    });
    const certPem = forge.pki.certificateToPem(cert);
    const asn1 = forge.pkcs12.toPkcs12Asn1(keys.forgeKey, [cert, inter, root], password, { algorithm, friendlyName: nick });
    const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    const id: TestIdentity = {
      name: cn,
      keyPem: keys.pem,
      certPem,
      p12,
      p12Password: password,
      nick,
      notBefore: cert.validity.notBefore,
      notAfter: cert.validity.notAfter,
    };
    if (dir) {
      id.p12File = path.join(dir, `${nick}.p12`);
      writeFileSync(id.p12File, p12);
      writeFileSync(path.join(dir, `${nick}.key.pem`), keys.pem);
      writeFileSync(path.join(dir, `${nick}.cert.pem`), certPem);
    }
    return id;
  };
  const org = 'Ủy ban nhân dân tỉnh Quảng Ngãi';
  const current: [Date, Date] = [yearsFrom(first, -1), yearsFrom(last, 4)];
  return {
    rootPem,
    intermediatePem,
    official: identity('official', 'Nguyễn Văn An', org, current, 'mật-khẩu-1', 'aes256'),
    organisation: identity('organisation', org, org, current, 'con-dau-2', '3des'),
    // Expired well before, and valid only long after, every instant asked for.
    expired: identity('expired', 'Trần Thị Bình', undefined, [yearsFrom(first, -6), yearsFrom(first, -5)], 'expired', 'aes256'),
    notYetValid: identity('future', 'Lê Văn Cường', undefined, [yearsFrom(last, 70), yearsFrom(last, 71)], 'future', 'aes256'),
    ...(dir ? { dir } : {}),
  };
}
