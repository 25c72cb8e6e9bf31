/** Trust anchors for signature verification (the roots of the CAs the office accepts). */
import type forge from 'node-forge';
import { createHash } from 'node:crypto';
import { AppFailure } from '../../shared/result.js';
import { toVnIso } from '../../shared/text/dates.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { Store, TrustAnchorRow } from '../store/ports.js';

function parsePems(lib: typeof forge, text: string): forge.pki.Certificate[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw new AppFailure({
      code: 'invalid_certificate',
      field: 'file',
      message: 'Tệp không chứa chứng thư số dạng PEM (-----BEGIN CERTIFICATE-----).',
    });
  }
  return blocks.map((b) => {
    try {
      return lib.pki.certificateFromPem(b);
    } catch {
      throw new AppFailure({ code: 'invalid_certificate', field: 'file', message: 'Chứng thư số không đọc được.' });
    }
  });
}

export class TrustService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async add(pemText: string, actor: string): Promise<{ added: number; anchors: Omit<TrustAnchorRow, 'pem'>[] }> {
    // node-forge is loaded when a certificate is added, not when the services start.
    const { default: lib } = await import('node-forge');
    const certs = parsePems(lib, pemText);
    const at = toVnIso(this.clock());
    return this.store.write(async (repos) => {
      let added = 0;
      for (const c of certs) {
        const der = lib.asn1.toDer(lib.pki.certificateToAsn1(c)).getBytes();
        const sha256 = createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex');
        const subject = c.subject.attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');
        const r = await repos.trust.add(
          {
            subject: Buffer.from(subject, 'binary').toString('utf8'),
            sha256,
            pem: lib.pki.certificateToPem(c),
            notAfter: c.validity.notAfter.toISOString(),
          },
          at,
        );
        if (r.added) {
          added++;
          await appendAudit(repos, at, { actor, action: 'trust_add', entity: 'trust_anchor', entityId: r.id, data: { subject, sha256 } });
        }
      }
      const anchors = (await repos.trust.list()).map(({ pem: _p, ...rest }) => rest);
      return { added, anchors };
    });
  }

  async list(): Promise<Omit<TrustAnchorRow, 'pem'>[]> {
    return (await this.store.read((r) => r.trust.list())).map(({ pem: _p, ...rest }) => rest);
  }
}
