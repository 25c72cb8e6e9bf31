/**
 * What signing needs from a key holder: its certificate chain and an RSA signature over
 * the DER of the CMS signed attributes. The same shape fits a .p12 file (Node crypto), a
 * PKCS#11 token (pkcs11js) and, later, a local agent that drives the official's USB token.
 */
import { signingFailure, vnDateTime } from './errors.js';
import { parseCertificate, validityAt, type CertInfo } from './x509.js';

export interface Signer {
  /** The signer's certificate first, then the rest of its chain (DER). */
  certificateChain(): Promise<Uint8Array[]>;
  /** RSA PKCS#1 v1.5 with SHA-256 over `dataToSign` (the DER of the signed attributes). */
  sign(dataToSign: Uint8Array): Promise<Uint8Array>;
  /** Releases the key (logs out of a token). Optional; safe to call twice. */
  close?(): Promise<void>;
}

/**
 * Refuses to sign with a certificate outside its validity period at the signing time:
 * a signature made then would be judged invalid by every verifier.
 */
export function assertCertificateUsableAt(cert: CertInfo, at: Date): void {
  const v = validityAt(cert, at);
  const who = cert.subjectCN ?? cert.subject;
  if (v === 'expired') {
    throw signingFailure(
      'certificate_expired',
      `Chứng thư số của "${who}" đã hết hạn từ ${vnDateTime(cert.notAfter)}; không thể ký vào thời điểm ${vnDateTime(at)}.`,
      { notAfter: cert.notAfter.toISOString() },
    );
  }
  if (v === 'not_yet_valid') {
    throw signingFailure(
      'certificate_not_yet_valid',
      `Chứng thư số của "${who}" chỉ có hiệu lực từ ${vnDateTime(cert.notBefore)}; chưa thể ký vào thời điểm ${vnDateTime(at)}.`,
      { notBefore: cert.notBefore.toISOString() },
    );
  }
}

export function parseChain(ders: readonly Uint8Array[]): CertInfo[] {
  try {
    return ders.map(parseCertificate);
  } catch (e) {
    throw signingFailure('invalid_certificate', 'Chứng thư số của người ký không đọc được.', {
      cause: e instanceof Error ? e.message : String(e),
    });
  }
}
