/**
 * Electronic issue (Decree 30 Art. 18, App. I §II): the competent official signs the
 * approved document first (blue signature image between position and name); the clerk
 * then signs with the organisation's key as an incremental update that leaves the first
 * signature valid — seal over the left third of the signature, organisation name and
 * time — filling in the number and date in that same update if they were left blank.
 * Each step is one transaction: a failure leaves the document and its number as they were.
 */
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { OutgoingRecord } from '../../shared/domain/outgoing.js';
import { toVnIso, vnYear } from '../../shared/text/dates.js';
import { inspectPng } from '../attachments/sniff.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { OutgoingLayoutResult } from '../pdf/outgoingDocument.js';
import type { AppearanceItem, Rect, Rgb, Signer, TextOverlay, VerifyReport } from '../signing/index.js';
import type { BlobStore, Repositories, Store } from '../store/ports.js';
import type { VerifyView } from '../../shared/apiTypes.js';
import { orgDetails, renderOutgoing } from './outgoingPdf.js';
import { wrongStatus, type OutgoingService } from './outgoingService.js';

/** What the official's signing leaves for the organisation's: where things are on the page. */
interface StoredLayout {
  page: number;
  signatureArea: Rect;
  imageBox: Rect;
  numberSlot: OutgoingLayoutResult['numberSlot'];
  dateSlot: OutgoingLayoutResult['dateSlot'];
  numberPrinted: boolean;
}

export interface SignRequest {
  as: 'official' | 'organization';
  signer: Signer;
  /** Official: the signature image; organisation: the seal. Blue/red transparent PNG. */
  image?: Uint8Array | null;
  actor: string;
}

/** The signing core (node-forge, pdf-lib) is loaded when something is signed or verified, not at startup. */
const signing = () => import('../signing/index.js');

function textAppearance(area: Rect, lines: string[], color: Rgb): AppearanceItem[] {
  return [{ type: 'text', lines, x: area.x + area.width / 2, y: area.y + area.height / 2 + 4, size: 10, align: 'center', color }];
}

/** The clerk's fill: the number in the blank before "/QĐ-UBND", day and month in the date's blanks. */
function fillOverlays(layout: StoredLayout, doc: OutgoingRecord): TextOverlay[] {
  const [, month, day] = doc.issuedDate!.split('-').map(Number) as [number, number, number];
  const n = layout.numberSlot;
  const d = layout.dateSlot;
  return [
    { page: n.page, x: n.x + n.blankWidth / 2, y: n.y, size: n.size, text: String(doc.codeNumber).padStart(2, '0'), align: 'center' },
    {
      page: d.page,
      x: d.dayX + d.blankWidth / 2,
      y: d.y,
      size: d.size,
      text: String(day).padStart(2, '0'),
      font: 'italic',
      align: 'center',
    },
    {
      page: d.page,
      x: d.monthX + d.blankWidth / 2,
      y: d.y,
      size: d.size,
      text: month <= 2 ? String(month).padStart(2, '0') : String(month),
      font: 'italic',
      align: 'center',
    },
  ];
}

export class OutgoingSigning {
  constructor(
    private readonly store: Store,
    private readonly files: BlobStore,
    private readonly clock: Clock,
    private readonly outgoing: OutgoingService,
  ) {}

  async sign(id: number, req: SignRequest): Promise<OutgoingRecord> {
    // The signature or seal image must be a PNG whose header says its size (the layout
    // reads it): anything else is the clerk's mistake, answered before any work.
    if (req.image) {
      const png = inspectPng(req.image);
      if (!png.ok) {
        throw new AppFailure({
          code: 'invalid_image',
          field: 'image',
          message: `Ảnh chữ ký hoặc ảnh con dấu phải là tệp PNG (${png.reason}).`,
        });
      }
    }
    const signedAt = new Date(Math.floor(this.clock() / 1000) * 1000);
    const at = toVnIso(signedAt.getTime());
    return this.store.write(async (repos) => {
      const doc = await repos.outgoing.get(id);
      if (!doc) throw new AppFailure(makeError('not_found', { field: 'id' }));
      const org = await orgDetails(repos);
      if (req.as === 'official') return this.signAsOfficial(repos, doc, org, req, signedAt, at);
      return this.signAsOrganisation(repos, doc, org, req, signedAt, at);
    });
  }

  private async signAsOfficial(
    repos: Repositories,
    doc: OutgoingRecord,
    org: Awaited<ReturnType<typeof orgDetails>>,
    req: SignRequest,
    signedAt: Date,
    at: string,
  ): Promise<OutgoingRecord> {
    if (doc.status !== 'approved' && doc.status !== 'numbered') throw wrongStatus(doc.status, 'ký (người có thẩm quyền)');
    const { officialAppearance, signPdf, BLUE } = await signing();
    const numbered = doc.codeNumber !== null;
    const out = await renderOutgoing(doc, org, doc.year ?? vnYear(this.clock()), { watermark: false, numbered });
    const area = out.signatureBox;
    const official = req.image
      ? officialAppearance({ area, signatureImage: req.image })
      : { rect: area, imageBox: area, appearance: textAppearance(area, ['Đã ký số'], BLUE) };
    const bytes = await signPdf(out.bytes, {
      signer: req.signer,
      signedAt,
      field: { name: 'Chữ ký người có thẩm quyền', page: area.page, rect: official.rect, appearance: official.appearance },
      reason: `Ký ban hành ${doc.typeName.toLocaleLowerCase('vi')}`,
      location: org.place,
    });
    const layout: StoredLayout = {
      page: area.page,
      signatureArea: area,
      imageBox: official.imageBox,
      numberSlot: out.numberSlot,
      dateSlot: out.dateSlot,
      numberPrinted: numbered,
    };
    return this.store_(repos, doc, bytes, 'signed_official', layout, 'signed', req.actor, at, 'sign_official');
  }

