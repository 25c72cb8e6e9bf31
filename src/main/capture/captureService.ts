/**
 * Capture as the services see it: the text of a file (checked first like any attachment,
 * then read in the capture worker), the fields it suggests for registration (matched
 * against the names already in the register), and searchable copies of scans. Nothing is
 * written by reading: text is stored with an attachment when the clerk registers
 * (IncomingService.add), never before.
 */
import { createHash } from 'node:crypto';
import type { CaptureResult, Extraction, StoredPage } from '../../shared/domain/capture.js';
import { safeFileName } from '../../shared/fileNames.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { AttachmentMime } from '../attachments/sniff.js';
import type { BlobStore, Store } from '../store/ports.js';
import type { StampData } from './stamp.js';
import type { CaptureClient } from './client.js';
import type { EngineProgress, EngineResult, ExtractMode } from './engine.js';
import type { KnownOrgan } from './fields.js';
import { CAPTURE_LIMITS } from './limits.js';

export interface ReadOptions {
  mode?: ExtractMode;
  /** 1-based inclusive page range ("--pages 1-3"). */
  range?: { from: number; to: number };
  /** Too many pages: read the first ones with a warning (capture) instead of refusing (ocr). */
  truncate?: boolean;
  /** Keep Tesseract's text-only PDF pages, for a searchable copy. */
  textPdf?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: EngineProgress) => void;
  /**
   * The file was checked moments ago by the caller in this process (IncomingService.add runs
   * inspectAttachment on every attachment before anything is stored): its kind and hash are
   * taken as they are instead of parsing the file a second time in this thread.
   */
  checked?: { mime: AttachmentMime; sha256: string };
}

export interface ReadResult extends EngineResult {
  fileName: string;
  sha256: string;
  mime: AttachmentMime;
}

/** "1-3", "2", "4-" → an inclusive range; anything else is refused. */
export function parsePageRange(s: string | undefined): { from: number; to: number } | undefined {
  if (s === undefined || s === '') return undefined;
  const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})?)?\s*$/.exec(s);
  if (!m) throw new AppFailure(makeError('invalid_page_range', { field: 'pages', params: { value: s, reason: 'ví dụ 1-3' } }));
  const from = Number(m[1]);
  const to = m[2] !== undefined ? Number(m[2]) : s.includes('-') ? Number.MAX_SAFE_INTEGER : from;
  if (from < 1 || to < from)
    throw new AppFailure(makeError('invalid_page_range', { field: 'pages', params: { value: s, reason: 'ví dụ 1-3' } }));
  return { from, to };
}

const IMAGE_MIMES = new Set(['image/png', 'image/jpeg', 'image/tiff']);

/** Reads kept for registration, by content hash and mode: a scan captured for the form is not read again when registered. */
const RECENT_READS = 16;

export class CaptureService {
  private clientInstance: CaptureClient | null = null;
  private readonly recent = new Map<string, EngineResult>();

  constructor(
    private readonly store: Store | null,
    private readonly files: BlobStore | null = null,
    client?: CaptureClient,
  ) {
    this.clientInstance = client ?? null;
  }

  /**
   * The worker client, made on first use: a process that never reads a file starts no thread,
   * nor loads the thread machinery (node:worker_threads costs each CLI command ~10 ms of CPU).
   */
  private async client(): Promise<CaptureClient> {
    if (!this.clientInstance) {
      const { CaptureClient } = await import('./client.js');
      this.clientInstance ??= new CaptureClient();
    }
    return this.clientInstance;
  }

