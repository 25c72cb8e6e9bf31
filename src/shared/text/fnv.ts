/**
 * The 32-bit FNV-1a hash of a string's UTF-16 code units, as a signed 32-bit integer: small,
 * stable across runs and processes, equal strings give equal hashes. Not for security.
 */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}
