/**
 * Measurements of an administrative document per Decree 30/2020/NĐ-CP Appendix I.
 * Where the decree gives a range the value chosen is the one its own illustration
 * ("Ví dụ minh họa", last column of the Part I.V table) uses, so a VănThư document looks
 * like the decree's sample: Quốc hiệu 12, Tiêu ngữ 13, body name 12, number and date 13,
 * type name and subject 14, "V/v" 12, body and signature 14, "Nơi nhận" 12 / list 11.
 */
import { A4_PORTRAIT, mm, type Margins } from '../layout.js';

export const PAGE = A4_PORTRAIT;

/** Top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm: the smallest of each range. */
export const MARGINS: Margins = { top: mm(20), right: mm(15), bottom: mm(20), left: mm(30) };
export const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;

/**
 * The two header columns (Appendix I Part I.IV diagram): box 2 (body name) and 3 (number)
 * on the left, box 1 (national title) and 4 (place, date) on the right. 40/60 fits the
 * national title in one line and breaks a provincial People's Committee's name as
 * "ỦY BAN NHÂN DÂN / TỈNH QUẢNG NGÃI", as printed documents do.
 */
export const HEADER_LEFT_WIDTH = TEXT_WIDTH * 0.4;
export const HEADER_RIGHT_WIDTH = TEXT_WIDTH - HEADER_LEFT_WIDTH;
/** Room kept between the two header columns. */
export const HEADER_GUTTER = 8;

/** The closing: "Nơi nhận" on the left, the signature block centred on the right. */
export const CLOSING_LEFT_WIDTH = TEXT_WIDTH * 0.45;
export const CLOSING_RIGHT_WIDTH = TEXT_WIDTH - CLOSING_LEFT_WIDTH;

export const SIZE = {
  nationalTitle: 12,
  motto: 13,
  parentOrg: 12,
  org: 12,
  number: 13,
  date: 13,
  typeName: 14,
  subject: 14,
  congVanSubject: 12,
  kinhGui: 14,
  body: 14,
  signer: 14,
  recipientsHeading: 12,
  recipients: 11,
  drafter: 11,
  stamp: 13,
  pageNumber: 13,
  watermark: 110,
} as const;

/** "Dòng đơn" as word processors set Times: about 1.15 × the font size. */
export const SINGLE = 1.15;
/** Body line height: between single and 1.5 lines. */
export const BODY_LEADING = SIZE.body * 1.25;
/** At least 6 pt between paragraphs. */
export const PARAGRAPH_SPACING = 6;
/** Widest extra space a justified line may add after each space, in em. */
export const MAX_JUSTIFY_EXTRA = 0.6;
/** First-line indent 1 or 1.27 cm. */
export const FIRST_LINE_INDENT = mm(12.7);

/** Height kept for the handwritten or image signature between position and name. */
export const SIGNATURE_SPACE = mm(28);
/** Width of `signatureBox`, centred in the signature column. */
export const SIGNATURE_BOX_WIDTH = mm(70);

/**
 * Urgency (box 10b, App. I III.2.b) and secrecy (box 10a) stamps: bright red, single
 * frame, Times bold caps 13–14. Urgency sizes are the decree's; the secrecy sizes follow
 * the state-secret stamp models (MẬT 20, TỐI MẬT 30, TUYỆT MẬT 40 × 8 mm).
 */
export const URGENCY_STAMPS = {
  urgent: { label: 'KHẨN', width: mm(20) },
  very_urgent: { label: 'THƯỢNG KHẨN', width: mm(40) },
  flash: { label: 'HỎA TỐC', width: mm(30) },
} as const;
export const SECRECY_STAMPS = {
  confidential: { label: 'MẬT', width: mm(20) },
  secret: { label: 'TỐI MẬT', width: mm(30) },
  top_secret: { label: 'TUYỆT MẬT', width: mm(40) },
} as const;
export const STAMP_HEIGHT = mm(8);
export const STAMP_RED = [0.91, 0.0, 0.05] as const;

/** Rules: the motto's is as long as the motto, the others 1/3–1/2 of their text. */
export const RULE_WIDTH = 0.6;
/** Clear space between a rule and the descenders above it. */
export const RULE_GAP = 3.5;
export const SHORT_RULE_FRACTION = 0.4;

export const WATERMARK_GREY = 0.9;
export const WATERMARK_TEXT = 'DỰ THẢO';

/** Blank widths of a draft's "Số:      /QĐ-UBND" and "ngày      tháng      năm". */
export const NUMBER_BLANK = 30;
export const DATE_BLANK = 20;
