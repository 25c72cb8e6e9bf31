/**
 * The desktop shell's own methods, outside the API contract because only the desktop app
 * has native dialogs: pickFiles (open dialog; main reads the chosen files, so the page
 * never learns or chooses a path) and savePdf (save dialog; main writes only to the path
 * the clerk picked). Inputs come from the page and are validated here like contract calls.
 * Dialogs are injected so the logic is tested without Electron.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { FileFilter, PickedFile, PickFilesInput, SavePdfInput } from '../../shared/bridge.js';
import { makeError } from '../../shared/errors.js';
import { fail, ok, type AppError, type Result } from '../../shared/result.js';
import { writeFileAtomic } from './atomicWrite.js';

/** Same ceiling as a contract upload (src/shared/contract.ts). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
export const MAX_PICKED_FILES = 50;

const fileFilter = z
  .object({
    name: z.string().min(1).max(100),
    extensions: z
      .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,10})$/, 'phần mở rộng không hợp lệ'))
      .min(1)
      .max(20),
  })
  .strict();

export const pickFilesInput = z
  .object({
    title: z.string().max(200).optional(),
    filters: z.array(fileFilter).max(10).optional(),
    multiple: z.boolean().optional(),
  })
  .strict();

const pdfBytes = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= MAX_FILE_BYTES, 'tệp quá lớn (tối đa 200 MB)')
  // Only PDFs: the page cannot use "save" to drop arbitrary content (scripts, executables) on disk.
  .refine((b) => b.byteLength >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-', 'không phải tệp PDF');

export const savePdfInput = z
  .object({
    suggestedName: z.string().min(1).max(200).optional(),
    fileName: z.string().min(1).max(200).optional(),
    bytes: pdfBytes,
    title: z.string().max(200).optional(),
  })
  .strict();

// The page-facing types (src/shared/bridge.ts) and these schemas must agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchBridge: [Same<z.input<typeof pickFilesInput>, PickFilesInput>, Same<z.input<typeof savePdfInput>, SavePdfInput>] = [
  true,
  true,
];
void schemasMatchBridge;

export interface OpenDialogOptions {
  title?: string;
  filters?: FileFilter[];
  properties: Array<'openFile' | 'multiSelections'>;
}

export interface SaveDialogOptions {
  title?: string;
  defaultPath: string;
  filters: FileFilter[];
}

/** The slice of Electron's `dialog` we use (bound to the app window in main.ts). */
export interface DialogPort {
  showOpenDialog(opts: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(opts: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface ShellMethodsDeps {
  dialogs: DialogPort;
  /** Where the save dialog starts (the user's Documents folder). */
  documentsDir: string;
}

export interface ShellMethods {
  pickFiles(raw: unknown): Promise<Result<PickedFile[]>>;
  savePdf(raw: unknown): Promise<Result<string | null>>;
}

function inputError(issues: z.core.$ZodIssue[]): AppError {
  const first = issues[0];
  const field = first?.path.map(String).join('.') || undefined;
  return {
    ...makeError('invalid_input'),
    ...(field ? { field } : {}),
    message: `Dữ liệu không hợp lệ${field ? ` (${field})` : ''}: ${first?.message ?? ''}`.trim(),
  };
}

/** A file name safe on every platform, ending in .pdf; never a path. */
export function safePdfName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 150);
  const stem = cleaned.replace(/\.pdf$/i, '');
  return `${stem || 'VanThu'}.pdf`;
}

export function createShellMethods(deps: ShellMethodsDeps): ShellMethods {
  return {
    async pickFiles(raw) {
      const parsed = pickFilesInput.safeParse(raw ?? {});
      if (!parsed.success) return fail(inputError(parsed.error.issues));
      const input = parsed.data;
      let chosen: { canceled: boolean; filePaths: string[] };
      try {
        chosen = await deps.dialogs.showOpenDialog({
          title: input.title ?? 'Chọn tệp',
          ...(input.filters ? { filters: input.filters } : {}),
          properties: input.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        });
      } catch (e) {
        return fail(makeError('internal', { params: { value: (e as Error)?.message ?? String(e) } }));
      }
      if (chosen.canceled || chosen.filePaths.length === 0) return ok([]);
      if (chosen.filePaths.length > MAX_PICKED_FILES) {
        return fail({ code: 'invalid_input', message: `Chỉ chọn được tối đa ${MAX_PICKED_FILES} tệp mỗi lần.` });
      }
      const files: PickedFile[] = [];
      for (const file of chosen.filePaths) {
        const fileName = path.basename(file);
        try {
          const info = await stat(file);
          if (!info.isFile()) return fail(makeError('file_not_found', { params: { value: fileName } }));
          if (info.size > MAX_FILE_BYTES) {
            return fail({ code: 'file_too_large', message: `Tệp «${fileName}» quá lớn (tối đa 200 MB).` });
          }
          const buf = await readFile(file);
          // A plain Uint8Array (not a Buffer) crosses IPC as the same type the page sends back;
          // readFile never returns a view over a SharedArrayBuffer.
          files.push({ fileName, bytes: new Uint8Array(buf.buffer as ArrayBuffer, buf.byteOffset, buf.byteLength) });
        } catch {
          return fail(makeError('file_not_found', { params: { value: fileName } }));
        }
      }
      return ok(files);
    },

    async savePdf(raw) {
      const parsed = savePdfInput.safeParse(raw ?? {});
      if (!parsed.success) return fail(inputError(parsed.error.issues));
      const input = parsed.data;
      const name = safePdfName(input.suggestedName ?? input.fileName);
      let chosen: { canceled: boolean; filePath?: string };
      try {
        chosen = await deps.dialogs.showSaveDialog({
          title: input.title ?? 'Lưu tệp PDF',
          defaultPath: path.join(deps.documentsDir, name),
          filters: [{ name: 'Tệp PDF', extensions: ['pdf'] }],
        });
      } catch (e) {
        return fail(makeError('internal', { params: { value: (e as Error)?.message ?? String(e) } }));
      }
      if (chosen.canceled || !chosen.filePath) return ok(null);
      // Exactly the path the clerk chose (the dialog already asked before overwriting).
      const target = path.resolve(chosen.filePath);
      try {
        await writeFileAtomic(target, input.bytes);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        return fail({ code: 'write_failed', message: `Không lưu được tệp «${path.basename(target)}» (${code || (e as Error).message}).` });
      }
      return ok(target);
    },
  };
}
