/** Recognises attachment types by their first bytes; the file name is never trusted. */
export type AttachmentMime = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff';

export function sniffMime(bytes: Uint8Array): AttachmentMime | null {
  const b = bytes;
  const starts = (sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
  // PDF: "%PDF-" within the first 1024 bytes (some producers put junk before it).
  const head = Buffer.from(b.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x49, 0x49, 0x2a, 0x00]) || starts([0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  // BigTIFF
  if (starts([0x49, 0x49, 0x2b, 0x00]) || starts([0x4d, 0x4d, 0x00, 0x2b])) return 'image/tiff';
  return null;
}
