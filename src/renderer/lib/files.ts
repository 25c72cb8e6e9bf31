/**
 * Files for the outgoing and follow-up screens: reading a chosen file's bytes (the page
 * reads them; no path ever reaches the server) and saving bytes the server produced. PDFs
 * go through the desktop app's save dialog when there is one; anything else (XLSX) is a
 * download, which the desktop app also turns into a save dialog.
 */
import { getBridge } from '../api/bridge';
import { browserDownload } from './download';

export interface ChosenFile {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export async function readFile(file: File): Promise<ChosenFile> {
  return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Returns 'saved', 'cancelled' or an error message. */
export async function saveFile(
  bytes: Uint8Array,
  fileName: string,
  opts: { mime?: string; title?: string } = {},
): Promise<'saved' | 'cancelled' | { error: string }> {
  const mime = opts.mime ?? (fileName.toLowerCase().endsWith('.xlsx') ? XLSX_MIME : 'application/pdf');
  const bridge = getBridge();
  if (bridge && mime === 'application/pdf') {
    const r = await bridge.savePdf({
      suggestedName: fileName,
      bytes: bytes.slice() as Uint8Array<ArrayBuffer>,
      title: opts.title ?? 'Lưu tệp PDF',
    });
    if (r.ok) return r.value === null ? 'cancelled' : 'saved';
    return r.error.code === 'cancelled' ? 'cancelled' : { error: r.error.message };
  }
  browserDownload(bytes, fileName, mime);
  return 'saved';
}
