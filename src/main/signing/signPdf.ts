/**
 * PAdES baseline B-B signing (ETSI EN 319 142-1) as an incremental update:
 * /Type /Sig, /Filter /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached, /M = signing
 * time, a /ByteRange covering every byte but the /Contents hex, and a detached CMS with
 * DER-sorted signed attributes (cms.ts).
 *
 * Approval signatures only — never a DocMDP certification: a first signature with P=1
 * would forbid the organisation's seal and the clerk's number/date fill that follow
 * (signing.md pitfall 12). The fill is `overlays`: text drawn into the page in the same
 * update as the organisation's signature, so that signature covers it.
 */
import { createHash, verify as cryptoVerify, constants } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { FontStyle } from '../pdf/fonts.js';
import { cleanText, textWidth } from '../pdf/layout.js';
import { BLACK, pdfDate, type AppearanceItem, type Rect, type Rgb, type SignatureFieldSpec, type TextItem } from './appearance.js';
import { buildCadesSignedData, type CmsTestOptions } from './cms.js';
import { MESSAGES, signingFailure } from './errors.js';
import { embedSignatureFonts, warmUpFonts } from './fonts.js';
import { loadForUpdate, writeIncrementalUpdate } from './incremental.js';
import { preparePng, PngError } from './png.js';
import { assertCertificateUsableAt, parseChain, type Signer } from './signer.js';

export interface TextOverlay {
  /** 0-based page index. */
  page: number;
  /** Anchor per `align`, baseline `y`, page coordinates. */
  x: number;
  y: number;
  text: string;
  size: number;
  font?: FontStyle;
  color?: Rgb;
  align?: 'left' | 'center' | 'right';
}

export interface SignTestingOptions extends CmsTestOptions {
  /** Sign even with a certificate outside its validity period (to build negative fixtures). */
  skipCertificateValidityCheck?: boolean;
}

export interface SignPdfOptions {
  signer: Signer;
  /** Written to /M; the certificate must be valid at this time. */
  signedAt: Date;
  field: SignatureFieldSpec;
  /** Text added to pages in the same update, before the signature is computed. */
  overlays?: readonly TextOverlay[];
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Bytes reserved for the CMS; default 16 KiB (a three-certificate chain needs about 5). */
  reserveBytes?: number;
  /** Where assets/fonts lives; default found by fonts.ts. */
  assetsDir?: string;
  /** Negative tests only: deliberately wrong signatures. */
  testing?: SignTestingOptions;
}

const DEFAULT_RESERVE = 16 * 1024;
const BYTE_RANGE_PLACEHOLDER = `[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`;

