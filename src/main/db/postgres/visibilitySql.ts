/**
 * The PostgreSQL terms of a Visibility (store/ports.ts; the rules are src/main/accounts/visibility.ts),
 * the same as the SQLite store's (db/sqlite/visibilitySql.ts) and as the row-level policies
 * of migrations 0090 and 0105 — which also apply when a person connects as themselves.
 */
import type { OutgoingVisibility, Visibility } from '../../store/ports.js';

/** WHERE terms over incoming documents given the SQL of their sort key and id; placeholders numbered into `params`. */
export function incomingVisibilityPg(v: Visibility | undefined, params: unknown[], key = 'd.sort_key', id = 'd.id'): string[] {
  const where: string[] = [];
  if (!v) return where;
  if (v.none) where.push('false');
  if (v.hideConfidential) where.push(`${key} NOT IN (SELECT sort_key FROM incoming_documents WHERE secrecy <> 'normal')`);
  if (v.unitId !== undefined) {
    params.push(v.unitId);
    where.push(`${id} IN (SELECT document_id FROM assignments WHERE unit_id = $${params.length} AND replaced_at IS NULL)`);
  }
  return where;
}

/** WHERE terms over `outgoing_documents d`; `bind` numbers a parameter. */
export function outgoingVisibilityPg(v: OutgoingVisibility | undefined, where: string[], bind: (v: unknown) => string): void {
  if (!v) return;
  if (v.none) where.push('false');
  if (v.hideConfidential) where.push("d.secrecy = 'normal'");
  if (v.own) where.push(`(d.created_by = ${bind(v.own.username)} OR d.drafting_unit = ${bind(v.own.unitCode ?? '')})`);
}
