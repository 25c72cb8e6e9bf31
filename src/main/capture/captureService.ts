/**
 * Capture as the services see it: the text of a file (checked first like any attachment,
 * then read in the capture worker), the fields it suggests for registration (matched
 * against the names already in the register), and searchable copies of scans. Nothing is
 * written by reading: text is stored with an attachment when the clerk registers
 * (IncomingService.add), never before.
 */
import { createHash } from 'node:crypto';
import type { CaptureResult, Extraction } from '../../shared/domain/capture.js';
import { safeFileName } from '../../shared/fileNames.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { attachmentFailure, inspectAttachment, type AttachmentMime } from '../attachments/sniff.js';
import type { Store } from '../store/ports.js';
import { CaptureClient } from './client.js';
import type { EngineProgress, EngineResult, ExtractMode } from './engine.js';
import { suggestFields, type KnownOrgan } from './fields.js';

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

export class CaptureService {
  private clientInstance: CaptureClient | null = null;

  constructor(
    private readonly store: Store | null,
    client?: CaptureClient,
  ) {
    this.clientInstance = client ?? null;
  }

  /** The worker client, made on first use: a process that never reads a file starts no thread. */
  get client(): CaptureClient {
    return (this.clientInstance ??= new CaptureClient());
  }

  /** Checks a file like an attachment (sniff.ts) and reads its text. */
  async read(upload: { fileName: string; bytes: Uint8Array }, o: ReadOptions = {}): Promise<ReadResult> {
    const fileName = safeFileName(upload.fileName);
    if (upload.bytes.length === 0) throw new AppFailure(makeError('empty_file', { field: 'file', params: { value: fileName } }));
    const kind = await inspectAttachment(upload.bytes);
    if (!kind.ok) throw attachmentFailure(fileName, kind, 'file');
    if (kind.width && kind.height && kind.width * kind.height > 150_000_000) {
      throw new AppFailure(
        makeError('image_too_large', { field: 'file', params: { value: fileName, reason: `${kind.width}×${kind.height} điểm ảnh` } }),
      );
    }
    const result = await this.client.extract(
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
    return { ...result, fileName, mime: kind.mime, sha256: createHash('sha256').update(upload.bytes).digest('hex') };
  }

  /** Names the register already knows, most used first (for matching a body's name read from a page). */
  async knownOrgans(): Promise<KnownOrgan[]> {
    if (!this.store) return [];
    const names = await this.store.read((r) => r.incoming.organNames('', 5000));
    return names.map((name) => ({ name, source: 'register' as const }));
  }

  /** Reads a scan or a PDF and suggests the registration fields from it (nothing saved). */
  async capture(upload: { fileName: string; bytes: Uint8Array }, o: Omit<ReadOptions, 'mode' | 'truncate'> = {}): Promise<CaptureResult> {
    const [r, known] = await Promise.all([this.read(upload, { ...o, mode: 'auto', truncate: true }), this.knownOrgans()]);
    return { fileName: r.fileName, sha256: r.sha256, extraction: withoutExtras(r), fields: suggestFields(r, { knownOrgans: known }) };
  }

  /** A copy of a scan with an invisible text layer from its OCR (the original is not changed). */
  async searchable(source: { fileName: string; bytes: Uint8Array; mime: AttachmentMime }, read: EngineResult): Promise<Uint8Array | null> {
    const pages = read.pages
      .filter((p) => p.method === 'ocr' && read.textPdfs?.[p.page])
      .map((p) => ({ page: p.page, textPdf: read.textPdfs![p.page]!, image: read.images?.[p.page] }));
    if (!pages.length) return null;
    return this.client.searchable({ source: source.bytes, mime: source.mime, pages }, { fileName: source.fileName });
  }

  async close(): Promise<void> {
    await this.clientInstance?.close();
  }
}

/** The extraction as callers see it (no rendering by-products). */
export function withoutExtras(r: EngineResult): Extraction {
  const { textPdfs: _t, images: _i, ...rest } = r as EngineResult & Partial<ReadResult>;
  const { fileName: _f, sha256: _s, ...extraction } = rest as typeof rest & { fileName?: string; sha256?: string };
  return extraction;
}
