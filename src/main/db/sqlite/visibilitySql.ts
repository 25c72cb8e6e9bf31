/**
 * The SQLite terms of a Visibility (store/ports.ts; the rules are src/main/accounts/visibility.ts).
 * Confidential documents are left out by key through the partial index incoming_confidential
 * (few rows), so a list still counts and pages from its key's index alone; a unit's documents
 * are those with a current assignment to it (index assignments_unit).
 */
import type { OutgoingVisibility, Visibility } from '../../store/ports.js';

/** WHERE terms over incoming documents given the SQL of their sort key and id (`?` placeholders, in order). */
export function incomingVisibilitySql(v: Visibility | undefined, key: string, id: string): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!v) return { where, params };
  if (v.none) where.push('0');
  if (v.hideConfidential) where.push(`${key} NOT IN (SELECT sort_key FROM incoming_documents WHERE secrecy != 'normal')`);
  if (v.unitId !== undefined) {
    where.push(`${id} IN (SELECT document_id FROM assignments WHERE unit_id = ? AND replaced_at IS NULL)`);
    params.push(v.unitId);
  }
  return { where, params };
}

/** WHERE terms over `outgoing_documents d` (pushed into where/params). */
export function outgoingVisibilitySql(v: OutgoingVisibility | undefined, where: string[], params: unknown[]): void {
  if (!v) return;
  if (v.none) where.push('0');
  if (v.hideConfidential) where.push("d.secrecy = 'normal'");
  if (v.own) {
    where.push('(d.created_by = ? OR d.drafting_unit = ?)');
    params.push(v.own.username, v.own.unitCode ?? '');
  }
}
