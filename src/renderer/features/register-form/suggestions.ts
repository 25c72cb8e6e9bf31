/** Suggestions for the form's free-text fields. */
import { DOCUMENT_TYPES } from '../../../shared/domain/documentTypes';
import { fold } from '../../../shared/text/vietnamese';
import { call } from '../../api/client';

const TYPES = DOCUMENT_TYPES.map((t) => ({ name: t.name, folded: fold(t.name), abbr: t.abbr ? fold(t.abbr) : null }));

/**
 * Decree-30 document types for what was typed, without diacritics or with the Appendix III
 * abbreviation ("qd", "QĐ" → Quyết định): exact first, then prefix, then word prefix.
 */
export function suggestTypes(text: string): string[] {
  const q = fold(text.trim());
  if (!q) return TYPES.map((t) => t.name);
  const scored: [number, string][] = [];
  for (const t of TYPES) {
    let score = -1;
    if (t.folded === q || t.abbr === q) score = 0;
    else if (t.folded.startsWith(q)) score = 1;
    else if (t.folded.split(' ').some((w) => w.startsWith(q))) score = 2;
    else if (t.folded.includes(q)) score = 3;
    if (score >= 0) scored.push([score, t.name]);
  }
  return scored.sort((a, b) => a[0] - b[0]).map(([, n]) => n);
}

/** Senders seen before, most used first (server side: folded prefix over the organ table). */
export async function suggestOrgans(text: string): Promise<string[]> {
  if (!text.trim()) return [];
  const r = await call('incoming.organNames', { prefix: text.slice(0, 200), limit: 8 });
  return r.ok ? r.value : [];
}