  private async signAsOrganisation(
    repos: Repositories,
    doc: OutgoingRecord,
    org: Awaited<ReturnType<typeof orgDetails>>,
    req: SignRequest,
    signedAt: Date,
    at: string,
  ): Promise<OutgoingRecord> {
    // Decree 30 Art. 32–33: the organisation signs only what the competent person has signed.
    if (doc.status !== 'signed') throw wrongStatus(doc.status, 'ký số của cơ quan');
    const layout = (await repos.outgoing.fileLayout(doc.id, 'signed_official')) as StoredLayout | null;
    const signedOfficial = doc.files.filter((f) => f.kind === 'signed_official').at(-1);
    if (!layout || !signedOfficial) throw wrongStatus(doc.status, 'ký số của cơ quan');
    const { attachmentAppearance, organisationAppearance, signPdf } = await signing();
    let current = doc;
    if (current.codeNumber === null) {
      await this.outgoing.allocate(repos, current, undefined, at, req.actor);
      current = (await repos.outgoing.get(doc.id))!;
    }
    const seal = req.image
      ? organisationAppearance({ signatureImageBox: layout.imageBox, sealImage: req.image, organisationName: org.orgName, signedAt })
      : {
          rect: layout.signatureArea,
          appearance: textAppearance(layout.signatureArea, [org.orgName, toVnIso(signedAt.getTime())], [0, 0, 0]),
        };
    const bytes = await signPdf(new Uint8Array(await this.files.read(signedOfficial.sha256)), {
      signer: req.signer,
      signedAt,
      field: { name: 'Chữ ký cơ quan', page: layout.page, rect: seal.rect, appearance: seal.appearance },
      overlays: layout.numberPrinted ? [] : fillOverlays(layout, current),
      reason: `Văn thư ký số cơ quan, số ${current.symbol}`,
      location: org.place,
    });
    // Separate attachment files: the organisation signs each, as text at the top right of page 1.
    for (const a of current.attachments) {
      const original = new Uint8Array(await this.files.read(a.sha256));
      const size = await firstPageSize(original);
      const look = attachmentAppearance({ pageWidth: size.width, pageHeight: size.height, documentSymbol: current.symbol!, signedAt });
      const signedAttachment = await signPdf(original, {
        signer: req.signer,
        signedAt,
        field: { name: 'Chữ ký cơ quan', page: 0, rect: look.rect, appearance: look.appearance },
        reason: `Văn thư ký số cơ quan, kèm theo văn bản số ${current.symbol}`,
        location: org.place,
      });
      const sha = await this.files.put(signedAttachment);
      await repos.attachments.ensureBlob({ sha256: sha, size: signedAttachment.length, mime: 'application/pdf' }, at);
      await repos.outgoing.setAttachmentSigned(a.id, sha);
    }
    return this.store_(repos, current, bytes, 'signed_organization', layout, 'issued', req.actor, at, 'sign_organization');
  }

  /** Checks what was produced with our own verifier, then stores it and moves the status. */
  private async store_(
    repos: Repositories,
    doc: OutgoingRecord,
    bytes: Uint8Array,
    kind: string,
    layout: StoredLayout,
    status: OutgoingRecord['status'],
    actor: string,
    at: string,
    action: string,
  ): Promise<OutgoingRecord> {
    const { verifyPdf } = await signing();
    const report = await verifyPdf(bytes, { trustAnchors: [] });
    if (report.signatures.some((s) => !s.intact) || report.modifiedAfterLastSignature) {
      throw new AppFailure({ code: 'signature_failed', message: 'Chữ ký số vừa tạo không kiểm tra được; văn bản không thay đổi.' });
    }
    const sha = await this.files.put(bytes);
    await repos.attachments.ensureBlob({ sha256: sha, size: bytes.length, mime: 'application/pdf' }, at);
    await repos.outgoing.addFile(doc.id, kind, sha, at, layout);
    await repos.outgoing.setStatus(doc.id, status, at);
    const last = report.signatures.at(-1)!;
    const audit = await AuditWriter.begin(repos, at);
    await audit.append({
      actor,
      action,
      entity: 'outgoing',
      entityId: doc.id,
      data: { old: { status: doc.status }, new: { status }, pdfSha256: sha, signer: last.signer, signedAt: last.signedAt },
    });
    await audit.finish();
    return (await repos.outgoing.get(doc.id))!;
  }
}

async function firstPageSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPage(0).getSize();
}

/**
 * Verifies any PDF against the database's trust anchors plus extra PEMs. Times come back
 * as ISO 8601 with +07:00 (plain data for the CLI's JSON, IPC and HTTP alike).
 */
export async function verifyWithTrust(store: Store, bytes: Uint8Array, extraPems: string[] = [], now?: Date): Promise<VerifyView> {
  const { verifyPdf } = await signing();
  const { trustMaterial } = await import('./trustService.js');
  const trust = trustMaterial(await store.read((r) => r.trust.list()));
  const report: VerifyReport = await verifyPdf(bytes, {
    trustAnchors: [...trust.anchors, ...extraPems],
    legacyAnchors: trust.legacyAnchors,
    intermediates: trust.intermediates,
    now,
  });
  return {
    ...report,
    signatures: report.signatures.map((s) => ({
      ...s,
      signedAt: s.signedAt ? toVnIso(s.signedAt.getTime()) : null,
      judgedAt: s.judgedAt ? toVnIso(s.judgedAt.getTime()) : null,
      timestamp: s.timestamp ? { ...s.timestamp, time: toVnIso(s.timestamp.time.getTime()) } : null,
    })),
  };
}
