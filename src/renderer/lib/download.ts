/** Saving bytes as a file: the desktop app's save dialog, or a browser download (blob URL + <a download>). */
import { getBridge } from '../api/bridge';
import { safeFileName } from '../../shared/fileNames';

export function blobUrl(bytes: Uint8Array, mime: string): string {
  // Copy into a fresh ArrayBuffer: the Blob constructor wants an ArrayBuffer-backed view.
  return URL.createObjectURL(new Blob([bytes.slice().buffer as ArrayBuffer], { type: mime }));
}

export function browserDownload(bytes: Uint8Array, fileName: string, mime: string): void {
  const url = blobUrl(bytes, mime);
  const a = document.createElement('a');
  a.href = url;
  // The name may come from a stored upload: made safe here too, whatever the server sent.
  a.download = safeFileName(fileName, mime);
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started by now; keep the URL a little for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Returns 'saved', 'cancelled' or an error message. */
export async function savePdf(bytes: Uint8Array, fileName: string): Promise<'saved' | 'cancelled' | { error: string }> {
  const bridge = getBridge();
  if (bridge) {
    const r = await bridge.savePdf({ suggestedName: fileName, bytes: bytes as Uint8Array<ArrayBuffer>, title: 'Lưu sổ đăng ký văn bản' });
    if (r.ok) return r.value === null ? 'cancelled' : 'saved';
    return r.error.code === 'cancelled' ? 'cancelled' : { error: r.error.message };
  }
  browserDownload(bytes, fileName, 'application/pdf');
  return 'saved';
}
