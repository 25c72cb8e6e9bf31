/**
 * Capture on the command line: `ocr FILE` (the text of a file, page by page, with the
 * confidence of each page; `--searchable OUT.pdf` writes a copy of a scan with a text layer),
 * `capture FILE` (the registration fields suggested from it) and `incoming stamp ID` (a copy
 * of an electronic incoming PDF with the "ĐẾN" stamp, or the stamp alone for paper).
 * Reading a file never writes to the database.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../shared/errors.js';
import { viewerOf } from '../accounts/visibility.js';
import { AppFailure } from '../../shared/result.js';
import type { CommandArgs } from './args.js';
import type { Command } from './commands.js';
import { Readable } from './output.js';

function str(args: CommandArgs, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AppFailure({ ...makeError('invalid_input', { field: name }), message: `--${name} phải là chuỗi.` });
  return v;
}

function fileArg(args: CommandArgs): { fileName: string; bytes: Uint8Array; path: string } {
  const file = str(args, 'file') ?? args._[0];
  if (!file)
    throw new AppFailure({ ...makeError('required', { field: 'file' }), message: 'Thiếu đường dẫn tệp (PDF, PNG, JPEG hoặc TIFF).' });
  try {
    return { fileName: path.basename(file), bytes: new Uint8Array(readFileSync(file)), path: file };
  } catch {
    throw new AppFailure(makeError('file_not_found', { field: 'file', params: { value: file } }));
  }
}

const STAGE: Record<string, string> = { text: 'đọc lớp chữ', render: 'dựng ảnh trang', ocr: 'nhận dạng' };
const METHOD: Record<string, string> = { text: 'lớp chữ PDF', ocr: 'OCR', none: 'không đọc được' };

export const CAPTURE_COMMANDS: Record<string, Command> = {
  ocr: {
    options: { file: { type: 'string' }, pages: { type: 'string' }, lines: { type: 'boolean' }, searchable: { type: 'string' } },
    async run(args, ctx) {
      const file = fileArg(args);
      const { CaptureService, parsePageRange } = await import('../capture/captureService.js');
      const range = parsePageRange(str(args, 'pages'));
      const out = str(args, 'searchable');
      // Reading a file needs no database: a capture service of its own.
      const capture = new CaptureService(null);
      try {
        const r = await capture.read(file, {
          mode: 'auto',
          ...(range ? { range } : {}),
          textPdf: out !== undefined,
          onProgress: (p) => ctx.progress(`Trang ${p.page}/${p.pages}: ${STAGE[p.stage] ?? p.stage}…`),
        });
        let searchable: string | null = null;
        if (out !== undefined) {
          const bytes = await capture.searchable({ ...file, mime: r.mime }, r);
          if (!bytes) ctx.progress('Tệp không có trang quét nào cần lớp chữ; không ghi bản có lớp chữ.');
          else {
            const { writeFileAtomic } = await import('../pdf/printRegister.js');
            searchable = writeFileAtomic(out, bytes);
          }
        }
        const json = {
          file: file.fileName,
          mime: r.mime,
          sha256: r.sha256,
          pageCount: r.pageCount,
          confidence: r.confidence,
          lowConfidence: r.lowConfidence,
          truncated: r.truncated,
          warnings: r.warnings,
          ms: r.ms,
          pages: r.pages.map((p) => ({
            page: p.page,
            method: p.method,
            confidence: p.confidence,
            text: p.text,
            ...(p.note ? { note: p.note } : {}),
            ...(args.lines === true ? { lines: p.lines } : {}),
          })),
          ...(searchable ? { searchable } : {}),
        };
        const text = [
          ...r.warnings.map((w) => `! ${w}`),
          ...(r.lowConfidence ? [`! Độ tin cậy thấp (${r.confidence}/100): hãy đối chiếu với bản giấy.`] : []),
          ...r.pages.map((p) => `--- Trang ${p.page} (${METHOD[p.method]}, độ tin cậy ${p.confidence}) ---\n${p.text}`),
          ...(searchable ? [`Bản có lớp chữ: ${searchable}`] : []),
        ].join('\n');
        return new Readable(text, json);
      } finally {
        await capture.close();
      }
    },
  },

  capture: {
    options: { file: { type: 'string' } },
    async run(args, ctx) {
      const file = fileArg(args);
      const services = await ctx.services();
      const r = await services.capture.capture(file, {
        onProgress: (p) => ctx.progress(`Trang ${p.page}/${p.pages}: ${STAGE[p.stage] ?? p.stage}…`),
      });
      return {
        file: r.fileName,
        sha256: r.sha256,
        fields: r.fields,
        pageCount: r.extraction.pageCount,
        confidence: r.extraction.confidence,
        lowConfidence: r.extraction.lowConfidence,
        truncated: r.extraction.truncated,
        warnings: r.extraction.warnings,
        pages: r.extraction.pages.map((p) => ({ page: p.page, method: p.method, confidence: p.confidence })),
      };
    },
  },

  'incoming stamp': {
    options: { id: { type: 'string' }, out: { type: 'string' }, alone: { type: 'boolean' } },
    async run(args, ctx) {
      const raw = str(args, 'id') ?? args._[0];
      const id = raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(id) || id < 1)
        throw new AppFailure({ code: 'invalid_id', field: 'id', message: 'Mã văn bản (ID) phải là số nguyên dương.' });
      const out = str(args, 'out');
      if (!out) throw new AppFailure({ ...makeError('required', { field: 'out' }), message: 'Thiếu --out TỆP.pdf.' });
      const services = await ctx.services();
      // Opened like the document's attachment: refused when hidden from this account, audited when confidential.
      await services.incoming.get(id, viewerOf(ctx.principal), 'stamp');
      const r = await services.capture.arrivalStamp(id, { alone: args.alone === true });
      const { writeFileAtomic } = await import('../pdf/printRegister.js');
      const written = writeFileAtomic(out, r.bytes);
      return { id, out: written, bytes: r.bytes.length, stampedFile: r.stampedFile };
    },
  },
};