  /** Checks a file like an attachment (sniff.ts) and reads its text. */
  async read(upload: { fileName: string; bytes: Uint8Array }, o: ReadOptions = {}): Promise<ReadResult> {
    const fileName = safeFileName(upload.fileName);
    if (upload.bytes.length === 0) throw new AppFailure(makeError('empty_file', { field: 'file', params: { value: fileName } }));
    const kind = o.checked ? { ok: true as const, mime: o.checked.mime } : await checkedFile(fileName, upload.bytes);
    if ('width' in kind && kind.width && kind.height && kind.width * kind.height > CAPTURE_LIMITS.maxImagePixels) {
      throw new AppFailure(
        makeError('image_too_large', { field: 'file', params: { value: fileName, reason: `${kind.width}×${kind.height} điểm ảnh` } }),
      );
    }
    const sha256 = o.checked?.sha256 ?? createHash('sha256').update(upload.bytes).digest('hex');
    const mode = o.mode ?? 'auto';
    // Whole-file reads are remembered (a few): capture, then registration of the same scan.
    const cacheKey = !o.range && !o.textPdf ? `${sha256}:${mode}:${o.truncate ? 't' : ''}` : null;
    const cached = cacheKey ? this.recent.get(cacheKey) : undefined;
    if (cached) return { ...cached, fileName, mime: kind.mime, sha256 };
    const result = await (
      await this.client()
    ).extract(
      {
        bytes: upload.bytes,
        mime: kind.mime,
        mode: o.mode ?? 'auto',
        ...(o.range ? { range: o.range } : {}),
        truncate: o.truncate ?? false,
        textPdf: o.textPdf ?? false,
      },
      { fileName, signal: o.signal, onProgress: o.onProgress },
    );
    if (cacheKey) {
      this.recent.delete(cacheKey);
      this.recent.set(cacheKey, result);
      while (this.recent.size > RECENT_READS) this.recent.delete(this.recent.keys().next().value!);
    }
    return { ...result, fileName, mime: kind.mime, sha256 };
  }

  /**
   * The pages to keep for a registered attachment's content index: a PDF's text layer, and
   * with `ocr` the OCR of scanned pages and images too (the first CAPTURE_LIMITS.maxOcrPages
   * pages). Null when nothing readable came out.
   */
  async pagesFor(
    file: { fileName: string; bytes: Uint8Array; sha256?: string; mime?: string },
    o: { ocr: boolean; signal?: AbortSignal; onProgress?: (page: number, pages: number) => void },
  ): Promise<StoredPage[] | null> {
    const checked = file.mime && file.sha256 ? { mime: file.mime, sha256: file.sha256 } : null;
    if (checked) {
      // Only PDFs have a text layer, only images and PDFs can be OCR'd: nothing else starts the thread.
      const image = IMAGE_MIMES.has(checked.mime);
      if (!(checked.mime === 'application/pdf' || (o.ocr && image))) return null;
    }
    // A scan captured for the form (mode auto) is reused as it is.
    const r = await this.read(file, {
      mode: o.ocr ? 'auto' : 'text',
      truncate: true,
      ...(checked ? { checked: checked as { mime: AttachmentMime; sha256: string } } : {}),
      signal: o.signal,
      ...(o.onProgress ? { onProgress: (p: EngineProgress) => o.onProgress!(p.page, p.pages) } : {}),
    });
    const pages = r.pages
      .filter((p) => p.method !== 'none' && p.text.trim() !== '')
      .map((p) => ({ page: p.page, method: p.method, confidence: p.confidence, text: p.text }));
    return pages.length ? pages : null;
  }

  /**
   * Names the register already knows, most used first, then the organs of the interchange
   * directory it does not (for matching a body's name read from a page).
   */
  async knownOrgans(): Promise<KnownOrgan[]> {
    if (!this.store) return [];
    const names = await this.store.read((r) => r.incoming.organNames('', 5000));
    // The directory is a help, not a need: an account whose database role may not read it still gets suggestions.
    const organs = await this.store.read((r) => r.interchange.organs()).catch(() => []);
    const { foldKey } = await import('./fields.js');
    const seen = new Set(names.map((n) => foldKey(n)));
    const out: KnownOrgan[] = names.map((name) => ({ name, source: 'register' as const }));
    for (const o of organs) {
      const k = foldKey(o.name);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      out.push({ name: o.name, source: 'directory' });
    }
    return out;
  }

  /** Reads a scan or a PDF and suggests the registration fields from it (nothing saved). */
  async capture(upload: { fileName: string; bytes: Uint8Array }, o: Omit<ReadOptions, 'mode' | 'truncate'> = {}): Promise<CaptureResult> {
    const [r, known] = await Promise.all([this.read(upload, { ...o, mode: 'auto', truncate: true }), this.knownOrgans()]);
    // Loaded here: its word tables are built when the module loads, which every process that
    // opens the services (each CLI command) would otherwise pay for.
    const { suggestFields } = await import('./fields.js');
    return { fileName: r.fileName, sha256: r.sha256, extraction: withoutExtras(r), fields: suggestFields(r, { knownOrgans: known }) };
  }

