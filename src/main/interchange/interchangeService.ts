/**
 * Interchange with other offices over edXML (QCVN 102:2016): the organ directory, sending
 * an issued electronic document (one message per recipient; recall, update, replacement),
 * receiving messages (a pending registration pre-filled from the header, confirmed or
 * refused by the clerk), and the status messages both ways: this office answers 01 on
 * arrival, 03 on registration (02 on refusal), 04/05/06 as the document is assigned,
 * progresses and completes; the status messages received update each recipient's delivery.
 *
 * Every write is one transaction; a message is recognised by the SHA-256 of its file, so a
 * message processed once is never processed again (transport.ts moves files only after).
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DOCUMENT_TYPE_NAMES } from '../../shared/domain/documentTypes.js';
import type { Urgency } from '../../shared/domain/enums.js';
import type { IncomingRecord } from '../../shared/domain/incoming.js';
import {
  DELIVERY_LABELS,
  DELIVERY_OF_STATUS,
  DELIVERY_RANK,
  STATUS_DESCRIPTIONS,
  isOrganId,
  type BusinessDocType,
  type DeliveryView,
  type EdxmlDocumentMessage,
  type EdxmlOrganization,
  type EdxmlStatusMessage,
  type ExchangeFolders,
  type Organ,
  type ReceivedView,
  type StatusCode,
} from '../../shared/domain/interchange.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { toVnIso } from '../../shared/text/dates.js';
import { hasControlChars, nfc, tidySpaces } from '../../shared/text/vietnamese.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { IncomingService } from '../incoming/incomingService.js';
import type { BlobStore, ReceivedRow, Repositories, Store } from '../store/ports.js';
import { inspectOfficeFile, officeSignature, type OfficeKind } from '../attachments/officeFiles.js';
import type { StagedMessage, Transport } from './transport.js';

/**
 * The edXML reader and writer (and saxes under them), loaded when a message is made or read:
 * every process opens this service, and most (each CLI command) never touch a message.
 */
const edxml = () => import('./edxml.js');

const fail = (code: string, field: string, message: string, details?: Record<string, unknown>) =>
  new AppFailure({ code, field, message, ...(details ? { details } : {}) });

/** The office kind an attachment's declared type (or, for a generic one, its name) promises. */
function declaredOffice(contentType: string, name: string): OfficeKind | null {
  const t = contentType.toLowerCase().split(';')[0]!.trim();
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (t.endsWith('wordprocessingml.document') || t === 'application/docx') return 'docx';
  if (t.endsWith('spreadsheetml.sheet') || t === 'application/xslx' || t === 'application/xlsx') return 'xlsx';
  if (t === 'application/zip' || t === 'application/x-zip-compressed') return ext === 'docx' ? 'docx' : ext === 'xlsx' ? 'xlsx' : 'zip';
  if (['application/msword', 'application/doc', 'application/xsl', 'application/xls', 'application/vnd.ms-excel'].includes(t)) return 'ole';
  return null;
}

/**
 * The ZIP/DOCX/XLSX and DOC/XLS attachments of a message, checked before anything is kept
 * (attachments/officeFiles.ts): a zip bomb, a path out of the folder, an encrypted entry, a
 * DOCX with macros or without its document is refused with its code, naming the file.
 */
async function checkOfficeAttachments(list: readonly { name: string; contentType: string; bytes: Uint8Array }[]): Promise<void> {
  for (const a of list) {
    if (!officeSignature(a.bytes)) continue;
    const r = await inspectOfficeFile(a.bytes);
    if (!r.ok) {
      throw new AppFailure(
        makeError(r.code, { field: 'file', params: { value: a.name, reason: r.reason }, details: { attachment: a.name } }),
      );
    }
    const want = declaredOffice(a.contentType, a.name);
    if ((want === 'docx' || want === 'xlsx') && r.kind !== want) {
      throw fail(
        'edxml_attachment_type_mismatch',
        'file',
        `Tệp đính kèm «${a.name}» khai báo kiểu «${a.contentType}» nhưng nội dung không phải như vậy.`,
        {
          declared: a.contentType,
          found: r.kind,
        },
      );
    }
  }
}

/** A file-name-safe form of an identifier or symbol: ASCII letters, digits and dots (Đ → D). */
const safeName = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd')
    .replace(/[^0-9A-Za-z.]+/g, '-');

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The meta key of the exchange folders (JSON, ExchangeFolders). */
export const FOLDERS_KEY = 'exchange_folders';
const DEFAULT_INTERVAL = 15;

export function parseFolders(raw: string | null): ExchangeFolders {
  const none: ExchangeFolders = { inbox: null, outbox: null, errors: null, intervalSeconds: DEFAULT_INTERVAL };
  if (!raw) return none;
  try {
    const v = JSON.parse(raw) as Partial<ExchangeFolders>;
    const s = (x: unknown) => (typeof x === 'string' && x ? x : null);
    return {
      inbox: s(v.inbox),
      outbox: s(v.outbox),
      errors: s(v.errors),
      intervalSeconds: typeof v.intervalSeconds === 'number' ? v.intervalSeconds : DEFAULT_INTERVAL,
    };
  } catch {
    return none;
  }
}

/** A folder of the setting: empty for none; else an absolute path (NFC) to a folder that exists. */
async function folderField(v: unknown, name: string, label: string): Promise<string | null> {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw fail('invalid_input', name, `${label}: phải là đường dẫn.`);
  const p = nfc(v.trim());
  if (p === '') return null;
  if (hasControlChars(p) || p.length > 1000) throw fail('invalid_folder', name, `${label}: đường dẫn không hợp lệ.`);
  if (!path.isAbsolute(p))
    throw fail('invalid_folder', name, `${label}: cần đường dẫn đầy đủ (ví dụ /srv/lienthong/nhan hoặc \\\\may-chu\\lienthong\\nhan).`);
  const st = await stat(p).catch(() => null);
  if (!st || !st.isDirectory()) throw fail('folder_not_found', name, `${label}: không có thư mục «${p}» trên máy này.`);
  return p;
}

/** The meta key of this office's organ identifier (init --organ-id). */
export const OWN_ORGAN_KEY = 'org_organ_id';

const URGENCY_OF_PRIORITY: Record<number, Urgency> = { 0: 'normal', 1: 'urgent', 2: 'very_urgent', 3: 'flash', 4: 'flash' };
const PRIORITY_OF_URGENCY: Record<Urgency, number> = { normal: 0, urgent: 1, very_urgent: 2, flash: 3 };

/** A message file to write: its name (unique, safe) and bytes. */
export interface OutMessage {
  fileName: string;
  bytes: Buffer;
}

