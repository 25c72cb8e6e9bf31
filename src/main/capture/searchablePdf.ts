/**
 * A searchable copy of a scan: the same page images with an invisible text layer over
 * them, so a viewer can find and copy the words. The text layer of each page is the
 * text-only PDF Tesseract's own PDF renderer makes for it (every word placed where it was
 * read, in the invisible GlyphLessFont, Unicode through ToUnicode); it is laid over the page
 * as a form XObject at the page's size (the way OCRmyPDF's "sandwich" renderer works).
 * The original file is only read: the copy is a new file, stored beside it.
 */
import { degrees, PDFDocument, type PDFPage } from 'pdf-lib';

export interface SearchableRequest {
  source: Uint8Array;
  mime: 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff';
  /** OCR'd pages: Tesseract's text-only PDF of each, and the image it read (for image sources). */
  pages: { page: number; textPdf: Uint8Array; image?: { width: number; height: number; dpi: number } }[];
}

async function overlay(doc: PDFDocument, page: PDFPage, textPdf: Uint8Array): Promise<void> {
  const [layer] = await doc.embedPdf(textPdf, [0]);
  if (!layer) return;
  const crop = page.getCropBox();
  const W = crop.width;
  const H = crop.height;
  // The page was read as a viewer shows it (its /Rotate applied); the layer is turned back.
  const r = ((page.getRotation().angle % 360) + 360) % 360;
  if (r === 90) page.drawPage(layer, { x: crop.x + W, y: crop.y, width: H, height: W, rotate: degrees(90) });
  else if (r === 180) page.drawPage(layer, { x: crop.x + W, y: crop.y + H, width: W, height: H, rotate: degrees(180) });
  else if (r === 270) page.drawPage(layer, { x: crop.x, y: crop.y + H, width: H, height: W, rotate: degrees(270) });
  else page.drawPage(layer, { x: crop.x, y: crop.y, width: W, height: H });
}

export async function searchablePdf(req: SearchableRequest): Promise<Uint8Array> {
  if (req.mime === 'application/pdf') {
    const doc = await PDFDocument.load(req.source, { updateMetadata: false });
    for (const p of req.pages) {
      if (p.page < 1 || p.page > doc.getPageCount()) continue;
      await overlay(doc, doc.getPage(p.page - 1), p.textPdf);
    }
    doc.setProducer('VănThư (lớp chữ nhận dạng OCR)');
    return doc.save({ useObjectStreams: false });
  }
  // An image (or a multi-page TIFF): a PDF of its pages, each at the size its resolution gives.
  const doc = await PDFDocument.create();
  doc.setProducer('VănThư (lớp chữ nhận dạng OCR)');
  const images = await pageImages(req);
  for (const p of req.pages) {
    const img = images.get(p.page);
    if (!img || !p.image) continue;
    const w = (p.image.width / p.image.dpi) * 72;
    const h = (p.image.height / p.image.dpi) * 72;
    const page = doc.addPage([w, h]);
    const embedded = img.kind === 'png' ? await doc.embedPng(img.bytes) : await doc.embedJpg(img.bytes);
    page.drawImage(embedded, { x: 0, y: 0, width: w, height: h });
    await overlay(doc, page, p.textPdf);
  }
  return doc.save();
}

/** The page images to embed: a PNG or JPEG as it is; TIFF pages re-encoded (PNG for black and white, else JPEG). */
async function pageImages(req: SearchableRequest): Promise<Map<number, { kind: 'png' | 'jpg'; bytes: Uint8Array }>> {
  const out = new Map<number, { kind: 'png' | 'jpg'; bytes: Uint8Array }>();
  if (req.mime === 'image/png' || req.mime === 'image/jpeg') {
    out.set(1, { kind: req.mime === 'image/png' ? 'png' : 'jpg', bytes: req.source });
    return out;
  }
  const UTIF = (await import('utif')).default;
  const { createCanvas } = (await import('./runtimePaths.js')).canvasModule();
  const ifds = UTIF.decode(req.source).filter((ifd) => !((Number((ifd.t254 as number[] | undefined)?.[0] ?? 0) & 1) === 1));
  for (const p of req.pages) {
    const ifd = ifds[p.page - 1];
    if (!ifd) continue;
    UTIF.decodeImage(req.source, ifd);
    const rgba = UTIF.toRGBA8(ifd);
    const w = Number(ifd.width);
    const h = Number(ifd.height);
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    const data = ctx.createImageData(w, h);
    data.data.set(rgba.subarray(0, w * h * 4));
    ctx.putImageData(data, 0, 0);
    const bilevel = Number((ifd.t258 as number[] | undefined)?.[0] ?? 8) === 1;
    const bytes = bilevel ? await canvas.encode('png') : await canvas.encode('jpeg', 85);
    out.set(p.page, { kind: bilevel ? 'png' : 'jpg', bytes: new Uint8Array(bytes) });
    delete ifd.data;
  }
  return out;
}
