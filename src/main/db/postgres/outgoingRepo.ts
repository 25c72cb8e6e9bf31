import type { OutgoingFields, OutgoingRecord, OutgoingStatus } from '../../../shared/domain/outgoing.js';
import type { ParsedQuery } from '../../search/parseQuery.js';
import type { HiddenReason, NewOutgoingRow, OutgoingListQuery, OutgoingRepository, OutgoingVisibility } from '../../store/ports.js';
import { toRecord, type OutgoingRow } from '../sqlite/outgoingRepo.js';
import { symbolKeyOf, termQuery, tsvectorLiteral } from './tsvector.js';
import type { Tx } from './tx.js';
import { outgoingVisibilityPg } from './visibilitySql.js';

const SELECT = `SELECT d.*, r.code AS register_code,
  (SELECT json_agg(incoming_id ORDER BY incoming_id) FROM outgoing_replies WHERE outgoing_id = d.id) AS reply_to,
  (SELECT json_agg(json_build_object('kind', kind, 'sha256', sha256, 'createdAt', created_at) ORDER BY id)
     FROM outgoing_files WHERE outgoing_id = d.id) AS files,
  (SELECT json_agg(json_build_object('id', id, 'fileName', file_name, 'sha256', sha256, 'signedSha256', signed_sha256) ORDER BY id)
     FROM outgoing_attachments WHERE outgoing_id = d.id) AS attachments
  FROM outgoing_documents d JOIN registers r ON r.id = d.register_id`;

/** The SQLite store indexes these five columns as stored (JSON text included). */
function searchColumns(f: { subject: string; symbol: string | null; signerName: string; recipients: string; body: string }) {
  return tsvectorLiteral([
    [f.subject, 'D'],
    [f.symbol, 'D'],
    [f.signerName, 'D'],
    [f.recipients, 'D'],
    [f.body, 'D'],
  ]);
}

export class PgOutgoingRepository implements OutgoingRepository {
  constructor(private readonly tx: Tx) {}

  private get q() {
    return this.tx.q;
  }

  private async replaceReplies(id: number, replyTo: number[]): Promise<void> {
    await this.q.run('DELETE FROM outgoing_replies WHERE outgoing_id = $1', [id]);
    if (replyTo.length) {
      await this.q.run('INSERT INTO outgoing_replies (outgoing_id, incoming_id) SELECT $1, unnest($2::int[])', [id, replyTo]);
    }
  }

  private async reindex(id: number): Promise<void> {
    const r = await this.q.one<{ subject: string; symbol: string | null; signer_name: string; recipients: string; body: string }>(
      'SELECT subject, symbol, signer_name, recipients, body FROM outgoing_documents WHERE id = $1',
      [id],
    );
    if (!r) return;
    await this.q.run('UPDATE outgoing_documents SET search_tsv = $2::tsvector, symbol_key = $3 WHERE id = $1', [
      id,
      searchColumns({ subject: r.subject, symbol: r.symbol, signerName: r.signer_name, recipients: r.recipients, body: r.body }),
      symbolKeyOf(r.symbol),
    ]);
  }

  async insert(r: NewOutgoingRow): Promise<number> {
    const body = JSON.stringify(r.body);
    const recipients = JSON.stringify(r.recipients);
    const row = await this.q.one<{ id: number }>(
      `INSERT INTO outgoing_documents (register_id, type_name, subject, body, kinh_gui, recipients, signer_authority,
         signer_position, signer_name, drafting_unit, urgency, secrecy, copies, due_date, status, created_at, created_by, updated_at,
         search_tsv)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $16, $18::tsvector) RETURNING id`,
      [
        r.registerId,
        r.typeName,
        r.subject,
        body,
        JSON.stringify(r.kinhGui),
        recipients,
        r.signerAuthority,
        r.signerPosition,
        r.signerName,
        r.draftingUnit,
        r.urgency,
        r.secrecy,
        r.copies,
        r.dueDate,
        r.status,
        r.createdAt,
        r.createdBy,
        searchColumns({ subject: r.subject, symbol: null, signerName: r.signerName, recipients, body }),
      ],
    );
    await this.replaceReplies(row!.id, r.replyTo);
    return row!.id;
  }

