/**
 * What one capture job may cost. A scan is read page by page in a worker thread; these
 * bounds keep a hostile or absurd file (a PDF bomb of a million pages or of pages a
 * kilometre wide, a 500-page scan, a 30,000 × 30,000 pixel image) from holding the
 * machine: past them a job is refused with a coded error, or pages are left out with a
 * warning the clerk sees.
 */
export const CAPTURE_LIMITS = {
  /** Pages OCR'd in one job (about 4 s each here): a thick scan is read by page ranges. */
  maxOcrPages: 60,
  /** Pages whose text layer is read in one job (milliseconds each). */
  maxTextPages: 2000,
  /** A file declaring more pages than this is refused outright (page-tree bombs). */
  maxDeclaredPages: 10_000,
  /** Pixels of one rendered or decoded page (A4 at 300 dpi is 8.7 million). */
  maxPagePixels: 40_000_000,
  /** Pixels of an image file's page before decoding (checked from its header). */
  maxImagePixels: 150_000_000,
  /** A page rendered below this resolution is not worth reading (a page of absurd size). */
  minDpi: 70,
  /** Resolution pages are rendered at for OCR, and the cap for decoded images. */
  ocrDpi: 200,
  maxDpi: 300,
  /**
   * A page whose text layer has fewer letters and digits than this, and on which one picture
   * covers at least `scanImageCover` of the page, is read as a scan (OCR); with less of a
   * picture, a thin text layer is the page's text (a page with one line).
   */
  minTextLayerChars: 40,
  scanImageCover: 0.5,
  /** A worker that reports nothing for this long is stopped (a hung parser or OCR). */
  pageTimeoutMs: 180_000,
  /** A worker left idle this long is stopped (its OCR model holds ~100 MB). */
  idleMs: 90_000,
} as const;

export type CaptureLimits = typeof CAPTURE_LIMITS;