  /** A copy of a scan with an invisible text layer from its OCR (the original is not changed). */
  async searchable(source: { fileName: string; bytes: Uint8Array; mime: AttachmentMime }, read: EngineResult): Promise<Uint8Array | null> {
    const pages = read.pages
      .filter((p) => p.method === 'ocr' && read.textPdfs?.[p.page])
      .map((p) => ({ page: p.page, textPdf: read.textPdfs![p.page]!, image: read.images?.[p.page] }));
    if (!pages.length) return null;
    return (await this.client()).searchable({ source: source.bytes, mime: source.mime, pages }, { fileName: source.fileName });
  }

  /**
   * The "ĐẾN" stamp of a registered incoming document (stamp.ts): a stamped copy of its first
   * PDF (a new file: the stored original is only read), or with `alone` — or when it has no
   * PDF, as a paper document — the stamp by itself on a label-sized page.
   */
  async arrivalStamp(
    id: number,
    o: { alone?: boolean } = {},
  ): Promise<{ fileName: string; bytes: Uint8Array; stampedFile: string | null }> {
    if (!this.store || !this.files) throw new Error('arrivalStamp needs the store');
    const { doc, orgName, assignments } = await this.store.read(async (r) => ({
      doc: await r.incoming.get(id),
      orgName: await r.meta.get('org_name'),
      assignments: await r.workflow.currentAssignments(id),
    }));
    if (!doc) throw new AppFailure(makeError('not_found', { field: 'id', params: { value: String(id) } }));
    const lead = assignments.filter((a) => a.role === 'lead').map((a) => a.unitName);
    const support = assignments.filter((a) => a.role === 'support').map((a) => a.unitName);
    const data: StampData = {
      orgName: orgName ?? '',
      arrivalNumber: doc.arrivalNumber,
      arrivalDate: doc.arrivalDate.slice(0, 10),
      forwardTo: lead.length ? [...lead, ...support].join(', ') : null,
      dossier: null,
    };
    const base = `den-${doc.year}-${String(doc.arrivalNumber).padStart(4, '0')}`;
    const pdf = doc.attachments.find((a) => a.mime === 'application/pdf');
    if (o.alone || !pdf) {
      if (!o.alone && doc.attachments.length)
        throw new AppFailure(makeError('not_a_pdf', { field: 'id', params: { value: doc.attachments[0]!.fileName } }));
      return { fileName: `${base}.pdf`, bytes: await (await import('./stamp.js')).stampAlone(data), stampedFile: null };
    }
    const bytes = new Uint8Array(await this.files.read(pdf.sha256));
    // Where the text of the first page lies (its text layer, else OCR of the scan).
    const read = await this.read({ fileName: pdf.fileName, bytes }, { mode: 'auto', range: { from: 1, to: 1 } }).catch(() => null);
    const lines = read?.pages.find((p) => p.page === 1)?.lines ?? [];
    return {
      fileName: `${base}.pdf`,
      bytes: await (await import('./stamp.js')).stampedCopy(bytes, data, lines),
      stampedFile: pdf.fileName,
    };
  }

  async close(): Promise<void> {
    await this.clientInstance?.close();
  }
}

/**
 * A file's kind as attachments/sniff.ts finds it, or its refusal. The checks are loaded by the
 * first file read unchecked: a search, or a registration without files, never loads them.
 */
async function checkedFile(fileName: string, bytes: Uint8Array) {
  const { attachmentFailure, inspectAttachment } = await import('../attachments/sniff.js');
  const kind = await inspectAttachment(bytes);
  if (!kind.ok) throw attachmentFailure(fileName, kind, 'file');
  return kind;
}

/** The extraction as callers see it (no rendering by-products). */
export function withoutExtras(r: EngineResult): Extraction {
  const { textPdfs: _t, images: _i, ...rest } = r as EngineResult & Partial<ReadResult>;
  const { fileName: _f, sha256: _s, ...extraction } = rest as typeof rest & { fileName?: string; sha256?: string };
  return extraction;
}