  async get(id: number): Promise<OutgoingRecord | null> {
    const row = await this.q.one<OutgoingRow>(`${SELECT} WHERE d.id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  async whyHidden(id: number): Promise<HiddenReason | null> {
    return (await this.q.one<{ why: HiddenReason | null }>(`SELECT vt_hidden_reason('outgoing', $1) AS why`, [id]))?.why ?? null;
  }

  async updateFields(id: number, f: OutgoingFields, registerId: number, at: string): Promise<void> {
    await this.q.run(
      `UPDATE outgoing_documents SET register_id = $1, type_name = $2, subject = $3, body = $4, kinh_gui = $5, recipients = $6,
         signer_authority = $7, signer_position = $8, signer_name = $9, drafting_unit = $10, urgency = $11, secrecy = $12,
         copies = $13, due_date = $14, updated_at = $15 WHERE id = $16`,
      [
        registerId,
        f.typeName,
        f.subject,
        JSON.stringify(f.body),
        JSON.stringify(f.kinhGui),
        JSON.stringify(f.recipients),
        f.signerAuthority,
        f.signerPosition,
        f.signerName,
        f.draftingUnit,
        f.urgency,
        f.secrecy,
        f.copies,
        f.dueDate,
        at,
        id,
      ],
    );
    await this.replaceReplies(id, f.replyTo);
    await this.reindex(id);
  }

  async setStatus(id: number, status: OutgoingStatus, at: string): Promise<void> {
    await this.q.run('UPDATE outgoing_documents SET status = $1, updated_at = $2 WHERE id = $3', [status, at, id]);
  }

  async setNumber(
    id: number,
    n: { registerId: number; year: number; codeNumber: number; symbol: string; issuedDate: string },
    at: string,
  ): Promise<void> {
    await this.q.run(
      `UPDATE outgoing_documents SET register_id = $1, year = $2, code_number = $3, symbol = $4, issued_date = $5, updated_at = $6
       WHERE id = $7`,
      [n.registerId, n.year, n.codeNumber, n.symbol, n.issuedDate, at, id],
    );
    await this.reindex(id);
  }

  async addFile(id: number, kind: string, sha256: string, at: string, layout?: unknown): Promise<void> {
    await this.q.run('INSERT INTO outgoing_files (outgoing_id, kind, sha256, layout, created_at) VALUES ($1, $2, $3, $4, $5)', [
      id,
      kind,
      sha256,
      layout === undefined ? null : JSON.stringify(layout),
      at,
    ]);
  }

  async addAttachment(id: number, sha256: string, fileName: string, at: string): Promise<number> {
    const row = await this.q.one<{ id: number }>(
      'INSERT INTO outgoing_attachments (outgoing_id, sha256, file_name, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [id, sha256, fileName, at],
    );
    return row!.id;
  }

  async setAttachmentSigned(attachmentId: number, signedSha256: string): Promise<void> {
    await this.q.run('UPDATE outgoing_attachments SET signed_sha256 = $1 WHERE id = $2', [signedSha256, attachmentId]);
  }

  async fileLayout(id: number, kind: string): Promise<unknown> {
    const r = await this.q.one<{ layout: string | null }>(
      'SELECT layout FROM outgoing_files WHERE outgoing_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1',
      [id, kind],
    );
    return r?.layout ? (JSON.parse(r.layout) as unknown) : null;
  }

  async list(q: OutgoingListQuery): Promise<OutgoingRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (v: unknown) => (params.push(v), `$${params.length}`);
    if (q.registerId !== undefined) where.push(`d.register_id = ${bind(q.registerId)}`);
    if (q.year !== undefined) where.push(`d.year = ${bind(q.year)}`);
    if (q.status !== undefined) where.push(`d.status = ${bind(q.status)}`);
    if (q.after !== undefined) where.push(`d.id < ${bind(q.after)}`);
    outgoingVisibilityPg(q.visible, where, bind);
    const sql = `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY d.id DESC LIMIT ${bind(q.limit)}`;
    return (await this.q.rows<OutgoingRow>(sql, params)).map(toRecord);
  }

  async createdBy(id: number): Promise<string | null> {
    return (await this.q.one<{ c: string }>('SELECT created_by AS c FROM outgoing_documents WHERE id = $1', [id]))?.c ?? null;
  }

  async forBook(registerId: number, year: number, visible?: OutgoingVisibility): Promise<OutgoingRecord[]> {
    const params: unknown[] = [registerId, year];
    const bind = (v: unknown) => (params.push(v), `$${params.length}`);
    const where = ['d.register_id = $1', 'd.year = $2'];
    outgoingVisibilityPg(visible, where, bind);
    return (await this.q.rows<OutgoingRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.code_number`, params)).map(toRecord);
  }

  async search(text: ParsedQuery, limit: number, visible?: OutgoingVisibility): Promise<{ total: number; items: OutgoingRecord[] }> {
    if (text.terms.length === 0) return { total: 0, items: [] };
    // The same rules as the SQLite store: each term a phrase (last word a prefix if typed
    // so) anywhere in the text, or for a symbol fragment, also a substring of the symbol.
    // The hits come from the database's functions (migration 0173), which apply a person's
    // row rule themselves so the GIN indexes stay usable under row-level security; the rows
    // are then read under the policies by their ids.
    const spec = JSON.stringify({
      terms: text.terms.map((t) => [
        { tsv: termQuery(t) },
        ...(t.symbol && t.symbol.replace(/\//g, '').length >= 3 ? [{ symbol: `%${t.symbol}%` }] : []),
      ]),
      ...(visible ? { visible } : {}),
    });
    const total = Number((await this.q.dyn<{ n: string }>('SELECT vt_outgoing_search_count($1::jsonb) AS n', [spec]))[0]!.n);
    const ids = (
      await this.q.dyn<{ id: number }>('SELECT id FROM vt_outgoing_search_ids($1::jsonb, $2::integer) AS id', [spec, limit])
    ).map((r) => r.id);
    if (ids.length === 0) return { total, items: [] };
    const rows = await this.q.dyn<OutgoingRow>(`${SELECT} WHERE d.id = ANY($1::int[]) ORDER BY d.id DESC`, [ids]);
    return { total, items: rows.map(toRecord) };
  }

  async incomingExists(ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.q.rows<{ id: number }>('SELECT id FROM incoming_documents WHERE id = ANY($1::int[]) ORDER BY id', [ids]);
    return rows.map((r) => r.id);
  }
}
