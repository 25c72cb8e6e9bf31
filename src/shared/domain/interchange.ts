/**
 * Interchange with other offices (QCVN 102:2016/BTTTT, edXML): organ identifiers, the
 * message model shared by the builder and the parser, status codes and the delivery status
 * of a sent document as the outgoing detail shows it. Facts: shared/domain/edxml.md.
 */

/** The QCVN namespace of every edXML element (the Signature subtree included). */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** Legacy QCVN 102:2016 organ identifier: 13 characters, `NNN.NN.NN.XNN` (e.g. 000.00.00.H48). */
export const ORGAN_ID_LEGACY = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
/**
 * QĐ 20/2020/QĐ-TTg form: the level-1 code first (a letter and two digits, e.g. H48, K57),
 * then dot-separated groups of digits and capitals; at most 35 characters (H37.02.02).
 */
export const ORGAN_ID_NEW = /^[A-Z]\d{2}(\.[0-9A-Z]{1,10})*$/;
export const ORGAN_ID_MAX = 35;

/** Kept as an opaque string; only its shape is checked (both forms are in use). */
export function isOrganId(s: string): boolean {
  return s.length <= ORGAN_ID_MAX && (ORGAN_ID_LEGACY.test(s) || ORGAN_ID_NEW.test(s));
}

export interface Organ {
  organId: string;
  name: string;
  /** The organ in charge (OrganizationInCharge), e.g. "UBND tỉnh Quảng Ngãi". */
  inCharge: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  fax: string | null;
  website: string | null;
  /** The parent organ's identifier. */
  parentId: string | null;
}

