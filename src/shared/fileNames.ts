/**
 * File names that came from outside (an upload, a file on a USB stick, an e-mail) are
 * stored for the clerk to read and offered again as download names. Before either, they
 * are made harmless: no folders, no control or bidirectional-override characters (a
 * "cv\u202Efdp.exe" that reads as "cvexe.pdf"), no names Windows reserves, and an
 * extension that matches what the content really is, so a PDF never downloads as ".exe".
 */
import { nfc } from './text/vietnamese.js';

/** Controls, lone surrogates, bidi controls and invisible format characters. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]/gu;
/** Characters Windows (and shells) cannot keep in a name. */
const RESERVED_CHARS = /[<>:"/\\|?*]/g;
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/tiff': ['tif', 'tiff'],
  'text/csv': ['csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  // Office files received by edXML (main/attachments/officeFiles.ts).
  'application/zip': ['zip'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/x-ole-storage': ['doc', 'xls'],
};

export const MAX_FILE_NAME = 200;

/**
 * A safe name for a stored or downloaded file. `mime`, when known, is the type sniffed
 * from the content; the name's extension is made to agree with it.
 */
export function safeFileName(name: string, mime?: string | null, fallback = 'tep'): string {
  let s = nfc(String(name))
    .replace(INVISIBLE, '')
    .replace(RESERVED_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // Hidden files and "." / "..": no leading dots; Windows drops trailing dots and spaces.
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const wanted = mime ? EXTENSIONS[mime] : undefined;
  if (wanted) {
    const ext = /\.([^.]{1,10})$/.exec(s)?.[1]?.toLowerCase();
    if (!ext || !wanted.includes(ext)) s = `${s || fallback}.${wanted[0]}`;
  }
  if (!s) s = fallback;
  if (RESERVED_NAMES.test(s)) s = `_${s}`;
  if (s.length > MAX_FILE_NAME) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 11 ? s.slice(dot) : '';
    // Cut by code points, never inside a surrogate pair.
    s =
      Array.from(s.slice(0, s.length - ext.length))
        .slice(0, MAX_FILE_NAME - ext.length)
        .join('')
        .trimEnd() + ext;
  }
  return s;
}