export type ReceiveOutcome =
  | { kind: 'already_processed' }
  | {
      kind: 'document';
      received: ReceivedView;
      registration: Record<string, unknown>;
      attachments: { name: string; contentType: string; size: number }[];
    }
  | { kind: 'recall'; received: ReceivedView; original: ReceivedView }
  | { kind: 'status'; documentId: string; from: string; code: StatusCode; deliveries: number };

function organFrom(o: Organ | null, organId: string): EdxmlOrganization {
  if (!o) return { organId };
  const r: EdxmlOrganization = { organId, organName: o.name };
  if (o.inCharge) r.organizationInCharge = o.inCharge;
  if (o.address) r.organAdd = o.address;
  if (o.email) r.email = o.email;
  if (o.phone) r.telephone = o.phone;
  if (o.fax) r.fax = o.fax;
  if (o.website) r.website = o.website;
  return r;
}

/** A directory field: NFC, tidy, no control characters, bounded. */
function field(v: unknown, name: string, max: number, required = false): string | null {
  if (v === undefined || v === null || v === '') {
    if (required) throw fail('required', name, `${name}: chưa nhập.`);
    return null;
  }
  if (typeof v !== 'string') throw fail('invalid_input', name, `${name}: phải là chuỗi.`);
  const s = tidySpaces(nfc(v));
  if (hasControlChars(s)) throw fail('control_chars', name, `${name}: có ký tự điều khiển.`);
  if (s.length > max) throw fail('too_long', name, `${name}: dài quá ${max} ký tự.`);
  return s === ''
    ? required
      ? (() => {
          throw fail('required', name, `${name}: chưa nhập.`);
        })()
      : null
    : s;
}

export function validateOrgan(input: unknown): Organ {
  if (!input || typeof input !== 'object') throw fail('invalid_input', 'organ', 'Dữ liệu cơ quan không hợp lệ.');
  const i = input as Record<string, unknown>;
  const organId = field(i.organId, 'organId', 35, true)!.toUpperCase();
  if (!isOrganId(organId)) {
    throw fail('invalid_organ_id', 'organId', `Mã định danh «${organId}» không đúng dạng (ví dụ 000.00.00.H48 hoặc H48.01.02).`);
  }
  const parentId = field(i.parentId, 'parentId', 35)?.toUpperCase() ?? null;
  if (parentId && !isOrganId(parentId))
    throw fail('invalid_organ_id', 'parentId', `Mã định danh cơ quan cấp trên «${parentId}» không đúng dạng.`);
  const email = field(i.email, 'email', 200);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw fail('invalid_email', 'email', `Địa chỉ thư điện tử «${email}» không hợp lệ.`);
  return {
    organId,
    name: field(i.name, 'name', 300, true)!,
    inCharge: field(i.inCharge, 'inCharge', 300),
    address: field(i.address, 'address', 500),
    email,
    phone: field(i.phone, 'phone', 50),
    fax: field(i.fax, 'fax', 50),
    website: field(i.website, 'website', 200),
    parentId,
  };
}

/** CSV headers accepted for the directory, Vietnamese or English. */
const CSV_COLUMNS: Record<string, keyof Organ> = {
  ma_dinh_danh: 'organId',
  organid: 'organId',
  ten: 'name',
  ten_co_quan: 'name',
  name: 'name',
  co_quan_chu_quan: 'inCharge',
  incharge: 'inCharge',
  dia_chi: 'address',
  address: 'address',
  email: 'email',
  thu_dien_tu: 'email',
  dien_thoai: 'phone',
  phone: 'phone',
  fax: 'fax',
  website: 'website',
  ma_cap_tren: 'parentId',
  parentid: 'parentId',
};
const headerKey = (h: string) =>
  nfc(h)
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

export function toReceivedView(r: ReceivedRow): ReceivedView {
  return {
    id: r.id,
    documentId: r.documentId,
    fromOrganId: r.fromOrgan,
    fromName: r.fromName,
    businessType: r.businessType,
    subject: r.subject,
    symbol: r.symbol,
    state: r.state,
    incomingId: r.incomingId,
    recalled: r.recalled,
    refuseReason: r.refuseReason,
    lastStatusSent: r.lastStatus,
    receivedAt: r.receivedAt,
    linkedTo: r.linkedTo,
  };
}

/** What the parsed message tells the registration form (IncomingInput). */
function registrationOf(m: EdxmlDocumentMessage, fromName: string | null, link: ReceivedRow | null): Record<string, unknown> {
  const h = m.header;
  const symbol = h.codeNotation ? `${h.codeNumber}/${h.codeNotation}` : h.codeNumber;
  const typeName =
    DOCUMENT_TYPE_NAMES.find((t) => t.toLocaleLowerCase('vi') === h.documentType.typeName.toLocaleLowerCase('vi')) ?? 'Công văn';
  const notes = [`Nhận qua trục liên thông (edXML), mã văn bản ${h.documentId}.`];
  if (m.business.docType === 2 || m.business.docType === 3) {
    notes.push(
      `${m.business.docType === 2 ? 'Cập nhật' : 'Thay thế'} văn bản ${m.business.documentId ?? m.business.replacements?.[0]?.documentId ?? ''}${link?.incomingId ? ` (đã vào sổ, mã ${link.incomingId})` : ''}.`,
    );
  }
  if (m.business.paper === 1) notes.push('Có gửi kèm bản giấy.');
  const r: Record<string, unknown> = {
    organName: (h.from.organName ?? fromName ?? h.from.organId).slice(0, 200),
    symbol,
    issuedDate: h.promulgationDate,
    typeName,
    subject: h.subject.slice(0, 500),
    channel: 'electronic',
    urgency: URGENCY_OF_PRIORITY[h.otherInfo?.priority ?? 0] ?? 'normal',
    description: notes.join(' ').slice(0, 500),
  };
  if (h.signer.fullName) r.signerName = h.signer.fullName.slice(0, 50);
  const position = [h.signer.competence, h.signer.position].filter(Boolean).join(' ');
  if (position) r.signerPosition = position.slice(0, 100);
  if (h.otherInfo?.pageAmount && h.otherInfo.pageAmount > 0 && h.otherInfo.pageAmount <= 999) r.pageAmount = h.otherInfo.pageAmount;
  if (h.toPlaces.length) r.toPlaces = h.toPlaces.join('; ').slice(0, 1000);
  if (h.dueDate) r.dueDate = h.dueDate;
  return r;
}

/** What an update from the sender may change in a registered record (never its number or arrival). */
const UPDATABLE = [
  'symbol',
  'issuedDate',
  'typeName',
  'subject',
  'signerName',
  'signerPosition',
  'urgency',
  'pageAmount',
  'toPlaces',
  'dueDate',
];

