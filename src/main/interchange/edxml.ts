/**
 * edXML messages (QCVN 102:2016/BTTTT) written and read exactly as the VPCP reference SDK
 * and samples do (shared/domain/edxml.md): the root in the default QCVN namespace, every
 * element of the envelope with the `edXML:` prefix, AttachmentEncoded and its Attachments
 * unprefixed beside the envelope (only ContentTransferEncoded prefixed, with its own
 * declaration), children in the SDK's order, empty values omitted, dates `yyyy/MM/dd`,
 * timestamps `yyyy/MM/dd HH:mm:ss` in Vietnam time, base64 without line breaks.
 *
 * The reader takes what the SDK tolerates (children matched by local name, in any order;
 * `cid:` optional in an Attachment) and refuses, with a stable code, what cannot be
 * trusted: no DOCTYPE (xmlReader.ts), every element in the QCVN namespace, the required
 * elements present, dates and numbers well formed, base64 well formed, and each
 * attachment's bytes of the type it declares.
 */
import {
  EDXML_NS,
  STATUS_CODES,
  type BusinessDocType,
  type EdxmlAttachmentMeta,
  type EdxmlBusiness,
  type EdxmlDocumentMessage,
  type EdxmlHeader,
  type EdxmlMessage,
  type EdxmlOrganization,
  type EdxmlResponseFor,
  type EdxmlStaff,
  type EdxmlStatusMessage,
  type EdxmlTraceHeader,
  type StatusCode,
} from '../../shared/domain/interchange.js';
import { isValidDate } from '../../shared/text/dates.js';
import { nfc } from '../../shared/text/vietnamese.js';
import { randomBytes } from 'node:crypto';
import { checkXmlBytes, kid, kids, readXmlText, xmlFailure, type XNode, type XmlLimits } from './xmlReader.js';

export interface EdxmlLimits {
  /** Whole message, bytes. */
  maxBytes: number;
  maxAttachments: number;
  /** One attachment, decoded bytes. */
  maxAttachmentBytes: number;
}

/** A 5 MB signed PDF with appendices travels well inside; a gigabyte never gets read. */
export const DEFAULT_EDXML_LIMITS: EdxmlLimits = { maxBytes: 64 * 1024 * 1024, maxAttachments: 50, maxAttachmentBytes: 40 * 1024 * 1024 };

// ---------------------------------------------------------------------------------------
// Writing

