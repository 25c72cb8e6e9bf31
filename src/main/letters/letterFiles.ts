/**
 * The files of a letter: the scanned letter and its enclosures, added at reception or later.
 * Each is checked like an incoming attachment (attachments/sniff.ts: PDF, PNG, JPEG, TIFF;
 * never a program; the contract bounds its size), kept in the file store under its SHA-256,
 * and read by the capture worker (a PDF's text layer, and with `ocr` the OCR of scanned
 * pages and images, with progress and cancellation) so its words are found by the letters
 * register's search and its text shown on the letter's detail.
 *
 * Rights (letters/access.ts, the same for every face): a file is reached only through a
 * letter the reader may see (a specialist, their unit's); a denunciation's files may show
 * its author's name and handwriting, so they are read only with the confidential grant —
 * the repository's rule, and on PostgreSQL the row policy of letter_attachments (0179).
 * Attaching needs only to see the letter (a clerk registers a denunciation's scan without
 * the grant, as they register its author). Every opening of a denunciation's file is
 * audited; the audit never carries a file name (it may name a person), only its hash.
 */
import { makeError } from '../../shared/errors.js';
import type { LetterFileText, LetterRecord } from '../../shared/domain/letters.js';
import type { StoredPage } from '../../shared/domain/capture.js';
import { safeFileName } from '../../shared/fileNames.js';
import { AppFailure } from '../../shared/result.js';
import { toVnIso, vnDate } from '../../shared/text/dates.js';
import { fold } from '../../shared/text/vietnamese.js';
import { attachmentFailure, inspectAttachment } from '../attachments/sniff.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { BlobStore, Store } from '../store/ports.js';
import type { LetterActor, LetterService } from './letterService.js';

/** Reads a file's pages (capture/captureService.ts), with progress, cancellable. */
export type LetterTextReader = (
  file: { fileName: string; bytes: Uint8Array },
  o: { ocr: boolean; signal?: AbortSignal; onProgress?: (page: number, pages: number) => void },
) => Promise<StoredPage[] | null>;

/** The folded text kept for the register's search is bounded (a long scan's first pages). */
const MAX_TEXT_FOLD = 200_000;

export interface AttachOptions {
  ocr?: boolean;
  signal?: AbortSignal;
  onProgress?: (page: number, pages: number) => void;
}

function badId(): never {
  throw new AppFailure({ code: 'invalid_id', field: 'id', message: 'Mã đơn phải là số nguyên dương.' });
}

export class LetterFileService {
  constructor(
    private readonly store: Store,
    private readonly files: BlobStore,
    private readonly clock: Clock,
    private readonly letters: LetterService,
    private readonly readText: LetterTextReader,
  ) {}

  /**
   * Checks what can be checked at once (the letter is there for the reader, the file is a
   * scan or a PDF): the caller may then read it in the background (attach).
   */
  async check(id: number, upload: { fileName: string; bytes: Uint8Array }, who: LetterActor): Promise<{ fileName: string; mime: string }> {
    if (!Number.isSafeInteger(id) || id < 1) badId();
    const fileName = safeFileName(upload.fileName);
    if (upload.bytes.length === 0) throw new AppFailure(makeError('empty_file', { field: 'file', params: { value: fileName } }));
    const kind = await inspectAttachment(upload.bytes);
    if (!kind.ok) throw attachmentFailure(fileName, kind, 'file');
    const today = vnDate(this.clock());
    // Seen as the reader's unit allows; whether they may see its people does not matter to attach.
    const letter = await this.store.read((r) =>
      r.letters.get(id, { personal: false, identity: false, ...(who.access.only ? { only: who.access.only } : {}) }, today),
    );
    if (!letter) throw new AppFailure({ code: 'not_found', field: 'id', message: `Không có đơn mã ${id}.` });
    return { fileName, mime: kind.mime };
  }