export class InterchangeService {
  constructor(
    private readonly store: Store,
    private readonly files: BlobStore,
    private readonly clock: Clock,
    private readonly incoming: IncomingService,
  ) {}

  private now(): string {
    return toVnIso(this.clock());
  }

  // ---- organ directory -------------------------------------------------------------------

  async addOrgan(input: unknown, actor: string): Promise<Organ & { added: boolean }> {
    const o = validateOrgan(input);
    const at = this.now();
    return this.store.write(async (repos) => {
      const added = await repos.interchange.putOrgan(o, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor, action: added ? 'organ_add' : 'organ_update', entity: 'organ', entityId: null, data: { new: o } });
      await audit.finish();
      return { ...o, added };
    });
  }

  /** A CSV of organs (header row; Vietnamese or English column names): all rows or none. */
  async importOrgans(bytes: Uint8Array, actor: string): Promise<{ added: number; updated: number }> {
    let rows: string[][];
    // csv-parse is loaded by the import that reads CSV, not by every command that builds the services.
    const { parse: parseCsv } = await import('csv-parse/sync');
    try {
      rows = parseCsv(
        Buffer.from(bytes)
          .toString('utf8')
          .replace(/^\ufeff/, ''),
        { relax_column_count: false, skip_empty_lines: true, bom: true },
      ) as string[][];
    } catch (e) {
      throw fail('invalid_csv', 'file', `Tệp CSV không đọc được: ${(e as Error).message}; không dòng nào được nhập.`);
    }
    if (rows.length < 2) throw fail('invalid_csv', 'file', 'Tệp CSV không có dòng dữ liệu nào (dòng đầu là tên cột).');
    const cols = rows[0]!.map((h) => CSV_COLUMNS[headerKey(h)] ?? null);
    if (!cols.includes('organId') || !cols.includes('name')) {
      throw fail('invalid_csv', 'file', 'Tệp CSV phải có cột «ma_dinh_danh» và «ten» (mã định danh, tên cơ quan).');
    }
    const organs: Organ[] = [];
    const errors: { line: number; code: string; message: string }[] = [];
    rows.slice(1).forEach((r, i) => {
      const input: Record<string, string> = {};
      cols.forEach((c, j) => {
        if (c) input[c] = r[j] ?? '';
      });
      try {
        organs.push(validateOrgan(input));
      } catch (e) {
        if (!(e instanceof AppFailure)) throw e;
        errors.push({ line: i + 2, code: e.error.code, message: e.error.message });
      }
    });
    if (errors.length) {
      throw new AppFailure(
        {
          code: 'import_failed',
          field: 'file',
          message: `Tệp có ${errors.length} dòng lỗi; không dòng nào được nhập.`,
          details: { errors: errors.slice(0, 50) },
        },
        undefined,
        { errors },
      );
    }
    const at = this.now();
    return this.store.write(async (repos) => {
      let added = 0;
      for (const o of organs) if (await repos.interchange.putOrgan(o, at)) added++;
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor, action: 'organ_import', entity: 'organ', entityId: null, data: { rows: organs.length, added } });
      await audit.finish();
      return { added, updated: organs.length - added };
    });
  }

  listOrgans(): Promise<Organ[]> {
    return this.store.read((r) => r.interchange.organs());
  }

  private async ownOrgan(repos: Repositories): Promise<EdxmlOrganization> {
    const id = await repos.meta.get(OWN_ORGAN_KEY);
    if (!id) {
      throw fail('organ_id_missing', 'organId', 'Chưa khai báo mã định danh của cơ quan (init --organ-id …, ví dụ 000.00.00.H48).');
    }
    const listed = await repos.interchange.organ(id);
    const o = organFrom(listed, id);
    if (!o.organName) o.organName = (await repos.meta.get('org_name')) ?? undefined;
    return o;
  }

  // ---- the exchange folders (administrator's setting) ------------------------------------

  async folders(): Promise<ExchangeFolders> {
    const raw = await this.store.read((r) => r.meta.get(FOLDERS_KEY));
    return parseFolders(raw);
  }

  /**
   * Sets the inbox, outbox and «lỗi» folders: absolute paths of folders that exist, none the
   * same as another (an outbox read back as the inbox would receive our own messages).
   */
  async setFolders(input: unknown, actor: string): Promise<ExchangeFolders> {
    if (!input || typeof input !== 'object') throw fail('invalid_input', 'folders', 'Dữ liệu thư mục liên thông không hợp lệ.');
    const i = input as Record<string, unknown>;
    const next: ExchangeFolders = {
      inbox: await folderField(i.inbox, 'inbox', 'Thư mục nhận'),
      outbox: await folderField(i.outbox, 'outbox', 'Thư mục gửi'),
      errors: await folderField(i.errors, 'errors', 'Thư mục «lỗi»'),
      intervalSeconds: DEFAULT_INTERVAL,
    };
    if (i.intervalSeconds !== undefined && i.intervalSeconds !== null) {
      const n = i.intervalSeconds;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 5 || n > 3600) {
        throw fail('invalid_number', 'intervalSeconds', 'Chu kỳ kiểm tra thư mục nhận: số giây từ 5 đến 3600.');
      }
      next.intervalSeconds = n;
    }
    if ((next.inbox === null) !== (next.outbox === null)) {
      throw fail('required', next.inbox === null ? 'inbox' : 'outbox', 'Cần cả thư mục nhận và thư mục gửi (hoặc bỏ trống cả hai để tắt).');
    }
    const given = [next.inbox, next.outbox, next.errors].filter((x): x is string => x !== null).map((x) => path.resolve(x));
    if (new Set(given).size !== given.length) {
      throw fail('same_folder', 'outbox', 'Thư mục nhận, thư mục gửi và thư mục «lỗi» phải khác nhau.');
    }
    const at = this.now();
    return this.store.write(async (repos) => {
      const before = parseFolders(await repos.meta.get(FOLDERS_KEY));
      await repos.meta.set(FOLDERS_KEY, JSON.stringify(next));
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor, action: 'exchange_folders', entity: 'settings', entityId: null, data: { old: before, new: next } });
      await audit.finish();
      return next;
    });
  }

  // ---- sending ---------------------------------------------------------------------------

  /** `send` into the outbox of the exchange folders (the app's «Gửi liên thông»; `edxml send`). */
  async sendToOutbox(
    outgoingId: number,
    to: string[],
    opts: { actor: string; businessType?: BusinessDocType; reason?: string; replaces?: number },
  ): Promise<{ documentId: string; files: string[]; deliveries: DeliveryView[] }> {
    const f = await this.folders();
    if (!f.outbox) {
      throw fail(
        'exchange_not_configured',
        'outbox',
        'Chưa đặt thư mục gửi liên thông: quản trị viên đặt thư mục nhận, gửi trong «Liên thông».',
      );
    }
    const st = await stat(f.outbox).catch(() => null);
    if (!st?.isDirectory()) {
      throw fail('folder_not_found', 'outbox', `Không thấy thư mục gửi «${f.outbox}» (ổ mạng chưa kết nối?). Chưa gửi gì.`);
    }
    const { FolderTransport } = await import('./transport.js');
    const transport = new FolderTransport(f.inbox ?? f.outbox, f.outbox, 0, undefined, f.errors);
    const r = await this.send(outgoingId, to, { ...opts, transport });
    return { documentId: r.documentId, files: r.messages.map((m) => path.join(f.outbox!, m.fileName)), deliveries: r.deliveries };
  }

  /**
   * One message per recipient organ for an issued electronic document: a new document, or a
   * recall / update / replacement of one sent before. Rows are recorded as «đã gửi» in one
   * transaction with the messages built; the caller writes the files (transport.ts).
   */
  async send(
    outgoingId: number,
    to: string[],
    opts: { actor: string; businessType?: BusinessDocType; reason?: string; replaces?: number; transport?: Transport },
  ): Promise<{ documentId: string; messages: OutMessage[]; deliveries: DeliveryView[] }> {
    const businessType = opts.businessType ?? 0;
    if (!to.length) throw fail('required', 'to', 'Chưa chọn cơ quan nhận (--to MÃ_ĐỊNH_DANH).');
    if (opts.reason !== undefined) opts = { ...opts, reason: field(opts.reason, 'reason', 500) ?? undefined };
    if (businessType === 1 && !opts.reason) throw fail('required', 'reason', 'Thu hồi: cần nêu lý do (gửi kèm cho nơi nhận).');
    const at = this.now();
    const prepared = await this.store.read(async (repos) => {
      const doc = await repos.outgoing.get(outgoingId);
      if (!doc) throw new AppFailure(makeError('not_found', { field: 'id' }));
      if (doc.status !== 'issued') {
        throw fail('not_issued', 'id', 'Chỉ gửi liên thông văn bản đã ban hành điện tử (đã ký số của cơ quan).');
      }
      const from = await this.ownOrgan(repos);
      const recipients: Organ[] = [];
      for (const id of [...new Set(to.map((t) => t.trim().toUpperCase()))]) {
        const o = await repos.interchange.organ(id);
        if (!o) throw fail('unknown_organ', 'to', `Cơ quan «${id}» chưa có trong danh bạ cơ quan (organ add).`);
        recipients.push(o);
      }
      const place = (await repos.meta.get('org_place')) ?? '';
      const replies = [];
      for (const inId of doc.replyTo) {
        const r = await repos.incoming.get(inId);
        const rec = (await repos.interchange.listReceived(10_000)).find((x) => x.incomingId === inId && x.businessType === 0);
        if (r && rec)
          replies.push({ organId: rec.fromOrgan, code: r.symbol ?? '', promulgationDate: r.issuedDate, documentId: rec.documentId });
      }
      const signed = doc.files.filter((f) => f.kind === 'signed_organization').at(-1);
      if (!signed) throw fail('not_issued', 'id', 'Văn bản chưa có bản ký số của cơ quan.');
      const attachments = [
        { sha: signed.sha256, name: `${doc.symbol!.replace(/\//g, '-')}.pdf`, description: `${doc.typeName} ${doc.symbol} (bản ký số)` },
      ];
      for (const a of doc.attachments)
        attachments.push({ sha: a.signedSha256 ?? a.sha256, name: a.fileName, description: `Phụ lục: ${a.fileName}` });
      return { doc, from, recipients, place, replies, attachments };
    });
    const { doc, from, recipients, place, replies } = prepared;
    const { documentIdOf, buildDocumentMessage } = await edxml();
    const documentId = documentIdOf(from.organId, doc.issuedDate!, doc.symbol!);
    let originalId: string | undefined;
    if (businessType !== 0) {
      const sent = await this.store.read((r) => r.interchange.sentFor(outgoingId));
      if (!sent.some((s) => s.businessType === 0)) {
        throw fail('not_sent', 'id', 'Văn bản chưa được gửi liên thông; không thể thu hồi, cập nhật hay thay thế.');
      }
      originalId = documentId;
    }
    if (businessType === 3 && opts.replaces === undefined) {
      throw fail('required', 'replaces', 'Thay thế: cần chỉ rõ văn bản đi bị thay thế (--replaces ID).');
    }
    let replacedDocumentId: string | undefined;
    if (businessType === 3) {
      const old = await this.store.read((r) => r.interchange.sentFor(opts.replaces!));
      if (!old.length) throw fail('not_sent', 'replaces', 'Văn bản bị thay thế chưa từng được gửi liên thông.');
      replacedDocumentId = old[0]!.documentId;
    }
    const blobs = new Map<string, Buffer>();
    for (const a of prepared.attachments) blobs.set(a.sha, await this.files.read(a.sha));
    const typeIndex = DOCUMENT_TYPE_NAMES.indexOf(doc.typeName);
    const messages: OutMessage[] = [];
    const stamp = at.slice(0, 19).replace(/[-:T]/g, '');
    for (const to of recipients) {
      const bytes = buildDocumentMessage({
        header: {
          from,
          to: [organFrom(to, to.organId)],
          documentId: businessType === 3 ? documentId : documentId,
          codeNumber: String(doc.codeNumber).padStart(2, '0'),
          codeNotation: doc.symbol!.split('/').slice(1).join('/'),
          place,
          promulgationDate: doc.issuedDate!,
          documentType: { type: typeIndex + 1, typeDetail: 0, typeName: doc.typeName },
          subject: doc.subject,
          signer: {
            ...(doc.signerAuthority ? { competence: doc.signerAuthority } : {}),
            position: doc.signerPosition,
            fullName: doc.signerName,
          },
          ...(doc.dueDate ? { dueDate: doc.dueDate } : {}),
          otherInfo: { priority: PRIORITY_OF_URGENCY[doc.urgency], ...(doc.copies ? { promulgationAmount: doc.copies } : {}) },
          responseFor: replies,
          steeringType: 0,
          toPlaces: doc.recipients,
        },
        traces: [{ organId: from.organId, timestamp: at }],
        business: {
          docType: businessType,
          paper: 0,
          ...(originalId && businessType !== 3 ? { documentId: originalId } : {}),
          ...(opts.reason ? { reason: opts.reason } : {}),
          ...(replacedDocumentId
            ? { documentId: replacedDocumentId, replacements: [{ documentId: replacedDocumentId, organIds: [to.organId] }] }
            : {}),
        },
        attachments:
          businessType === 1
            ? []
            : prepared.attachments.map((a, i) => ({
                contentId: `${sha256(Buffer.from(`${documentId}|${i}`)).slice(0, 8)}-${i + 1}`,
                name: a.name,
                description: a.description,
                contentType: 'application/pdf',
                bytes: blobs.get(a.sha)!,
              })),
      });
      messages.push({
        fileName: `${stamp}_${safeName(from.organId)}_${safeName(to.organId)}_${safeName(doc.symbol!)}_${businessType}.edxml`,
        bytes,
      });
    }
    // Files first, where the connector does not look; then the records; then the files shown.
    const staged: StagedMessage[] = [];
    try {
      if (opts.transport) for (const m of messages) staged.push(await opts.transport.stage(m));
      await this.recordSent(outgoingId, recipients, messages, { at, businessType, documentId, actor: opts.actor, reason: opts.reason });
    } catch (e) {
      for (const s of staged) await s.discard().catch(() => undefined);
      if (e instanceof AppFailure) throw e;
      throw fail('exchange_write_failed', 'outbox', `Không ghi được gói tin vào thư mục gửi: ${(e as Error).message}. Chưa gửi gì.`);
    }
    for (const s of staged) await s.publish();
    return { documentId, messages, deliveries: await this.deliveries(outgoingId) };
  }

  private async recordSent(
    outgoingId: number,
    recipients: Organ[],
    messages: OutMessage[],
    o: { at: string; businessType: BusinessDocType; documentId: string; actor: string; reason: string | undefined },
  ): Promise<void> {
    const { at, businessType, documentId } = o;
    await this.store.write(async (repos) => {
      const audit = await AuditWriter.begin(repos, at);
      for (const [i, to] of recipients.entries()) {
        await repos.interchange.insertSent({
          outgoingId,
          organId: to.organId,
          organName: to.name,
          businessType,
          documentId,
          status: 'sent',
          statusAt: at,
          note: o.reason ?? null,
          fileName: messages[i]!.fileName,
          createdAt: at,
        });
      }
      await audit.append({
        actor: o.actor,
        action: 'edxml_send',
        entity: 'outgoing',
        entityId: outgoingId,
        data: {
          documentId,
          businessType,
          to: recipients.map((r) => r.organId),
          files: messages.map((m) => ({ name: m.fileName, sha256: sha256(m.bytes) })),
        },
      });
      await audit.finish();
    });
  }

  /** Each recipient's delivery status of an outgoing document, with the statuses received. */
  async deliveries(outgoingId: number): Promise<DeliveryView[]> {
    return this.store.read(async (repos) => {
      const rows = await repos.interchange.sentFor(outgoingId);
      const out: DeliveryView[] = [];
      for (const r of rows) {
        const history = (await repos.interchange.statuses(r.documentId)).filter((s) => s.direction === 'in' && s.organId === r.organId);
        out.push({
          organId: r.organId,
          organName: r.organName,
          businessType: r.businessType,
          documentId: r.documentId,
          status: r.status,
          statusLabel: DELIVERY_LABELS[r.status],
          statusAt: r.statusAt,
          note: r.note,
          history: history.map((h) => ({ code: h.code, description: h.description, at: h.at })),
        });
      }
      return out;
    });
  }

  // ---- receiving -------------------------------------------------------------------------

  /**
   * Takes one message file from the inbox. A document becomes a pending registration (and a
   * 01 is queued); a recall marks the document; a status updates the delivery. Refusals are
   * coded AppFailures and write nothing.
   */
  async receive(bytes: Uint8Array, opts: { actor: string }): Promise<ReceiveOutcome> {
    const hash = sha256(bytes);
    const seen = await this.store.read(
      async (r) => (await r.interchange.receivedBySha(hash)) !== null || (await r.interchange.statusBySha(hash)),
    );
    if (seen) return { kind: 'already_processed' };
    const m = (await edxml()).parseEdxml(bytes);
    if (m.kind === 'status' && m.statusCode === '13') return this.receiveRecallStatus(m, hash, opts.actor);
    if (m.kind === 'status') return this.receiveStatus(m, hash, opts.actor);
    await checkOfficeAttachments(m.attachments);
    const at = this.now();
    // The message is kept whole (its attachments are read from it when the clerk registers it).
    const blob = await this.files.put(bytes);
    return this.store.write(async (repos) => {
      const own = await repos.meta.get(OWN_ORGAN_KEY);
      if (own && !m.header.to.some((t) => t.organId === own)) {
        throw fail(
          'edxml_not_for_us',
          'file',
          `Gói tin gửi cho ${m.header.to.map((t) => t.organId).join(', ')}, không phải cơ quan này (${own}).`,
        );
      }
      const h = m.header;
      const b = m.business;
      const audit = await AuditWriter.begin(repos, at);
      const listed = await repos.interchange.organ(h.from.organId);
      const fromName = h.from.organName ?? listed?.name ?? null;
      const symbol = h.codeNotation ? `${h.codeNumber}/${h.codeNotation}` : h.codeNumber;
      const targetId = (b.docType === 3 ? b.replacements?.[0]?.documentId : undefined) ?? b.documentId ?? h.documentId;
      const original = b.docType === 0 ? null : await repos.interchange.receivedNew(targetId);
      if (b.docType === 0) {
        const dup = await repos.interchange.receivedNew(h.documentId);
        if (dup) {
          throw fail(
            'edxml_duplicate',
            'file',
            `Văn bản ${h.documentId} đã được nhận (lần nhận số ${dup.id}); gói tin trùng không được xử lý lại.`,
            {
              existing: toReceivedView(dup),
            },
          );
        }
      }
      if (b.docType === 1 && !original) {
        throw fail('edxml_unknown_document', 'file', `Thu hồi văn bản ${targetId}, nhưng cơ quan chưa từng nhận văn bản này.`);
      }
      const answersLater = b.docType === 2 && original?.state === 'registered';
      await repos.attachments.ensureBlob({ sha256: blob, size: bytes.byteLength, mime: 'application/xml' }, at);
      const header = JSON.stringify({
        header: h,
        business: b,
        traces: m.traces,
        blob,
        attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.bytes.byteLength })),
      });
      const id = await repos.interchange.insertReceived({
        messageSha256: hash,
        documentId: h.documentId,
        fromOrgan: h.from.organId,
        fromName,
        businessType: b.docType,
        subject: h.subject,
        symbol,
        state: b.docType === 1 ? (original!.state === 'registered' ? 'pending' : 'registered') : 'pending',
        incomingId: b.docType === 1 ? original!.incomingId : null,
        linkedTo: original?.id ?? null,
        recalled: false,
        refuseReason: null,
        lastStatus: b.docType === 1 || answersLater ? null : '01',
        receivedAt: at,
        header,
      });
      // The stored message belongs to this received row (on PostgreSQL the clerk's own connection reads it through that link).
      await repos.interchange.linkReceivedFile(id, blob, 'message');
      const responseFor = { organId: h.from.organId, code: symbol, promulgationDate: h.promulgationDate, documentId: h.documentId };
      if (b.docType === 1) {
        await this.recallArrived(repos, audit, id, original!, { at, actor: opts.actor, reason: b.reason ?? null, hash });
      } else {
        // An update of a registered document is answered by 15 or 16 once the clerk decides.
        if (!answersLater) await this.queueStatus(repos, responseFor, '01', at, STATUS_DESCRIPTIONS['01']);
        await audit.append({
          actor: opts.actor,
          action: 'edxml_receive',
          entity: 'edxml',
          entityId: id,
          data: { documentId: h.documentId, businessType: b.docType, message: hash },
        });
      }
      await audit.finish();
      const row = (await repos.interchange.received(id))!;
      if (b.docType === 1)
        return {
          kind: 'recall' as const,
          received: toReceivedView(row),
          original: toReceivedView((await repos.interchange.received(original!.id))!),
        };
      return {
        kind: 'document' as const,
        received: toReceivedView(row),
        registration: registrationOf(m, fromName, original),
        attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.bytes.byteLength })),
      };
    });
  }

  /**
   * A recall (BussinessDocType 1, or a status 13) of a document received: one not registered
   * yet is given back at once (15, and it leaves the pending list); a registered one waits
   * for the clerk, who agrees (15: the document is marked recalled) or refuses (16).
   */
  private async recallArrived(
    repos: Repositories,
    audit: AuditWriter,
    id: number,
    original: ReceivedRow,
    o: { at: string; actor: string; reason: string | null; hash: string },
  ): Promise<void> {
    if (original.state === 'registered') {
      await audit.append({
        actor: o.actor,
        action: 'edxml_recall_request',
        entity: 'incoming',
        entityId: original.incomingId,
        data: { documentId: original.documentId, reason: o.reason, message: o.hash, received: id },
      });
    } else {
      await repos.interchange.updateReceived(id, { lastStatus: '15' });
      await repos.interchange.updateReceived(original.id, {
        recalled: true,
        ...(original.state === 'pending'
          ? { state: 'refused' as const, refuseReason: `Nơi gửi đã thu hồi${o.reason ? `: ${o.reason}` : ''}.` }
          : {}),
      });
      await this.queueStatus(
        repos,
        this.responseOf(original),
        '15',
        o.at,
        o.reason ? `Đồng ý thu hồi: ${o.reason}` : STATUS_DESCRIPTIONS['15'],
      );
      await audit.append({
        actor: o.actor,
        action: 'edxml_recall',
        entity: 'edxml',
        entityId: original.id,
        data: { documentId: original.documentId, reason: o.reason, message: o.hash },
      });
    }
  }

  /** The ResponseFor of an answer about a received document. */
  private responseOf(r: ReceivedRow): { organId: string; code: string; promulgationDate?: string; documentId: string } {
    const h = (JSON.parse(r.header) as { header?: EdxmlDocumentMessage['header'] }).header;
    return {
      organId: r.fromOrgan,
      code: r.symbol,
      ...(h?.promulgationDate ? { promulgationDate: h.promulgationDate } : {}),
      documentId: r.documentId,
    };
  }

  /** A status 13 from the sender of a document received: a recall request, as a BussinessDocType 1 is. */
  private async receiveRecallStatus(m: EdxmlStatusMessage, hash: string, actor: string): Promise<ReceiveOutcome> {
    const at = this.now();
    return this.store.write(async (repos) => {
      const original = await repos.interchange.receivedNew(m.responseFor.documentId);
      if (!original || original.fromOrgan !== m.from.organId) {
        throw fail(
          'edxml_unknown_document',
          'file',
          `${m.from.organId} yêu cầu lấy lại văn bản ${m.responseFor.documentId}, nhưng cơ quan chưa từng nhận văn bản này từ nơi đó.`,
        );
      }
      const id = await repos.interchange.insertReceived({
        messageSha256: hash,
        documentId: original.documentId,
        fromOrgan: original.fromOrgan,
        fromName: original.fromName,
        businessType: 1,
        subject: original.subject,
        symbol: original.symbol,
        state: original.state === 'registered' ? 'pending' : 'registered',
        incomingId: original.incomingId,
        linkedTo: original.id,
        recalled: false,
        refuseReason: null,
        lastStatus: null,
        receivedAt: at,
        header: JSON.stringify({ status: m, header: (JSON.parse(original.header) as { header?: unknown }).header }),
      });
      const audit = await AuditWriter.begin(repos, at);
      await this.recallArrived(repos, audit, id, original, { at, actor, reason: m.description ?? null, hash });
      await audit.finish();
      return {
        kind: 'recall' as const,
        received: toReceivedView((await repos.interchange.received(id))!),
        original: toReceivedView((await repos.interchange.received(original.id))!),
      };
    });
  }

  private async queueStatus(
    repos: Repositories,
    responseFor: { organId: string; code: string; promulgationDate?: string; documentId: string },
    code: StatusCode,
    at: string,
    description: string,
  ): Promise<void> {
    // The message is built when written (flushStatuses), from this row and the document's
    // header kept with the received message: nothing but the row is needed here.
    await repos.interchange.insertStatus({
      direction: 'out',
      documentId: responseFor.documentId,
      organId: responseFor.organId,
      code,
      description,
      at,
      messageSha256: null,
    });
  }

  private async receiveStatus(m: EdxmlStatusMessage, hash: string, actor: string): Promise<ReceiveOutcome> {
    const at = this.now();
    return this.store.write(async (repos) => {
      const sent = await repos.interchange.sentByDocument(m.responseFor.documentId, m.from.organId);
      if (!sent.length) {
        throw fail(
          'edxml_unknown_document',
          'file',
          `Gói tin trạng thái của ${m.from.organId} về văn bản ${m.responseFor.documentId}, nhưng văn bản này chưa từng gửi cho cơ quan đó.`,
        );
      }
      await repos.interchange.insertStatus({
        direction: 'in',
        documentId: m.responseFor.documentId,
        organId: m.from.organId,
        code: m.statusCode,
        description: m.description ?? STATUS_DESCRIPTIONS[m.statusCode],
        at: m.timestamp,
        messageSha256: hash,
      });
      const next = DELIVERY_OF_STATUS[m.statusCode];
      let changed = 0;
      if (next) {
        // 01–06 follow a document (new, or a replacement, itself a new document), not a request about one.
        for (const s of sent) {
          if (s.businessType === 1 || s.businessType === 2) continue;
          // Statuses move forward only: a late «đã đến» after «đã tiếp nhận» changes nothing.
          if (s.status === 'recalled' || DELIVERY_RANK[next] <= DELIVERY_RANK[s.status]) continue;
          await repos.interchange.updateSent(s.id, next, m.timestamp, m.statusCode === '02' ? (m.description ?? null) : s.note);
          changed++;
        }
      } else if (m.statusCode === '15' || m.statusCode === '16') {
        // The answer to the latest recall or update still open: 15 agrees (a recall takes the
        // document back: every row of it becomes «thu hồi»), 16 refuses with its reason.
        const request = sent.filter((s) => (s.businessType === 1 || s.businessType === 2) && s.status === 'sent').at(-1);
        if (request && m.statusCode === '16') {
          await repos.interchange.updateSent(request.id, 'refused', m.timestamp, m.description ?? STATUS_DESCRIPTIONS['16']);
          changed++;
        } else if (request && request.businessType === 2) {
          await repos.interchange.updateSent(request.id, 'accepted', m.timestamp, request.note);
          changed++;
        } else if (request) {
          for (const s of sent) {
            if (s.status === 'recalled' || s.businessType === 2 || (s.businessType === 1 && s.id !== request.id)) continue;
            await repos.interchange.updateSent(s.id, 'recalled', m.timestamp, s.id === request.id ? request.note : s.note);
            changed++;
          }
        }
      }
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor,
        action: 'edxml_status',
        entity: 'outgoing',
        entityId: sent[0]!.outgoingId,
        data: { documentId: m.responseFor.documentId, from: m.from.organId, code: m.statusCode, message: hash },
      });
      await audit.finish();
      return {
        kind: 'status' as const,
        documentId: m.responseFor.documentId,
        from: m.from.organId,
        code: m.statusCode,
        deliveries: changed,
      };
    });
  }

  private async pending(repos: Repositories, id: number): Promise<ReceivedRow> {
    const r = await repos.interchange.received(id);
    if (!r) throw fail('not_found', 'id', `Không có gói tin đã nhận số ${id}.`);
    if (r.state !== 'pending') {
      throw fail(
        'edxml_not_pending',
        'id',
        r.state === 'registered' ? 'Văn bản này đã được vào sổ.' : 'Văn bản này đã bị từ chối tiếp nhận.',
      );
    }
    return r;
  }

  /** The pre-filled registration of a pending message (the clerk's form). */
  async preview(id: number): Promise<{
    received: ReceivedView;
    registration: Record<string, unknown>;
    attachments: { name: string; contentType: string; size: number }[];
  }> {
    const row0 = await this.store.read((repos) => this.pending(repos, id));
    // A recall carries no document: the clerk sees which one is asked back (the list row).
    if (row0.businessType === 1) return { received: toReceivedView(row0), registration: {}, attachments: [] };
    const { row, m, link } = await this.loadPending(id);
    return {
      received: toReceivedView(row),
      registration: registrationOf(m, row.fromName, link),
      attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.bytes.byteLength })),
    };
  }

  private async loadPending(id: number) {
    const { row, link } = await this.store.read(async (repos) => {
      const row = await this.pending(repos, id);
      return { row, link: row.linkedTo ? await repos.interchange.received(row.linkedTo) : null };
    });
    const { blob } = JSON.parse(row.header) as { blob: string };
    const m = (await edxml()).parseEdxml(await this.files.read(blob));
    if (m.kind !== 'document') throw fail('edxml_not_pending', 'id', 'Gói tin không phải văn bản.');
    return { row, m, link };
  }

  /**
   * Registers a pending message as an incoming document, with its attachments (each PDF's
   * signatures verified by the incoming service), and queues the 03. `fields` overrides the
   * pre-filled values (the clerk's corrections).
   */
  async register(
    id: number,
    opts: { actor: string; fields?: Record<string, unknown>; force?: boolean },
  ): Promise<{ received: ReceivedView; incoming: IncomingRecord }> {
    const first = await this.store.read(async (repos) => {
      const row = await this.pending(repos, id);
      return { row, link: row.linkedTo ? await repos.interchange.received(row.linkedTo) : null };
    });
    if (first.row.businessType === 1) return this.agreeRecall(id, opts.actor);
    if (first.row.businessType === 2 && first.link?.state === 'registered' && first.link.incomingId) {
      return this.applyUpdate(id, first.link.incomingId, opts);
    }
    const { row, m, link } = await this.loadPending(id);
    const input = { ...registrationOf(m, row.fromName, link), ...(opts.fields ?? {}) };
    const at = this.now();
    const incoming = await this.incoming.add(input, {
      actor: opts.actor,
      force: opts.force ?? false,
      attachments: m.attachments.map((a) => ({ fileName: a.name, bytes: a.bytes })),
      officeFiles: true,
      within: async (repos, incomingId, audit) => {
        // Checked again inside the transaction: two clerks confirming at once register it once.
        await this.pending(repos, id);
        await repos.interchange.updateReceived(id, { state: 'registered', incomingId, lastStatus: '03' });
        await this.queueStatus(
          repos,
          { organId: row.fromOrgan, code: row.symbol, promulgationDate: m.header.promulgationDate, documentId: row.documentId },
          '03',
          at,
          STATUS_DESCRIPTIONS['03'],
        );
        await audit.append({
          actor: opts.actor,
          action: 'edxml_register',
          entity: 'incoming',
          entityId: incomingId,
          data: { documentId: row.documentId, received: id },
        });
      },
    });
    const received = await this.store.read(async (r) => toReceivedView((await r.interchange.received(id))!));
    return { received, incoming };
  }

  /** The clerk agrees to give a registered document back: 15; the document is marked recalled. */
  private async agreeRecall(id: number, actor: string): Promise<{ received: ReceivedView; incoming: IncomingRecord }> {
    const at = this.now();
    return this.store.write(async (repos) => {
      const row = await this.pending(repos, id);
      const original = (await repos.interchange.received(row.linkedTo!))!;
      await repos.interchange.updateReceived(id, { state: 'registered', lastStatus: '15' });
      await repos.interchange.updateReceived(original.id, { recalled: true });
      await this.queueStatus(repos, this.responseOf(original), '15', at, STATUS_DESCRIPTIONS['15']);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor,
        action: 'edxml_recall',
        entity: 'incoming',
        entityId: original.incomingId,
        data: { documentId: original.documentId, received: id },
      });
      await audit.finish();
      const incoming = await repos.incoming.get(original.incomingId!);
      if (!incoming) throw new AppFailure(makeError('not_found', { field: 'id' }));
      return { received: toReceivedView((await repos.interchange.received(id))!), incoming };
    });
  }

  /**
   * An update (BussinessDocType 2) of a document already registered changes that record's
   * fields (subject, signer, dates, urgency…), in the same transaction as the 15 answering it;
   * the number and the arrival stay. (Its attachments, if any, stay in the message.)
   */
  private async applyUpdate(
    id: number,
    incomingId: number,
    opts: { actor: string; fields?: Record<string, unknown>; force?: boolean },
  ): Promise<{ received: ReceivedView; incoming: IncomingRecord }> {
    const { row, m, link } = await this.loadPending(id);
    const all = { ...registrationOf(m, row.fromName, link), ...(opts.fields ?? {}) };
    const patch: Record<string, unknown> = {};
    for (const k of UPDATABLE) if (all[k] !== undefined) patch[k] = all[k];
    const at = this.now();
    const incoming = await this.incoming.update(incomingId, patch, {
      actor: opts.actor,
      force: opts.force ?? false,
      within: async (repos, audit) => {
        await this.pending(repos, id);
        await repos.interchange.updateReceived(id, { state: 'registered', incomingId, lastStatus: '15' });
        await this.queueStatus(repos, this.responseOf(link!), '15', at, 'Văn thư đồng ý yêu cầu cập nhật: đã cập nhật văn bản đã vào sổ');
        await audit.append({
          actor: opts.actor,
          action: 'edxml_update',
          entity: 'incoming',
          entityId: incomingId,
          data: { documentId: row.documentId, received: id },
        });
      },
    });
    const received = await this.store.read(async (r) => toReceivedView((await r.interchange.received(id))!));
    return { received, incoming };
  }

  /** Refuses a pending message with the clerk's reason; a 02 carries the reason back. */
  async refuse(id: number, reason: string, actor: string): Promise<ReceivedView> {
    const why = field(reason, 'reason', 500, true)!;
    const at = this.now();
    return this.store.write(async (repos) => {
      const row = await this.pending(repos, id);
      // A recall or an update is refused with 16 (about the document); a document with 02.
      const code: StatusCode = row.businessType === 1 || row.businessType === 2 ? '16' : '02';
      const about = row.businessType === 1 && row.linkedTo ? (await repos.interchange.received(row.linkedTo))! : row;
      await repos.interchange.updateReceived(id, { state: 'refused', refuseReason: why, lastStatus: code });
      await this.queueStatus(repos, this.responseOf(about), code, at, `${STATUS_DESCRIPTIONS[code]}. Lý do: ${why}`);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor,
        action: 'edxml_refuse',
        entity: 'edxml',
        entityId: id,
        data: { documentId: row.documentId, reason: why },
      });
      await audit.finish();
      return toReceivedView((await repos.interchange.received(id))!);
    });
  }

  listReceived(limit = 200): Promise<ReceivedView[]> {
    return this.store.read(async (r) => (await r.interchange.listReceived(limit)).map(toReceivedView));
  }

  /**
   * Queues 04, 05, 06 for registered documents as they move (assigned, in progress, done):
   * derived from the assignments, so no other service needs to know about interchange.
   */
  async collectProgress(): Promise<number> {
    const at = this.now();
    return this.store.write(async (repos) => {
      let queued = 0;
      for (const r of await repos.interchange.receivedOpen()) {
        if (r.businessType !== 0) continue;
        const current = await repos.workflow.currentAssignments(r.incomingId!);
        if (!current.length) continue;
        const lead = current.filter((a) => a.role === 'lead');
        const done = lead.length > 0 && lead.every((a) => a.status === 'done');
        const progressing = current.some((a) => a.status === 'in_progress' || a.status === 'done');
        const sent = r.lastStatus ?? '00';
        const h = (JSON.parse(r.header) as { header: EdxmlDocumentMessage['header'] }).header;
        const rf = { organId: r.fromOrgan, code: r.symbol, promulgationDate: h.promulgationDate, documentId: r.documentId };
        // Each step the document passed since the last answer, in order (04 before 06).
        const steps: StatusCode[] = [];
        if (sent < '04') steps.push('04');
        if ((progressing || done) && sent < '05') steps.push('05');
        if (done && sent < '06') steps.push('06');
        for (const code of steps) await this.queueStatus(repos, rf, code, at, STATUS_DESCRIPTIONS[code]);
        if (steps.length) {
          await repos.interchange.updateReceived(r.id, { lastStatus: steps.at(-1)! });
          queued += steps.length;
        }
      }
      return queued;
    });
  }

  /**
   * Status messages waiting to be written: built (deterministically from their row, so a
   * crash between writing and marking rewrites the same file) and handed to `write`, then
   * marked written.
   */
  async flushStatuses(write: (m: OutMessage) => Promise<void>): Promise<number> {
    const { rows, from } = await this.store.read(async (repos) => {
      const rows = await repos.interchange.unsentStatuses();
      return { rows, from: rows.length ? await this.ownOrgan(repos) : null };
    });
    for (const s of rows) {
      const promulgationDate = await this.store.read(async (repos) => {
        const rec = await repos.interchange.receivedNew(s.documentId);
        return rec ? (JSON.parse(rec.header) as { header: EdxmlDocumentMessage['header'] }).header.promulgationDate : undefined;
      });
      const [, , ...code] = s.documentId.split(',');
      const msg: Omit<EdxmlStatusMessage, 'kind'> = {
        from: from!,
        responseFor: {
          organId: s.organId,
          code: code.join(','),
          documentId: s.documentId,
          ...(promulgationDate ? { promulgationDate } : {}),
        },
        statusCode: s.code as StatusCode,
        timestamp: s.at,
        ...(s.description ? { description: s.description } : {}),
      };
      const bytes = (await edxml()).buildStatusMessage(msg);
      await write({
        fileName: `status_${String(s.id).padStart(8, '0')}_${safeName(from!.organId)}_${safeName(s.organId)}_${s.code}.edxml`,
        bytes,
      });
      await this.store.write((repos) => repos.interchange.markStatusWritten(s.id, sha256(bytes)));
    }
    return rows.length;
  }
}