const num = (v: number): string => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/** A PDF text string: literal when plain ASCII, else UTF-16BE with a BOM. */
function textString(s: string): string {
  const t = s.normalize('NFC');
  if (/^[\x20-\x7e]*$/.test(t)) return `(${t.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return PDFHexString.fromText(t).toString();
}

function fieldNameOf(d: PDFDict): string | null {
  const t = d.lookup(PDFName.of('T'));
  return t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : null;
}

/** Fully qualified names of all fields, and how many are signature fields. */
function existingFields(acro: PDFDict | undefined): { names: Set<string>; signatures: number } {
  const names = new Set<string>();
  let signatures = 0;
  const walk = (arr: unknown, prefix: string, inheritedFt: string | null, depth: number): void => {
    if (!(arr instanceof PDFArray) || depth > 20) return;
    for (let i = 0; i < arr.size(); i++) {
      const d = arr.lookup(i);
      if (!(d instanceof PDFDict)) continue;
      const part = fieldNameOf(d);
      const name = part === null ? prefix : prefix ? `${prefix}.${part}` : part;
      const ftObj = d.lookup(PDFName.of('FT'));
      const ft = ftObj instanceof PDFName ? ftObj.asString() : inheritedFt;
      const kids = d.lookup(PDFName.of('Kids'));
      if (kids instanceof PDFArray) walk(kids, name, ft, depth + 1);
      else if (part !== null) {
        names.add(name);
        if (ft === '/Sig') signatures++;
      }
    }
  };
  walk(acro?.lookup(PDFName.of('Fields')), '', null, 0);
  return { names, signatures };
}

/** The DocMDP permission level of a certification signature (1–3), or null when uncertified. */
function docMdpLevel(doc: PDFDocument): number | null {
  const perms = doc.catalog.lookup(PDFName.of('Perms'));
  if (!(perms instanceof PDFDict)) return null;
  const sig = perms.lookup(PDFName.of('DocMDP'));
  if (!(sig instanceof PDFDict)) return null;
  const refs = sig.lookup(PDFName.of('Reference'));
  if (!(refs instanceof PDFArray)) return 2; // P defaults to 2
  for (let i = 0; i < refs.size(); i++) {
    const r = refs.lookup(i);
    if (!(r instanceof PDFDict)) continue;
    const params = r.lookup(PDFName.of('TransformParams'));
    const p = params instanceof PDFDict ? params.lookup(PDFName.of('P')) : undefined;
    return p instanceof PDFNumber ? p.asNumber() : 2;
  }
  return 2;
}

interface DrawContext {
  doc: PDFDocument;
  fonts: Partial<Record<FontStyle, PDFFont>>;
  images: Map<Uint8Array, PDFRef>;
}

function imageRef(dc: DrawContext, png: Uint8Array): PDFRef {
  let ref = dc.images.get(png);
  if (ref) return ref;
  let img;
  try {
    img = preparePng(png);
  } catch (e) {
    throw signingFailure('invalid_image', 'Ảnh chữ ký hoặc ảnh con dấu không đọc được (cần tệp PNG 8 bit).', {
      cause: e instanceof PngError ? e.message : String(e),
    });
  }
  const ctx = dc.doc.context;
  const base = { Type: 'XObject', Subtype: 'Image', Width: img.width, Height: img.height, BitsPerComponent: 8, Filter: 'FlateDecode' };
  const smask = img.alpha ? ctx.register(ctx.stream(img.alpha, { ...base, ColorSpace: 'DeviceGray' })) : undefined;
  ref = ctx.register(ctx.stream(img.color, { ...base, ColorSpace: img.colorSpace, ...(smask ? { SMask: smask } : {}) }));
  dc.images.set(png, ref);
  return ref;
}

/** Operators for text lines; `fontKey` names the font in the target resources. */
function textOps(font: PDFFont, fontKey: string, item: Omit<TextItem, 'type'>, dx: number, dy: number): string[] {
  const [r, g, b] = item.color ?? BLACK;
  const leading = item.leading ?? item.size * 1.2;
  const ops = ['BT', `${num(r)} ${num(g)} ${num(b)} rg`, `${fontKey} ${num(item.size)} Tf`];
  item.lines.forEach((raw, i) => {
    const text = cleanText(raw).replace(/\n/g, ' ');
    if (!text) return;
    const w = textWidth(font, item.size, text);
    const x = item.align === 'center' ? item.x - w / 2 : item.align === 'right' ? item.x - w : item.x;
    ops.push(`1 0 0 1 ${num(x - dx)} ${num(item.y - i * leading - dy)} Tm ${font.encodeText(text).toString()} Tj`);
  });
  ops.push('ET');
  return ops;
}

/** The widget's normal appearance: a form XObject drawing `items` relative to `rect`. */
function appearanceStream(dc: DrawContext, rect: Rect, items: readonly AppearanceItem[]): PDFRef {
  const ctx = dc.doc.context;
  const xobjects: Record<string, PDFRef> = {};
  const fonts: Record<string, PDFRef> = {};
  const ops: string[] = [];
  for (const item of items) {
    if (item.type === 'image') {
      const key = `Im${Object.keys(xobjects).length + 1}`;
      xobjects[key] = imageRef(dc, item.png);
      const b = item.box;
      ops.push(`q ${num(b.width)} 0 0 ${num(b.height)} ${num(b.x - rect.x)} ${num(b.y - rect.y)} cm /${key} Do Q`);
    } else {
      const style = item.font ?? 'regular';
      const font = dc.fonts[style]!;
      const key = `F${style}`;
      fonts[key] = font.ref;
      ops.push(...textOps(font, `/${key}`, item, rect.x, rect.y));
    }
  }
  const resources: Record<string, unknown> = {};
  if (Object.keys(xobjects).length) resources.XObject = xobjects;
  if (Object.keys(fonts).length) resources.Font = fonts;
  const stream = ctx.flateStream(ops.join('\n'), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, Number(num(rect.width)), Number(num(rect.height))],
    Resources: resources as never,
  });
  return ctx.register(stream);
}

function addOverlays(dc: DrawContext, page: PDFPage, overlays: readonly TextOverlay[]): void {
  const ctx = dc.doc.context;
  // normalize() wraps the existing content in q…Q, so whatever state it leaves (a moved
  // origin, a colour) cannot displace or recolour the fill.
  page.node.normalize();
  const ops: string[] = [];
  const keys = new Map<PDFFont, string>();
  for (const o of overlays) {
    const font = dc.fonts[o.font ?? 'regular']!;
    let key = keys.get(font);
    if (!key) {
      key = page.node.newFontDictionary(font.name, font.ref).toString();
      keys.set(font, key);
    }
    ops.push(...textOps(font, key, { lines: [o.text], x: o.x, y: o.y, size: o.size, color: o.color, align: o.align }, 0, 0));
  }
  page.node.addContentStream(ctx.register(ctx.flateStream(ops.join('\n'))));
}

/**
 * Prepares what the first signature of a session would otherwise pay for: decoding the
 * signature and seal images and parsing the fonts. Optional; safe to call any time.
 */
export async function warmUpSigning(images: readonly Uint8Array[] = [], assetsDir?: string): Promise<void> {
  for (const png of images) preparePng(png);
  await warmUpFonts(['regular', 'italic'], assetsDir);
}

/**
 * Signs `pdf` with one more approval signature appended as an incremental update, and
 * returns the new file. Earlier bytes — and so earlier signatures — are left untouched.
 */
export async function signPdf(pdf: Uint8Array, options: SignPdfOptions): Promise<Uint8Array> {
  const { signer, signedAt, field } = options;
  const chain = parseChain(await signer.certificateChain());
  const leaf = chain[0];
  if (!leaf) throw signingFailure('invalid_certificate', 'Người ký không có chứng thư số.');
  if (!options.testing?.skipCertificateValidityCheck) assertCertificateUsableAt(leaf, signedAt);

  const loaded = await loadForUpdate(pdf);
  const { doc } = loaded;
  const ctx = doc.context;
  // A certified document (DocMDP) allows no change at P=1 and never allows new page
  // content (the clerk's fill) at any level: refuse rather than break the certification.
  const mdp = docMdpLevel(doc);
  if (mdp === 1 || (mdp !== null && (options.overlays?.length ?? 0) > 0)) {
    throw signingFailure('document_locked', MESSAGES.document_locked, { docMdp: mdp });
  }

  const pageCount = doc.getPageCount();
  const checkPage = (i: number): PDFPage => {
    if (!Number.isInteger(i) || i < 0 || i >= pageCount) {
      throw signingFailure('invalid_page', `Văn bản không có trang ${i + 1} (chỉ có ${pageCount} trang).`);
    }
    return doc.getPage(i);
  };
  const page = checkPage(field.page);
  const overlays = options.overlays ?? [];
  for (const o of overlays) checkPage(o.page);

  let acro = doc.catalog.lookup(PDFName.of('AcroForm'));
  const existing = existingFields(acro instanceof PDFDict ? acro : undefined);
  let fieldName = field.name?.normalize('NFC');
  if (fieldName === undefined) {
    let n = existing.signatures + 1;
    while (existing.names.has(`Signature${n}`)) n++;
    fieldName = `Signature${n}`;
  } else if (!fieldName || fieldName.includes('.') || existing.names.has(fieldName)) {
    throw signingFailure('invalid_field', `Tên trường chữ ký "${fieldName}" không hợp lệ hoặc đã có trong văn bản.`);
  }

  // Fonts: only the styles this update draws (pdf-lib writes every embedded font).
  const styles = new Set<FontStyle>();
  for (const it of field.appearance ?? []) if (it.type === 'text') styles.add(it.font ?? 'regular');
  for (const o of overlays) styles.add(o.font ?? 'regular');
  const dc: DrawContext = {
    doc,
    fonts: await embedSignatureFonts(doc, [...styles], options.assetsDir),
    images: new Map(),
  };

  // The signature dictionary is raw bytes so it stays out of object streams and its
  // placeholders can be patched in place after the file is assembled.
  const reserve = options.reserveBytes ?? DEFAULT_RESERVE;
  const head = [
    '<<',
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    '/SubFilter /ETSI.CAdES.detached',
    `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`,
    '/Contents ',
  ].join('\n');
  const tail = [
    '',
    `/M ${textString(pdfDate(signedAt))}`,
    ...(leaf.subjectCN ? [`/Name ${textString(leaf.subjectCN)}`] : []),
    ...(options.reason ? [`/Reason ${textString(options.reason)}`] : []),
    ...(options.location ? [`/Location ${textString(options.location)}`] : []),
    ...(options.contactInfo ? [`/ContactInfo ${textString(options.contactInfo)}`] : []),
    '>>',
  ].join('\n');
  const sigDictText = `${head}<${'0'.repeat(reserve * 2)}>${tail}`;
  const relByteRange = head.indexOf(BYTE_RANGE_PLACEHOLDER);
  const relContents = head.length;
  const sigRef = ctx.register(PDFInvalidObject.of(Buffer.from(sigDictText, 'latin1')));

  const visible = field.rect && field.rect.width > 0 && field.rect.height > 0;
  const rect = visible ? field.rect! : { x: 0, y: 0, width: 0, height: 0 };
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(fieldName),
    V: sigRef,
    P: page.ref,
    Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height].map((v) => Number(num(v))),
    F: 132, // Print + Locked
  });
  if (visible) widget.set(PDFName.of('AP'), ctx.obj({ N: appearanceStream(dc, rect, field.appearance ?? []) }));
  const widgetRef = ctx.register(widget);

  const annots = page.node.lookup(PDFName.of('Annots'));
  if (annots instanceof PDFArray) annots.push(widgetRef);
  else page.node.set(PDFName.of('Annots'), ctx.obj([widgetRef]));

  if (!(acro instanceof PDFDict)) {
    acro = ctx.obj({});
    doc.catalog.set(PDFName.of('AcroForm'), ctx.register(acro));
  }
  const acroDict = acro as PDFDict;
  const fields = acroDict.lookup(PDFName.of('Fields'));
  if (fields instanceof PDFArray) fields.push(widgetRef);
  else acroDict.set(PDFName.of('Fields'), ctx.obj([widgetRef]));
  acroDict.set(PDFName.of('SigFlags'), ctx.obj(3)); // SignaturesExist | AppendOnly

  const byPage = new Map<number, TextOverlay[]>();
  for (const o of overlays) byPage.set(o.page, [...(byPage.get(o.page) ?? []), o]);
  for (const [i, list] of byPage) addOverlays(dc, doc.getPage(i), list);

  await doc.flush(); // writes the font subsets
  const { bytes: out, objectOffsets } = writeIncrementalUpdate(loaded);

  const sigAt = objectOffsets.get(sigRef.objectNumber)!;
  const contentsStart = sigAt + relContents;
  const contentsEnd = contentsStart + reserve * 2 + 2;
  const byteRange = [0, contentsStart, contentsEnd, out.length - contentsEnd] as const;
  out.write(`[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), sigAt + relByteRange, 'latin1');

  const digest = createHash('sha256').update(out.subarray(0, contentsStart)).update(out.subarray(contentsEnd)).digest();
  const cms = await buildCadesSignedData({
    contentDigest: digest,
    chain,
    testing: options.testing,
    sign: async (data) => {
      const sig = await signer.sign(data);
      // A token whose key does not belong to the certificate would produce a signature no
      // one can verify; catch it here rather than in another agency's verifier.
      const ok = cryptoVerify('sha256', data, { key: leaf.x509.publicKey, padding: constants.RSA_PKCS1_PADDING }, sig);
      if (!ok)
        throw signingFailure(
          'signing_failed',
          'Chữ ký tạo ra không khớp với chứng thư số của người ký (khóa và chứng thư không cùng cặp).',
        );
      return sig;
    },
  });
  const hex = cms.toString('hex');
  if (hex.length > reserve * 2) {
    throw signingFailure('signature_too_large', `Chữ ký số (${cms.length} byte) vượt quá vùng dành sẵn (${reserve} byte).`, {
      needed: cms.length,
      reserved: reserve,
    });
  }
  out.write(hex, contentsStart + 1, 'latin1');
  return out;
}