  /**
   * Stores the file, reads its text (OCR when asked), then links it to the letter with its
   * text in one transaction with the audit entry. Reading happens before the transaction
   * (OCR takes seconds); a cancelled read writes nothing. A file that cannot be read is kept
   * without text.
   */
  async attach(id: number, upload: { fileName: string; bytes: Uint8Array }, o: AttachOptions, who: LetterActor): Promise<LetterRecord> {
    const { fileName, mime } = await this.check(id, upload, who);
    const ocr = o.ocr === true;
    let pages: StoredPage[] | null = null;
    try {
      pages = await this.readText({ fileName, bytes: upload.bytes }, { ocr, signal: o.signal, onProgress: o.onProgress });
    } catch (e) {
      if (o.signal?.aborted || (e instanceof AppFailure && e.error.code === 'cancelled')) throw e;
      pages = null;
    }
    if (o.signal?.aborted) throw new AppFailure(makeError('cancelled'));
    const sha256 = await this.files.put(upload.bytes);
    const at = toVnIso(this.clock());
    const textFold = pages?.length
      ? fold(pages.map((p) => p.text).join('\n'))
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .trim()
          .slice(0, MAX_TEXT_FOLD)
      : null;
    await this.store.write(async (repos) => {
      const today = vnDate(this.clock());
      const letter = await repos.letters.get(
        id,
        { personal: false, identity: false, ...(who.access.only ? { only: who.access.only } : {}) },
        today,
      );
      if (!letter) throw new AppFailure({ code: 'not_found', field: 'id', message: `Không có đơn mã ${id}.` });
      await repos.attachments.ensureBlob({ sha256, size: upload.bytes.length, mime }, at);
      const attachmentId = await repos.letters.addAttachment(id, sha256, fileName, at, {
        createdBy: who.actor,
        textFold: textFold || null,
      });
      if (pages?.length) await repos.attachments.putText(sha256, pages);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor: who.actor,
        action: 'attach',
        entity: 'letter',
        entityId: id,
        data: { attachmentId, sha256, size: upload.bytes.length, mime, textPages: pages?.length ?? 0, ocr },
      });
      await audit.finish();
    });
    // The attach entry already records who worked on the letter: no separate view entry.
    return this.letters.after(id, who);
  }

  /** The read text of the letter's files the reader may see (none of a denunciation's without the grant). */
  async texts(id: number, who: LetterActor): Promise<LetterFileText[]> {
    if (!Number.isSafeInteger(id) || id < 1) badId();
    const today = vnDate(this.clock());
    const { letter, texts } = await this.store.read(async (r) => ({
      letter: await r.letters.get(id, who.access, today),
      texts: await r.letters.fileTexts(id, who.access),
    }));
    if (!letter) throw new AppFailure({ code: 'not_found', field: 'id', message: `Không có đơn mã ${id}.` });
    if (letter.kind === 'denunciation' && texts.length) await this.auditView(id, who, 'view_file_text', {});
    return texts;
  }

  /** One file's bytes (the scan, an enclosure), as the reader may see it. */
  async file(id: number, attachmentId: number, who: LetterActor): Promise<{ fileName: string; mime: string; bytes: Uint8Array }> {
    if (!Number.isSafeInteger(id) || id < 1) badId();
    if (!Number.isSafeInteger(attachmentId) || attachmentId < 1)
      throw new AppFailure({ code: 'invalid_id', field: 'attachmentId', message: 'Mã tệp phải là số nguyên dương.' });
    const today = vnDate(this.clock());
    const { letter, file } = await this.store.read(async (r) => ({
      letter: await r.letters.get(id, who.access, today),
      file: await r.letters.attachment(id, attachmentId, who.access),
    }));
    if (!letter) throw new AppFailure({ code: 'not_found', field: 'id', message: `Không có đơn mã ${id}.` });
    if (!file) {
      throw new AppFailure(
        letter.attachmentsHidden
          ? {
              code: 'forbidden',
              field: 'attachmentId',
              message: 'Tệp của đơn tố cáo chỉ người được cấp quyền xem danh tính người tố cáo mới mở được.',
            }
          : { code: 'not_found', field: 'attachmentId', message: `Đơn không có tệp mã ${attachmentId}.` },
      );
    }
    const bytes = await this.files.read(file.sha256);
    if (letter.kind === 'denunciation') await this.auditView(id, who, 'view_file', { attachmentId, sha256: file.sha256 });
    return { fileName: file.fileName, mime: file.mime, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  private async auditView(id: number, who: LetterActor, action: string, data: Record<string, unknown>) {
    const at = toVnIso(this.clock());
    await this.store.write(async (repos) => {
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor: who.actor, action, entity: 'letter', entityId: id, data });
      await audit.finish();
    });
  }
}
