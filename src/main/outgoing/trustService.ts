/**
 * The office's trust store for signature verification: anchors (roots the office trusts)
 * and known intermediates (CA certificates that only complete chains), kept apart. A
 * certificate's kind is decided by the certificate, never by the import: a self-signed
 * root becomes an anchor, any other certificate an intermediate — an intermediate never
 * becomes an anchor by being imported. (NEAC's list also holds timestamping authorities'
 * own certificates: kept as known certificates, they identify a TSA whose token omits its
 * certificate, and never issue anything: only CA certificates complete a chain.) An anchor may be marked legacy by the administrator:
 * the only place chains signed with SHA-1 are accepted (the Government CA G1 chain).
 *
 * Files read: PEM bundles (any number of certificates), PKCS#7 certificate bundles
 * (.p7b/.p7c) in DER or PEM, and a single DER certificate.
 */
import { AppFailure } from '../../shared/result.js';
import type { TrustAnchorView, TrustImportView } from '../../shared/apiTypes.js';
import { toVnIso } from '../../shared/text/dates.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { Store, TrustAnchorRow } from '../store/ports.js';

/** A bundle larger than this is not a certificate file. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_CERTIFICATES = 1000;

function invalid(message: string): AppFailure {
  return new AppFailure({ code: 'invalid_certificate', field: 'file', message });
}

const SIG_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'SHA-1 RSA',
  '1.2.840.113549.1.1.11': 'SHA-256 RSA',
  '1.2.840.113549.1.1.12': 'SHA-384 RSA',
  '1.2.840.113549.1.1.13': 'SHA-512 RSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.10045.4.1': 'SHA-1 ECDSA',
  '1.2.840.10045.4.3.2': 'SHA-256 ECDSA',
  '1.2.840.10045.4.3.3': 'SHA-384 ECDSA',
  '1.2.840.10045.4.3.4': 'SHA-512 ECDSA',
};

type X509 = typeof import('../signing/x509.js');

/** Every certificate's DER in a file: PEM text (certificates or PKCS#7), PKCS#7 DER, or one DER certificate. */
export async function readCertificateFile(bytes: Uint8Array): Promise<Uint8Array[]> {
  if (bytes.length === 0) throw invalid('Tệp rỗng.');
  if (bytes.length > MAX_FILE_BYTES) throw invalid('Tệp quá lớn để là tệp chứng thư số (tối đa 5 MB).');
  const { pemToDerList } = await import('../signing/x509.js');
  const { parseSignedData } = await import('../signing/cms.js');
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const ders: Uint8Array[] = [];
  const fromPkcs7 = (der: Uint8Array) => {
    try {
      ders.push(...parseSignedData(der).certificates);
    } catch {
      throw invalid('Tệp PKCS#7 (.p7b/.p7c) không đọc được.');
    }
  };
  if (text.includes('-----BEGIN')) {
    ders.push(...pemToDerList(text));
    const re = /-----BEGIN PKCS7-----([\s\S]*?)-----END PKCS7-----/g;
    for (let m = re.exec(text); m; m = re.exec(text)) fromPkcs7(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
    if (ders.length === 0) throw invalid('Tệp không chứa chứng thư số (-----BEGIN CERTIFICATE----- hoặc -----BEGIN PKCS7-----).');
  } else if (bytes[0] === 0x30) {
    // DER: a PKCS#7 bundle starts with the signedData OID; else try one certificate.
    if (text.slice(0, 32).includes('\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02')) fromPkcs7(bytes);
    else ders.push(bytes);
  } else {
    throw invalid('Tệp không phải chứng thư số (PEM, DER hoặc PKCS#7 .p7b/.p7c).');
  }
  if (ders.length > MAX_CERTIFICATES) throw invalid(`Tệp có quá nhiều chứng thư số (tối đa ${MAX_CERTIFICATES}).`);
  return ders;
}

function view(x: X509, row: TrustAnchorRow, now: number): TrustAnchorView {
  const c = x.parseCertificate(x.pemToDerList(row.pem)[0]!);
  return {
    id: row.id,
    kind: row.kind,
    legacy: row.legacy,
    subject: c.subject,
    issuer: c.issuer,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    sha256: row.sha256,
    signatureAlgorithm: SIG_NAMES[c.signatureOid] ?? c.signatureOid,
    sha1: x.signedWithSha1(c),
    expired: c.notAfter.getTime() < now,
  };
}

function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

export interface TrustMaterial {
  anchors: string[];
  legacyAnchors: string[];
  intermediates: string[];
}

export class TrustService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Imports every certificate of a file (all or nothing): roots as anchors (legacy when
   * asked), other CA certificates as intermediates. A certificate already kept keeps its
   * kind; importing an anchor again with `legacy` marks it legacy.
   */
  async import(bytes: Uint8Array, opts: { legacy?: boolean; actor: string }): Promise<TrustImportView> {
    const x = await import('../signing/x509.js');
    const ders = await readCertificateFile(bytes);
    const certs = ders.map((der, i) => {
      try {
        return x.parseCertificate(der);
      } catch {
        throw invalid(`Chứng thư số thứ ${i + 1} trong tệp không đọc được.`);
      }
    });
    const at = toVnIso(this.clock());
    const warnings: string[] = [];
    const result = await this.store.write(async (repos) => {
      let added = 0;
      let markedLegacy = 0;
      const ids: number[] = [];
      const seen = new Set<string>();
      for (const c of certs) {
        const sha256 = c.sha256.toString('hex');
        if (seen.has(sha256)) continue;
        seen.add(sha256);
        const kind = x.selfSigned(c) ? 'anchor' : 'intermediate';
        const legacy = kind === 'anchor' && opts.legacy === true;
        const r = await repos.trust.add(
          { subject: c.subject, sha256, pem: toPem(c.der), notAfter: c.notAfter.toISOString(), kind, legacy },
          at,
        );
        ids.push(r.id);
        if (r.added) {
          added++;
          await appendAudit(repos, at, {
            actor: opts.actor,
            action: 'trust_add',
            entity: 'trust_anchor',
            entityId: r.id,
            data: { subject: c.subject, sha256, kind, legacy },
          });
        } else if (legacy) {
          const existing = (await repos.trust.list()).find((t) => t.id === r.id);
          if (existing && existing.kind === 'anchor' && !existing.legacy) {
            await repos.trust.setLegacy(r.id, true);
            markedLegacy++;
            await appendAudit(repos, at, {
              actor: opts.actor,
              action: 'trust_legacy',
              entity: 'trust_anchor',
              entityId: r.id,
              data: { subject: c.subject, sha256, legacy: true },
            });
          }
        }
        if (kind === 'anchor' && !legacy && x.signedWithSha1(c)) {
          warnings.push(
            `«${c.subjectCN ?? c.subject}» là gốc SHA-1: chữ ký dưới gốc này chỉ được chấp nhận khi đánh dấu gốc cũ (trust import --legacy).`,
          );
        }
      }
      return { added, markedLegacy, ids, rows: await repos.trust.list() };
    });
    const now = this.clock();
    const mine = result.rows.filter((r) => result.ids.includes(r.id)).map((r) => view(x, r, now));
    return {
      added: result.added,
      markedLegacy: result.markedLegacy,
      anchors: mine.filter((c) => c.kind === 'anchor').length,
      intermediates: mine.filter((c) => c.kind === 'intermediate').length,
      certificates: mine,
      warnings,
    };
  }

  /** A PEM text (the older `trust add`): the same rules as import. */
  async add(pemText: string, actor: string): Promise<{ added: number; anchors: TrustAnchorView[] }> {
    const r = await this.import(Buffer.from(pemText, 'utf8'), { actor });
    return { added: r.added, anchors: await this.list() };
  }

  /** Marks an anchor legacy (SHA-1 chains accepted under it) or not; intermediates cannot be. */
  async setLegacy(id: number, legacy: boolean, actor: string): Promise<TrustAnchorView> {
    const x = await import('../signing/x509.js');
    const at = toVnIso(this.clock());
    const row = await this.store.write(async (repos) => {
      const found = (await repos.trust.list()).find((t) => t.id === id);
      if (!found) throw new AppFailure({ code: 'not_found', field: 'id', message: 'Không có chứng thư này trong kho tin cậy.' });
      if (found.kind !== 'anchor') {
        throw new AppFailure({
          code: 'not_an_anchor',
          field: 'id',
          message: 'Chỉ chứng thư gốc (tin cậy) mới đánh dấu là gốc cũ được; chứng thư CA trung gian chỉ dùng để nối chuỗi.',
        });
      }
      if (found.legacy !== legacy) {
        await repos.trust.setLegacy(id, legacy);
        await appendAudit(repos, at, {
          actor,
          action: 'trust_legacy',
          entity: 'trust_anchor',
          entityId: id,
          data: { subject: found.subject, sha256: found.sha256, legacy },
        });
      }
      return { ...found, legacy };
    });
    return view(x, row, this.clock());
  }

  /**
   * Forgets an anchor or an intermediate, in one transaction with its audit entry (which keeps
   * the subject, kind and fingerprint: the removal is traceable, the certificate can be
   * imported again). Signatures already verified keep their recorded result; later ones are
   * judged without it.
   */
  async remove(id: number, actor: string): Promise<TrustAnchorView> {
    const x = await import('../signing/x509.js');
    const at = toVnIso(this.clock());
    const row = await this.store.write(async (repos) => {
      const found = (await repos.trust.list()).find((t) => t.id === id);
      if (!found) throw new AppFailure({ code: 'not_found', field: 'id', message: 'Không có chứng thư này trong kho tin cậy.' });
      await repos.trust.remove(id);
      await appendAudit(repos, at, {
        actor,
        action: 'trust_remove',
        entity: 'trust_anchor',
        entityId: id,
        data: { subject: found.subject, sha256: found.sha256, kind: found.kind, legacy: found.legacy },
      });
      return found;
    });
    return view(x, row, this.clock());
  }

  async list(): Promise<TrustAnchorView[]> {
    const x = await import('../signing/x509.js');
    const now = this.clock();
    return (await this.store.read((r) => r.trust.list())).map((row) => view(x, row, now));
  }
}

/** What the verifier needs from the store: anchors, legacy anchors and intermediates, apart. */
export function trustMaterial(rows: readonly TrustAnchorRow[]): TrustMaterial {
  return {
    anchors: rows.filter((r) => r.kind === 'anchor' && !r.legacy).map((r) => r.pem),
    legacyAnchors: rows.filter((r) => r.kind === 'anchor' && r.legacy).map((r) => r.pem),
    intermediates: rows.filter((r) => r.kind === 'intermediate').map((r) => r.pem),
  };
}