/** Organization element: OrganId, OrganizationInCharge, OrganName, OrganAdd, Email, Telephone, Fax, Website. */
export interface EdxmlOrganization {
  organId: string;
  organizationInCharge?: string;
  organName?: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

export interface EdxmlResponseFor {
  organId: string;
  /** "1234/UBND-NC" */
  code: string;
  /** YYYY-MM-DD */
  promulgationDate?: string;
  documentId: string;
}

export interface EdxmlStaff {
  department?: string;
  staff?: string;
  email?: string;
  mobile?: string;
}

/** BussinessDocType: 0 new, 1 recall, 2 update, 3 replacement. */
export const BUSINESS_TYPES = { new: 0, recall: 1, update: 2, replace: 3 } as const;
export type BusinessDocType = 0 | 1 | 2 | 3;
export const BUSINESS_TYPE_LABELS: Record<BusinessDocType, string> = {
  0: 'Văn bản mới',
  1: 'Thu hồi',
  2: 'Cập nhật',
  3: 'Thay thế',
};

export interface EdxmlBusiness {
  /** The document recalled, updated or replaced. */
  documentId?: string;
  docType: BusinessDocType;
  reason?: string;
  /** 1 when a paper copy is also sent. */
  paper: 0 | 1;
  documentInfo?: { documentInfo: 0 | 1; documentReceiver: 0 | 1; receivers: { organId: string; receiverType: 0 | 1 }[] };
  replacements?: { documentId: string; organIds: string[] }[];
  staff?: EdxmlStaff[];
}

export interface EdxmlHeader {
  from: EdxmlOrganization;
  to: EdxmlOrganization[];
  /** `<sender OrganId>,<yyyy/MM/dd>,<số>/<ký hiệu>` */
  documentId: string;
  codeNumber: string;
  codeNotation: string;
  place: string;
  /** YYYY-MM-DD */
  promulgationDate: string;
  documentType: { type: number; typeDetail: number; typeName: string };
  subject: string;
  content?: string;
  signer: { competence?: string; position?: string; fullName?: string };
  /** YYYY-MM-DD */
  dueDate?: string;
  otherInfo?: {
    priority?: number;
    sphereOfPromulgation?: string;
    typerNotation?: string;
    promulgationAmount?: number;
    pageAmount?: number;
    appendixes?: string[];
  };
  responseFor: EdxmlResponseFor[];
  steeringType?: number;
  toPlaces: string[];
}

export interface EdxmlTraceHeader {
  organId: string;
  /** Local time as written: `YYYY-MM-DD HH:mm:ss` (no zone; Vietnam time). */
  timestamp: string;
}

export interface EdxmlAttachmentMeta {
  /** Without the `cid:` prefix. */
  contentId: string;
  name: string;
  description?: string;
  contentType: string;
}

export interface EdxmlDocumentMessage {
  kind: 'document';
  header: EdxmlHeader;
  traces: EdxmlTraceHeader[];
  business: EdxmlBusiness;
  attachments: (EdxmlAttachmentMeta & { bytes: Uint8Array })[];
}

export interface EdxmlStatusMessage {
  kind: 'status';
  from: EdxmlOrganization;
  responseFor: EdxmlResponseFor;
  staff?: EdxmlStaff;
  statusCode: StatusCode;
  description?: string;
  /** `YYYY-MM-DD HH:mm:ss`, Vietnam time. */
  timestamp: string;
}

export type EdxmlMessage = EdxmlDocumentMessage | EdxmlStatusMessage;

/** Status codes seen on the axis (edxml.md §3). */
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** The descriptions of the VPCP samples, sent with each status. */
export const STATUS_DESCRIPTIONS: Record<StatusCode, string> = {
  '01': 'Văn thư - Phòng Văn thư - Lưu trữ: Đã đến - Phần mềm QLVB đã nhận nhưng văn thư chưa xử lý',
  '02': 'Văn thư - Phòng Văn thư - Lưu trữ: Từ chối không tiếp nhận văn bản điện tử',
  '03': 'Văn thư: Tiếp nhận văn bản điện tử, vào sổ văn bản đến của đơn vị',
  '04': 'Lãnh đạo: Phân công xử lý',
  '05': 'Đang xử lý văn bản đến',
  '06': 'Văn thư: Ban hành văn bản đến, hoàn thành xử lý',
  '13': 'Văn thư yêu cầu lấy lại văn bản điện tử kèm lý do',
  '15': 'Văn thư đồng ý yêu cầu cập nhật, lấy lại',
  '16': 'Văn thư từ chối yêu cầu cập nhật, lấy lại',
};

/** Per-recipient delivery status of a sent document (the outgoing detail). */
export const DELIVERY_STATUSES = [
  'unsent',
  'sent',
  'arrived',
  'refused',
  'accepted',
  'assigned',
  'processing',
  'done',
  'recalled',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_LABELS: Record<DeliveryStatus, string> = {
  unsent: 'Chưa gửi',
  sent: 'Đã gửi',
  arrived: 'Đã đến',
  refused: 'Từ chối',
  accepted: 'Đã tiếp nhận',
  assigned: 'Phân công',
  processing: 'Đang xử lý',
  done: 'Hoàn thành',
  recalled: 'Thu hồi',
};
/** What a received status code makes of a recipient's delivery status. */
export const DELIVERY_OF_STATUS: Partial<Record<StatusCode, DeliveryStatus>> = {
  '01': 'arrived',
  '02': 'refused',
  '03': 'accepted',
  '04': 'assigned',
  '05': 'processing',
  '06': 'done',
};
/** Statuses only move forward (a late 01 after a 03 changes nothing). */
export const DELIVERY_RANK: Record<DeliveryStatus, number> = {
  unsent: 0,
  sent: 1,
  arrived: 2,
  refused: 3,
  accepted: 3,
  assigned: 4,
  processing: 5,
  done: 6,
  recalled: 7,
};

/** A recipient of a sent document, as the outgoing detail lists it. */
export interface DeliveryView {
  organId: string;
  organName: string | null;
  businessType: BusinessDocType;
  documentId: string;
  status: DeliveryStatus;
  statusLabel: string;
  statusAt: string;
  note: string | null;
  history: { code: string; description: string | null; at: string }[];
}

/** A received message, as the interchange screen lists it. */
export interface ReceivedView {
  id: number;
  documentId: string;
  fromOrganId: string;
  fromName: string | null;
  businessType: BusinessDocType;
  subject: string;
  symbol: string;
  /** pending: waiting for the clerk; registered; refused; superseded (an update/replacement linked). */
  state: 'pending' | 'registered' | 'refused';
  incomingId: number | null;
  recalled: boolean;
  refuseReason: string | null;
  lastStatusSent: string | null;
  receivedAt: string;
  /** The original received message an update or replacement belongs to. */
  linkedTo: number | null;
}

/**
 * Where this office's messages travel (a shared folder, or the folders of the connector a
 * province installs): set by the administrator, shown to the clerk. `errors` holds refused
 * messages with their reason files; when unset, a «lỗi» folder inside the inbox.
 */
export interface ExchangeFolders {
  inbox: string | null;
  outbox: string | null;
  errors: string | null;
  /** How often the app looks into the inbox, seconds. */
  intervalSeconds: number;
}

/** What a send chooses: a new document, or a recall, update or replacement of one sent. */
export const SEND_KINDS = ['new', 'recall', 'update', 'replace'] as const;
export type SendKind = (typeof SEND_KINDS)[number];
export const BUSINESS_TYPE_OF_KIND: Record<SendKind, BusinessDocType> = { new: 0, recall: 1, update: 2, replace: 3 };