const esc = (s: string) =>
  s.replace(/[&<>"\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#13;'));

/** A pretty-printed writer (two spaces per level, as jdom2's pretty format). */
class Writer {
  /** Text, or bytes to be written as base64 (never made into one big string: see toBuffer). */
  private parts: (string | Uint8Array)[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  private depth = 0;
  constructor(private readonly prefix: string) {}
  private pad() {
    return '  '.repeat(this.depth);
  }
  private q(name: string, prefix = this.prefix) {
    return prefix ? `${prefix}:${name}` : name;
  }
  open(name: string, attrs = '', prefix = this.prefix) {
    this.parts.push(`${this.pad()}<${this.q(name, prefix)}${attrs}>\n`);
    this.depth++;
  }
  close(name: string, prefix = this.prefix) {
    this.depth--;
    this.parts.push(`${this.pad()}</${this.q(name, prefix)}>\n`);
  }
  /** A leaf; omitted when the value is empty or a negative number (as the SDK does). */
  leaf(name: string, value: string | number | undefined | null, prefix = this.prefix, attrs = '') {
    if (value === undefined || value === null || value === '' || (typeof value === 'number' && value < 0)) return;
    const v = typeof value === 'number' ? String(value) : esc(nfc(value));
    this.parts.push(`${this.pad()}<${this.q(name, prefix)}${attrs}>${v}</${this.q(name, prefix)}>\n`);
  }
  /** An element holding bytes as base64, without line breaks. */
  base64(name: string, bytes: Uint8Array, prefix: string, attrs = '') {
    this.parts.push(`${this.pad()}<${this.q(name, prefix)}${attrs}>`, bytes, `</${this.q(name, prefix)}>\n`);
  }
  /**
   * The message's bytes, written once into a buffer of the exact size: the text between
   * attachments as UTF-8, each attachment encoded by slices straight into place (a 5 MB
   * attachment as one JavaScript string, joined with Vietnamese text, would be a 14 MB
   * two-byte string encoded again).
   */
  toBuffer(): Buffer {
    const runs: (string | Uint8Array)[] = [];
    let text: string[] = [];
    for (const p of this.parts) {
      if (typeof p === 'string') text.push(p);
      else {
        runs.push(text.join(''), p);
        text = [];
      }
    }
    runs.push(text.join(''));
    const size = runs.reduce((n, r) => n + (typeof r === 'string' ? Buffer.byteLength(r, 'utf8') : Math.ceil(r.byteLength / 3) * 4), 0);
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (const r of runs) {
      if (typeof r === 'string') {
        at += out.write(r, at, 'utf8');
        continue;
      }
      const bytes = Buffer.from(r.buffer, r.byteOffset, r.byteLength);
      const SLICE = 3 * 65536; // a multiple of 3: slices encode without padding but the last
      for (let i = 0; i < bytes.byteLength; i += SLICE)
        at += out.write(bytes.toString('base64', i, Math.min(i + SLICE, bytes.byteLength)), at, 'latin1');
    }
    if (at !== size) throw new Error(`edXML writer: ${at} bytes written, ${size} expected`);
    return out;
  }
}

const slashDate = (d: string | undefined) => (d ? d.replaceAll('-', '/') : undefined);
/** ISO with +07:00 → `yyyy/MM/dd HH:mm:ss` (the axis writes Vietnam time without a zone). */
const slashTimestamp = (iso: string) => `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 19)}`;

function writeOrganization(w: Writer, name: string, o: EdxmlOrganization) {
  w.open(name);
  w.leaf('OrganId', o.organId);
  w.leaf('OrganizationInCharge', o.organizationInCharge);
  w.leaf('OrganName', o.organName);
  w.leaf('OrganAdd', o.organAdd);
  w.leaf('Email', o.email);
  w.leaf('Telephone', o.telephone);
  w.leaf('Fax', o.fax);
  w.leaf('Website', o.website);
  w.close(name);
}

function writeResponseFor(w: Writer, r: EdxmlResponseFor, documentIdFirst: boolean) {
  w.open('ResponseFor');
  w.leaf('OrganId', r.organId);
  w.leaf('Code', r.code);
  // The status builder of the SDK puts DocumentId before PromulgationDate; the document's does not.
  if (documentIdFirst) w.leaf('DocumentId', r.documentId);
  w.leaf('PromulgationDate', slashDate(r.promulgationDate));
  if (!documentIdFirst) w.leaf('DocumentId', r.documentId);
  w.close('ResponseFor');
}

function writeStaff(w: Writer, s: EdxmlStaff) {
  w.open('StaffInfo');
  w.leaf('Department', s.department);
  w.leaf('Staff', s.staff);
  w.leaf('Email', s.email);
  w.leaf('Mobile', s.mobile);
  w.close('StaffInfo');
}

function openEnvelope(w: Writer) {
  w.open('edXML', ` xmlns="${EDXML_NS}"`, '');
  w.open('edXMLEnvelope', ` xmlns:edXML="${EDXML_NS}"`);
  w.open('edXMLHeader');
}

/** A document message: one file per recipient (the caller sets `to`). */
export function buildDocumentMessage(m: Omit<EdxmlDocumentMessage, 'kind'>): Buffer {
  const w = new Writer('edXML');
  const h = m.header;
  openEnvelope(w);
  w.open('MessageHeader');
  writeOrganization(w, 'From', h.from);
  for (const t of h.to) writeOrganization(w, 'To', t);
  w.leaf('DocumentId', h.documentId);
  w.open('Code');
  w.leaf('CodeNumber', h.codeNumber);
  w.leaf('CodeNotation', h.codeNotation);
  w.close('Code');
  w.open('PromulgationInfo');
  w.leaf('Place', h.place);
  w.leaf('PromulgationDate', slashDate(h.promulgationDate));
  w.close('PromulgationInfo');
  w.open('DocumentType');
  w.leaf('Type', h.documentType.type);
  w.leaf('TypeDetail', h.documentType.typeDetail);
  w.leaf('TypeName', h.documentType.typeName);
  w.close('DocumentType');
  w.leaf('Subject', h.subject);
  w.leaf('Content', h.content);
  w.open('SignerInfo');
  w.leaf('Competence', h.signer.competence);
  w.leaf('Position', h.signer.position);
  w.leaf('FullName', h.signer.fullName);
  w.close('SignerInfo');
  w.leaf('DueDate', slashDate(h.dueDate));
  if (h.otherInfo) {
    const o = h.otherInfo;
    w.open('OtherInfo');
    w.leaf('Priority', o.priority);
    w.leaf('SphereOfPromulgation', o.sphereOfPromulgation);
    w.leaf('TyperNotation', o.typerNotation);
    w.leaf('PromulgationAmount', o.promulgationAmount);
    w.leaf('PageAmount', o.pageAmount);
    if (o.appendixes?.length) {
      w.open('Appendixes');
      for (const a of o.appendixes) w.leaf('Appendix', a);
      w.close('Appendixes');
    }
    w.close('OtherInfo');
  }
  for (const r of h.responseFor) writeResponseFor(w, r, false);
  w.leaf('SteeringType', h.steeringType);
  if (h.toPlaces.length) {
    w.open('ToPlaces');
    for (const p of h.toPlaces) w.leaf('Place', p);
    w.close('ToPlaces');
  }
  w.close('MessageHeader');
  // VPCP samples put TraceHeader before Bussiness (the SDK 0.0.3 the other way round).
  w.open('TraceHeaderList');
  for (const t of m.traces) {
    w.open('TraceHeader');
    w.leaf('OrganId', t.organId);
    w.leaf('Timestamp', slashTimestamp(t.timestamp));
    w.close('TraceHeader');
  }
  const b = m.business;
  w.open('Bussiness');
  w.leaf('DocumentId', b.documentId);
  w.leaf('BussinessDocType', b.docType);
  w.leaf('BussinessDocReason', b.reason);
  w.leaf('Paper', b.paper);
  if (b.documentInfo) {
    w.open('BussinessDocumentInfo');
    w.leaf('DocumentInfo', b.documentInfo.documentInfo);
    w.leaf('DocumentReceiver', b.documentInfo.documentReceiver);
    if (b.documentInfo.receivers.length) {
      w.open('ReceiverList');
      for (const r of b.documentInfo.receivers) {
        w.open('Receiver');
        w.leaf('OrganId', r.organId);
        w.leaf('ReceiverType', r.receiverType);
        w.close('Receiver');
      }
      w.close('ReceiverList');
    }
    w.close('BussinessDocumentInfo');
  }
  if (b.replacements?.length) {
    w.open('ReplacementInfoList');
    for (const r of b.replacements) {
      w.open('ReplacementInfo');
      w.leaf('DocumentId', r.documentId);
      w.open('OrganIdList');
      for (const o of r.organIds) w.leaf('OrganId', o);
      w.close('OrganIdList');
      w.close('ReplacementInfo');
    }
    w.close('ReplacementInfoList');
  }
  for (const s of b.staff ?? []) writeStaff(w, s);
  w.close('Bussiness');
  w.close('TraceHeaderList');
  w.close('edXMLHeader');
  w.open('edXMLBody');
  w.open('edXMLManifest', ' version="1.0"');
  for (const a of m.attachments) {
    w.open('Reference');
    w.leaf('ContentId', `cid:${a.contentId}`);
    w.leaf('ContentType', a.contentType);
    w.leaf('Description', a.description);
    w.leaf('AttachmentName', a.name);
    w.close('Reference');
  }
  w.close('edXMLManifest');
  w.close('edXMLBody');
  w.close('edXMLEnvelope');
  if (m.attachments.length) {
    w.open('AttachmentEncoded', '', '');
    for (const a of m.attachments) {
      w.open('Attachment', '', '');
      w.leaf('ContentId', `cid:${a.contentId}`, '');
      w.leaf('AttachmentName', a.name, '');
      w.leaf('Description', a.description, '');
      w.leaf('ContentType', a.contentType, '');
      w.base64('ContentTransferEncoded', a.bytes, 'edXML', ` xmlns:edXML="${EDXML_NS}"`);
      w.close('Attachment', '');
    }
    w.close('AttachmentEncoded', '');
  }
  w.close('edXML', '');
  return w.toBuffer();
}

/** A status message: only a status MessageHeader in the envelope. */
export function buildStatusMessage(m: Omit<EdxmlStatusMessage, 'kind'>): Buffer {
  const w = new Writer('edXML');
  openEnvelope(w);
  w.open('MessageHeader');
  writeOrganization(w, 'From', m.from);
  writeResponseFor(w, m.responseFor, true);
  if (m.staff) writeStaff(w, m.staff);
  w.leaf('StatusCode', m.statusCode);
  w.leaf('Description', m.description);
  w.leaf('Timestamp', slashTimestamp(m.timestamp));
  w.close('MessageHeader');
  w.close('edXMLHeader');
  w.close('edXMLEnvelope');
  w.close('edXML', '');
  return w.toBuffer();
}

// ---------------------------------------------------------------------------------------
// Reading

/** A missing optional container reads as an empty one. */
const EMPTY: XNode = { name: '', uri: '', attrs: {}, children: [], text: '' };

const missing = (path: string) => xmlFailure('edxml_missing_element', `Gói tin thiếu phần tử bắt buộc «${path}».`, { element: path });
const badValue = (path: string, value: string, why: string) =>
  xmlFailure('edxml_invalid_value', `Phần tử «${path}» có giá trị «${value.slice(0, 60)}» không hợp lệ (${why}).`, { element: path });

/** Trimmed NFC text of a child, or undefined when absent or empty. */
function textOf(n: XNode | undefined, name: string): string | undefined {
  const c = kid(n, name);
  const t = c ? nfc(c.text.trim()) : '';
  return t === '' ? undefined : t;
}

function need(n: XNode | undefined, name: string, path: string): string {
  return (
    textOf(n, name) ??
    (() => {
      throw missing(path);
    })()
  );
}

function intOf(n: XNode | undefined, name: string, path: string): number | undefined {
  const t = textOf(n, name);
  if (t === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(t)) throw badValue(path, t, 'không phải số nguyên');
  return Number(t);
}

function dateOf(n: XNode | undefined, name: string, path: string): string | undefined {
  const t = textOf(n, name);
  if (t === undefined) return undefined;
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(t);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!isValidDate(iso)) throw badValue(path, t, 'ngày phải dạng yyyy/MM/dd');
  return iso;
}

function timestampOf(n: XNode | undefined, name: string, path: string): string {
  const t = need(n, name, path);
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(t);
  if (!m || !isValidDate(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) {
    throw badValue(path, t, 'thời điểm phải dạng yyyy/MM/dd HH:mm:ss');
  }
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`;
}

function readOrganization(n: XNode | undefined, path: string): EdxmlOrganization {
  if (!n) throw missing(path);
  const o: EdxmlOrganization = { organId: need(n, 'OrganId', `${path}/OrganId`) };
  const opt = {
    organizationInCharge: 'OrganizationInCharge',
    organName: 'OrganName',
    organAdd: 'OrganAdd',
    email: 'Email',
    telephone: 'Telephone',
    fax: 'Fax',
    website: 'Website',
  } as const;
  for (const [k, el] of Object.entries(opt) as [keyof typeof opt, string][]) {
    const v = textOf(n, el);
    if (v !== undefined) o[k] = v;
  }
  return o;
}

function readResponseFor(n: XNode, path: string): EdxmlResponseFor {
  const r: EdxmlResponseFor = {
    organId: need(n, 'OrganId', `${path}/OrganId`),
    code: need(n, 'Code', `${path}/Code`),
    documentId: need(n, 'DocumentId', `${path}/DocumentId`),
  };
  const d = dateOf(n, 'PromulgationDate', `${path}/PromulgationDate`);
  if (d) r.promulgationDate = d;
  return r;
}

function readStaff(n: XNode): EdxmlStaff {
  const s: EdxmlStaff = {};
  for (const [k, el] of [
    ['department', 'Department'],
    ['staff', 'Staff'],
    ['email', 'Email'],
    ['mobile', 'Mobile'],
  ] as const) {
    const v = textOf(n, el);
    if (v !== undefined) s[k] = v;
  }
  return s;
}

/** Every element of a message is in the QCVN namespace (Signature included, as the SDK writes it). */
function checkNamespace(n: XNode, path: string): void {
  if (n.uri !== EDXML_NS) {
    throw xmlFailure(
      'edxml_namespace',
      `Phần tử «${path}» không thuộc không gian tên QCVN 102:2016 (${EDXML_NS}); nhận được «${n.uri || 'không có'}».`,
      { element: path },
    );
  }
  for (const c of n.children) checkNamespace(c, `${path}/${c.name}`);
}

function readHeader(mh: XNode): EdxmlHeader {
  const P = 'MessageHeader';
  const to = kids(mh, 'To').map((t, i) => readOrganization(t, `${P}/To[${i + 1}]`));
  if (to.length === 0) throw missing(`${P}/To`);
  const code =
    kid(mh, 'Code') ??
    (() => {
      throw missing(`${P}/Code`);
    })();
  const prom =
    kid(mh, 'PromulgationInfo') ??
    (() => {
      throw missing(`${P}/PromulgationInfo`);
    })();
  const dt =
    kid(mh, 'DocumentType') ??
    (() => {
      throw missing(`${P}/DocumentType`);
    })();
  const signer = kid(mh, 'SignerInfo');
  const h: EdxmlHeader = {
    from: readOrganization(kid(mh, 'From'), `${P}/From`),
    to,
    documentId: need(mh, 'DocumentId', `${P}/DocumentId`),
    codeNumber: need(code, 'CodeNumber', `${P}/Code/CodeNumber`),
    codeNotation: textOf(code, 'CodeNotation') ?? '',
    place: textOf(prom, 'Place') ?? '',
    promulgationDate:
      dateOf(prom, 'PromulgationDate', `${P}/PromulgationInfo/PromulgationDate`) ??
      (() => {
        throw missing(`${P}/PromulgationInfo/PromulgationDate`);
      })(),
    documentType: {
      type: intOf(dt, 'Type', `${P}/DocumentType/Type`) ?? 0,
      typeDetail: intOf(dt, 'TypeDetail', `${P}/DocumentType/TypeDetail`) ?? 0,
      typeName: textOf(dt, 'TypeName') ?? '',
    },
    subject: need(mh, 'Subject', `${P}/Subject`),
    signer: {},
    responseFor: kids(mh, 'ResponseFor').map((r, i) => readResponseFor(r, `${P}/ResponseFor[${i + 1}]`)),
    toPlaces: kids(kid(mh, 'ToPlaces') ?? EMPTY, 'Place')
      .map((p) => nfc(p.text.trim()))
      .filter(Boolean),
  };
  const content = textOf(mh, 'Content');
  if (content) h.content = content;
  for (const [k, el] of [
    ['competence', 'Competence'],
    ['position', 'Position'],
    ['fullName', 'FullName'],
  ] as const) {
    const v = textOf(signer, el);
    if (v !== undefined) h.signer[k] = v;
  }
  const due = dateOf(mh, 'DueDate', `${P}/DueDate`);
  if (due) h.dueDate = due;
  const oi = kid(mh, 'OtherInfo');
  if (oi) {
    const o: NonNullable<EdxmlHeader['otherInfo']> = {};
    const pr = intOf(oi, 'Priority', `${P}/OtherInfo/Priority`);
    if (pr !== undefined) o.priority = pr;
    const sp = textOf(oi, 'SphereOfPromulgation');
    if (sp) o.sphereOfPromulgation = sp;
    const tn = textOf(oi, 'TyperNotation');
    if (tn) o.typerNotation = tn;
    const pa = intOf(oi, 'PromulgationAmount', `${P}/OtherInfo/PromulgationAmount`);
    if (pa !== undefined) o.promulgationAmount = pa;
    const pg = intOf(oi, 'PageAmount', `${P}/OtherInfo/PageAmount`);
    if (pg !== undefined) o.pageAmount = pg;
    const ap = kids(kid(oi, 'Appendixes') ?? EMPTY, 'Appendix')
      .map((a) => nfc(a.text.trim()))
      .filter(Boolean);
    if (ap.length) o.appendixes = ap;
    h.otherInfo = o;
  }
  const st = intOf(mh, 'SteeringType', `${P}/SteeringType`);
  if (st !== undefined) h.steeringType = st;
  return h;
}

function readBusiness(n: XNode | undefined): EdxmlBusiness {
  const P = 'TraceHeaderList/Bussiness';
  // A message without Bussiness is a new document (older senders omit it).
  if (!n) return { docType: 0, paper: 0 };
  const t = intOf(n, 'BussinessDocType', `${P}/BussinessDocType`) ?? 0;
  if (t < 0 || t > 3) throw badValue(`${P}/BussinessDocType`, String(t), 'chỉ nhận 0, 1, 2, 3');
  const paper = intOf(n, 'Paper', `${P}/Paper`) ?? 0;
  const b: EdxmlBusiness = { docType: t as BusinessDocType, paper: paper === 1 ? 1 : 0 };
  const id = textOf(n, 'DocumentId');
  if (id) b.documentId = id;
  const reason = textOf(n, 'BussinessDocReason');
  if (reason) b.reason = reason;
  const info = kid(n, 'BussinessDocumentInfo');
  if (info) {
    b.documentInfo = {
      documentInfo: intOf(info, 'DocumentInfo', `${P}/BussinessDocumentInfo/DocumentInfo`) === 1 ? 1 : 0,
      documentReceiver: intOf(info, 'DocumentReceiver', `${P}/BussinessDocumentInfo/DocumentReceiver`) === 1 ? 1 : 0,
      receivers: kids(kid(info, 'ReceiverList') ?? info, 'Receiver').map((r, i) => ({
        organId: need(r, 'OrganId', `${P}/BussinessDocumentInfo/ReceiverList/Receiver[${i + 1}]/OrganId`),
        receiverType: intOf(r, 'ReceiverType', 'ReceiverType') === 1 ? 1 : 0,
      })),
    };
  }
  const repl = kid(n, 'ReplacementInfoList');
  if (repl) {
    b.replacements = kids(repl, 'ReplacementInfo').map((r, i) => ({
      documentId: need(r, 'DocumentId', `${P}/ReplacementInfoList/ReplacementInfo[${i + 1}]/DocumentId`),
      organIds: kids(kid(r, 'OrganIdList') ?? r, 'OrganId').map((o) => o.text.trim()),
    }));
  }
  const staff = kids(n, 'StaffInfo').map(readStaff);
  if (staff.length) b.staff = staff;
  return b;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 as the SDK writes it: whole quads, padding only at the end (at most two '='). */
function wellFormedBase64(b64: string, charsChecked: boolean): boolean {
  if (b64.length === 0 || b64.length % 4 !== 0) return false;
  if (!charsChecked) return BASE64.test(b64);
  // Every character is a base64 one or '=' already: only where '=' stands is left to see.
  const eq = b64.indexOf('=');
  return eq < 0 || eq === b64.length - 1 || (eq === b64.length - 2 && b64.endsWith('='));
}

/** What the bytes are, as far as a declared type can be checked. */
function sniffKind(b: Uint8Array): 'pdf' | 'png' | 'jpeg' | 'tiff' | 'zip' | 'ole' | 'unknown' {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 1032)).toString('latin1');
  if (/%PDF-\d\.\d/.test(head)) return 'pdf';
  if (b[0] === 0x89 && head.startsWith('\x89PNG\r\n\x1a\n')) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'tiff';
  if (head.startsWith('PK\x03\x04')) return 'zip';
  if (head.startsWith('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1')) return 'ole';
  return 'unknown';
}

/** The kind a declared ContentType (IANA, or the SDK's `application/pdf|doc|docx|xsl|xslx|zip`) promises. */
function declaredKind(contentType: string, name: string): ReturnType<typeof sniffKind> | null {
  const t = contentType.toLowerCase().split(';')[0]!.trim();
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (t === 'application/pdf' || (t === 'application/octet-stream' && ext === 'pdf')) return 'pdf';
  if (t === 'image/png') return 'png';
  if (t === 'image/jpeg' || t === 'image/jpg') return 'jpeg';
  if (t === 'image/tiff') return 'tiff';
  if (
    t === 'application/zip' ||
    t.endsWith('openxmlformats-officedocument.wordprocessingml.document') ||
    t.endsWith('openxmlformats-officedocument.spreadsheetml.sheet') ||
    t === 'application/docx' ||
    t === 'application/xslx'
  )
    return 'zip';
  if (t === 'application/msword' || t === 'application/doc' || t === 'application/xsl' || t === 'application/vnd.ms-excel') return 'ole';
  return null;
}

function readAttachments(
  root: XNode,
  envelope: XNode,
  limits: EdxmlLimits,
  /**
   * An element's text, a set-aside base64 run put back, whitespace removed; `charsChecked`
   * when every character is already known to be one base64 uses (setAsideBase64 scanned it).
   */
  base64Of: (text: string) => { b64: string; charsChecked: boolean },
): EdxmlDocumentMessage['attachments'] {
  const refs = new Map<string, EdxmlAttachmentMeta>();
  const manifest = kid(kid(envelope, 'edXMLBody'), 'edXMLManifest');
  for (const r of manifest ? kids(manifest, 'Reference') : []) {
    const id = textOf(r, 'ContentId')?.replace(/^cid:/, '');
    if (id) refs.set(id, { contentId: id, name: textOf(r, 'AttachmentName') ?? '', contentType: textOf(r, 'ContentType') ?? '' });
  }
  const list = kids(kid(root, 'AttachmentEncoded') ?? EMPTY, 'Attachment');
  if (list.length > limits.maxAttachments) {
    throw xmlFailure('edxml_too_many_attachments', `Gói tin có ${list.length} tệp đính kèm (tối đa ${limits.maxAttachments}).`);
  }
  return list.map((a, i) => {
    const path = `AttachmentEncoded/Attachment[${i + 1}]`;
    const contentId = (textOf(a, 'ContentId') ?? `${i + 1}`).replace(/^cid:/, '');
    const ref = refs.get(contentId);
    const name =
      textOf(a, 'AttachmentName') ??
      ref?.name ??
      (() => {
        throw missing(`${path}/AttachmentName`);
      })();
    const contentType =
      textOf(a, 'ContentType') ??
      ref?.contentType ??
      (() => {
        throw missing(`${path}/ContentType`);
      })();
    const enc =
      kid(a, 'ContentTransferEncoded') ??
      (() => {
        throw missing(`${path}/ContentTransferEncoded`);
      })();
    const { b64, charsChecked } = base64Of(enc.text);
    // Declared size first: 3 bytes per 4 characters, before anything is decoded.
    if ((b64.length / 4) * 3 > limits.maxAttachmentBytes) {
      throw xmlFailure('edxml_attachment_too_large', `Tệp đính kèm «${name}» quá lớn (tối đa ${limits.maxAttachmentBytes} byte).`, {
        element: path,
      });
    }
    if (!wellFormedBase64(b64, charsChecked)) {
      throw xmlFailure('edxml_base64', `Tệp đính kèm «${name}»: dữ liệu base64 hỏng; không giải mã được.`, { element: path });
    }
    const bytes = Buffer.from(b64, 'base64');
    const want = declaredKind(contentType, name);
    const got = sniffKind(bytes);
    if (want === null) {
      throw xmlFailure('edxml_attachment_unsupported', `Tệp đính kèm «${name}» có kiểu «${contentType}» chưa được hỗ trợ.`, {
        element: path,
      });
    }
    if (want !== got) {
      throw xmlFailure(
        'edxml_attachment_type_mismatch',
        `Tệp đính kèm «${name}» khai báo kiểu «${contentType}» nhưng nội dung không phải như vậy.`,
        { element: path, declared: contentType, found: got },
      );
    }
    const meta: EdxmlAttachmentMeta & { bytes: Uint8Array } = { contentId, name, contentType, bytes };
    const description = textOf(a, 'Description') ?? ref?.description;
    if (description) meta.description = description;
    return meta;
  });
}

function readStatus(mh: XNode): EdxmlStatusMessage {
  const P = 'MessageHeader';
  const rf =
    kid(mh, 'ResponseFor') ??
    (() => {
      throw missing(`${P}/ResponseFor`);
    })();
  const code = need(mh, 'StatusCode', `${P}/StatusCode`);
  if (!(STATUS_CODES as readonly string[]).includes(code)) throw badValue(`${P}/StatusCode`, code, `chỉ nhận ${STATUS_CODES.join(', ')}`);
  const s: EdxmlStatusMessage = {
    kind: 'status',
    from: readOrganization(kid(mh, 'From'), `${P}/From`),
    responseFor: readResponseFor(rf, `${P}/ResponseFor`),
    statusCode: code as StatusCode,
    timestamp: timestampOf(mh, 'Timestamp', `${P}/Timestamp`),
  };
  const staff = kid(mh, 'StaffInfo');
  if (staff) s.staff = readStaff(staff);
  const d = textOf(mh, 'Description');
  if (d) s.description = d;
  return s;
}

/** Per byte: 1 a base64 letter/digit/+/ (and '='), 2 whitespace, 0 anything else. */
const B64_CLASS = (() => {
  const t = new Uint8Array(256);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=') t[c.charCodeAt(0)] = 1;
  for (const c of ' \t\n\r') t[c.charCodeAt(0)] = 2;
  return t;
})();

/** A long base64 run set aside from the text the XML parser reads: its bytes in the message. */
interface Base64Run {
  start: number;
  end: number;
  /** Whether it holds whitespace (line breaks some senders write), removed before decoding. */
  spaced: boolean;
}

/** Whether every byte is one base64 uses (letters, digits, + / =, whitespace); null when not. */
function scanBase64(b: Uint8Array, from: number, to: number): { spaced: boolean } | null {
  let spaced = false;
  for (let i = from; i < to; i++) {
    const k = B64_CLASS[b[i]!]!;
    if (k === 0) return null;
    if (k === 2) spaced = true;
  }
  return { spaced };
}

const CTE = Buffer.from('ContentTransferEncoded', 'latin1');
const isNameByte = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;

/**
 * The message's text for the XML parser, with the long base64 runs of ContentTransferEncoded
 * elements replaced by placeholders (see parseEdxml). Works on the bytes: a run is never
 * turned into a (two-byte) string of the whole message, only the markup around it is decoded.
 * Cuts fall on '>' and '<', so never inside a UTF-8 sequence.
 */
function setAsideBase64(b: Buffer, textStart: number, nonce: string, bulk: Map<string, Base64Run>): string {
  const parts: string[] = [];
  let from = textStart;
  for (let at = b.indexOf(CTE, textStart); at >= 0; at = b.indexOf(CTE, at + CTE.length)) {
    // An open tag: '<' and an optional prefix right before the name, the name not longer.
    let lt = at - 1;
    if (b[lt] === 0x3a) {
      while (lt > 0 && isNameByte(b[lt - 1]!)) lt--;
      lt--;
    }
    if (lt < textStart || b[lt] !== 0x3c || isNameByte(b[at + CTE.length] ?? 0)) continue;
    const gt = b.indexOf(0x3e, at + CTE.length);
    if (gt < 0) break;
    const nextLt = b.indexOf(0x3c, at + CTE.length);
    if (nextLt >= 0 && nextLt < gt) continue;
    const start = gt + 1;
    const end = b.indexOf(0x3c, start);
    if (end < 0) break;
    if (end - start >= 4096 && b[end + 1] === 0x2f) {
      const scan = scanBase64(b, start, end);
      if (scan) {
        const key = `\uE000${nonce}.${bulk.size}\uE000`;
        bulk.set(key, { start, end, spaced: scan.spaced });
        parts.push(b.toString('utf8', from, start), key);
        from = end;
      }
    }
    at = Math.max(at, end - CTE.length);
  }
  parts.push(b.toString('utf8', from));
  return parts.join('');
}

/** Reads a document or status message; throws a coded AppFailure for anything it cannot trust. */
export function parseEdxml(bytes: Uint8Array, limits: EdxmlLimits = DEFAULT_EDXML_LIMITS): EdxmlMessage {
  const xl: XmlLimits = {
    maxBytes: limits.maxBytes,
    maxDepth: 24,
    maxElements: 20_000,
    maxText: 100_000,
    bulkText: new Set(['ContentTransferEncoded']),
  };
  // A SAX parser walks a 7 MB base64 run one character at a time. A run of base64 characters
  // holds no markup ('<', '&'), so setting it aside and leaving a placeholder (unguessable:
  // a fresh nonce) changes nothing the parser sees but the length of some character data;
  // the placeholder is resolved only as the whole text of a ContentTransferEncoded element.
  const textStart = checkXmlBytes(bytes, xl);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nonce = randomBytes(9).toString('base64');
  const bulk = new Map<string, Base64Run>();
  const text = setAsideBase64(buf, textStart, nonce, bulk);
  const root = readXmlText(text, xl);
  if (root.name !== 'edXML') throw xmlFailure('edxml_not_edxml', `Gói tin không phải edXML (phần tử gốc «${root.name}»).`);
  checkNamespace(root, 'edXML');
  const envelope =
    kid(root, 'edXMLEnvelope') ??
    (() => {
      throw missing('edXMLEnvelope');
    })();
  const header =
    kid(envelope, 'edXMLHeader') ??
    (() => {
      throw missing('edXMLEnvelope/edXMLHeader');
    })();
  const mh =
    kid(header, 'MessageHeader') ??
    (() => {
      throw missing('edXMLHeader/MessageHeader');
    })();
  if (kid(mh, 'StatusCode')) return readStatus(mh);
  const traceList = kid(header, 'TraceHeaderList');
  const traces: EdxmlTraceHeader[] = (traceList ? kids(traceList, 'TraceHeader') : []).map((t, i) => ({
    organId: need(t, 'OrganId', `TraceHeaderList/TraceHeader[${i + 1}]/OrganId`),
    timestamp: timestampOf(t, 'Timestamp', `TraceHeaderList/TraceHeader[${i + 1}]/Timestamp`),
  }));
  return {
    kind: 'document',
    header: readHeader(mh),
    traces,
    business: readBusiness(kid(traceList, 'Bussiness')),
    attachments: readAttachments(root, envelope, limits, (t) => {
      const run = bulk.get(t);
      if (!run) return { b64: t.replace(/\s+/g, ''), charsChecked: false };
      const b64 = buf.toString('latin1', run.start, run.end);
      return { b64: run.spaced ? b64.replace(/\s+/g, '') : b64, charsChecked: true };
    }),
  };
}

/** `<OrganId>,<yyyy/MM/dd>,<symbol>` */
export function documentIdOf(organId: string, date: string, symbol: string): string {
  return `${organId},${date.replaceAll('-', '/')},${symbol}`;
}
