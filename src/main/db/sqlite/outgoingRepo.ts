import type { OutgoingFields, OutgoingRecord, OutgoingStatus } from '../../../shared/domain/outgoing.js';
import type { ParsedQuery } from '../../search/parseQuery.js';
import type {
  HiddenReason,
  NewOutgoingRow,
  OutgoingListQuery,
  OutgoingRepository,
  OutgoingVisibility,
  TrustAnchorRow,
  TrustRepository,
} from '../../store/ports.js';
import type { Statements } from './statements.js';
import { outgoingVisibilitySql } from './visibilitySql.js';

export interface OutgoingRow {
  id: number;
  register_code: string;
  year: number | null;
  code_number: number | null;
  symbol: string | null;
  issued_date: string | null;
  type_name: string;
  subject: string;
  body: string;
  kinh_gui: string;
  recipients: string;
  signer_authority: string | null;
  signer_position: string;
  signer_name: string;
  drafting_unit: string;
  urgency: OutgoingRecord['urgency'];
  secrecy: OutgoingRecord['secrecy'];
  copies: number | null;
  due_date: string | null;
  status: OutgoingStatus;
  created_at: string;
  updated_at: string;
  reply_to: string | null;
  files: string | null;
  attachments: string | null;
}

const SELECT = `SELECT d.*, r.code AS register_code,
  (SELECT json_group_array(incoming_id) FROM outgoing_replies WHERE outgoing_id = d.id) AS reply_to,
  (SELECT json_group_array(json_object('kind', kind, 'sha256', sha256, 'createdAt', created_at))
     FROM (SELECT * FROM outgoing_files WHERE outgoing_id = d.id ORDER BY id)) AS files,
  (SELECT json_group_array(json_object('id', id, 'fileName', file_name, 'sha256', sha256, 'signedSha256', signed_sha256))
     FROM (SELECT * FROM outgoing_attachments WHERE outgoing_id = d.id ORDER BY id)) AS attachments
  FROM outgoing_documents d JOIN registers r ON r.id = d.register_id`;

export function toRecord(r: OutgoingRow): OutgoingRecord {
  return {
    id: r.id,
    register: r.register_code,
    year: r.year,
    codeNumber: r.code_number,
    symbol: r.symbol,
    issuedDate: r.issued_date,
    typeName: r.type_name,
    subject: r.subject,
    body: JSON.parse(r.body),
    kinhGui: JSON.parse(r.kinh_gui),
    recipients: JSON.parse(r.recipients),
    signerAuthority: r.signer_authority,
    signerPosition: r.signer_position,
    signerName: r.signer_name,
    draftingUnit: r.drafting_unit,
    urgency: r.urgency,
    secrecy: r.secrecy,
    copies: r.copies,
    dueDate: r.due_date,
    replyTo: JSON.parse(r.reply_to ?? '[]'),
    status: r.status,
    files: JSON.parse(r.files ?? '[]'),
    attachments: JSON.parse(r.attachments ?? '[]'),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class SqliteOutgoingRepository implements OutgoingRepository {
  constructor(private readonly s: Statements) {}

  private replaceReplies(id: number, replyTo: number[]): void {
    this.s.get('DELETE FROM outgoing_replies WHERE outgoing_id = ?').run(id);
    for (const inc of replyTo) this.s.get('INSERT INTO outgoing_replies (outgoing_id, incoming_id) VALUES (?, ?)').run(id, inc);
  }

  async insert(r: NewOutgoingRow): Promise<number> {
    const info = this.s
      .get(
        `INSERT INTO outgoing_documents (register_id, type_name, subject, body, kinh_gui, recipients, signer_authority,
           signer_position, signer_name, drafting_unit, urgency, secrecy, copies, due_date, status, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.registerId,
        r.typeName,
        r.subject,
        JSON.stringify(r.body),
        JSON.stringify(r.kinhGui),
        JSON.stringify(r.recipients),
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
        r.createdAt,
      );
    const id = Number(info.lastInsertRowid);
    this.replaceReplies(id, r.replyTo);
    return id;
  }

  async get(id: number): Promise<OutgoingRecord | null> {
    const row = this.s.get(`${SELECT} WHERE d.id = ?`).get(id) as OutgoingRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** One PC has no row rules of its own: a document get() did not return does not exist. */
  async whyHidden(): Promise<HiddenReason | null> {
    return null;
  }

  async updateFields(id: number, f: OutgoingFields, registerId: number, at: string): Promise<void> {
    this.s
      .get(
        `UPDATE outgoing_documents SET register_id = ?, type_name = ?, subject = ?, body = ?, kinh_gui = ?, recipients = ?,
           signer_authority = ?, signer_position = ?, signer_name = ?, drafting_unit = ?, urgency = ?, secrecy = ?,
           copies = ?, due_date = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
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
      );
    this.replaceReplies(id, f.replyTo);
  }

  async setStatus(id: number, status: OutgoingStatus, at: string): Promise<void> {
    this.s.get('UPDATE outgoing_documents SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
  }

  async setNumber(
    id: number,
    n: { registerId: number; year: number; codeNumber: number; symbol: string; issuedDate: string },
    at: string,
  ): Promise<void> {
    this.s
      .get(
        `UPDATE outgoing_documents SET register_id = ?, year = ?, code_number = ?, symbol = ?, issued_date = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(n.registerId, n.year, n.codeNumber, n.symbol, n.issuedDate, at, id);
  }

  async addFile(id: number, kind: string, sha256: string, at: string, layout?: unknown): Promise<void> {
    this.s
      .get('INSERT INTO outgoing_files (outgoing_id, kind, sha256, layout, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, kind, sha256, layout === undefined ? null : JSON.stringify(layout), at);
  }

  async addAttachment(id: number, sha256: string, fileName: string, at: string): Promise<number> {
    return Number(
      this.s
        .get('INSERT INTO outgoing_attachments (outgoing_id, sha256, file_name, created_at) VALUES (?, ?, ?, ?)')
        .run(id, sha256, fileName, at).lastInsertRowid,
    );
  }

  async setAttachmentSigned(attachmentId: number, signedSha256: string): Promise<void> {
    this.s.get('UPDATE outgoing_attachments SET signed_sha256 = ? WHERE id = ?').run(signedSha256, attachmentId);
  }

  async fileLayout(id: number, kind: string): Promise<unknown> {
    const r = this.s.get('SELECT layout FROM outgoing_files WHERE outgoing_id = ? AND kind = ? ORDER BY id DESC LIMIT 1').get(id, kind) as
      { layout: string | null } | undefined;
    return r?.layout ? (JSON.parse(r.layout) as unknown) : null;
  }

  async list(q: OutgoingListQuery): Promise<OutgoingRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.registerId !== undefined) {
      where.push('d.register_id = ?');
      params.push(q.registerId);
    }
    if (q.year !== undefined) {
      where.push('d.year = ?');
      params.push(q.year);
    }
    if (q.status !== undefined) {
      where.push('d.status = ?');
      params.push(q.status);
    }
    if (q.after !== undefined) {
      where.push('d.id < ?');
      params.push(q.after);
    }
    outgoingVisibilitySql(q.visible, where, params);
    const sql = `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY d.id DESC LIMIT ?`;
    return (this.s.get(sql).all(...params, q.limit) as OutgoingRow[]).map(toRecord);
  }

  async createdBy(id: number): Promise<string | null> {
    return (this.s.get('SELECT created_by FROM outgoing_documents WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
  }

  async forBook(registerId: number, year: number, visible?: OutgoingVisibility): Promise<OutgoingRecord[]> {
    const where = ['d.register_id = ?', 'd.year = ?'];
    const params: unknown[] = [registerId, year];
    outgoingVisibilitySql(visible, where, params);
    return (this.s.get(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.code_number`).all(...params) as OutgoingRow[]).map(toRecord);
  }

  async search(text: ParsedQuery, limit: number, visible?: OutgoingVisibility): Promise<{ total: number; items: OutgoingRecord[] }> {
    if (text.terms.length === 0) return { total: 0, items: [] };
    // The same rules as incoming search: folded words, phrases, a prefix on the last word,
    // symbol fragments as substrings.
    const phrase = (t: ParsedQuery['terms'][number]) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`;
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const t of text.terms) {
      if (t.symbol && t.symbol.replace(/\//g, '').length >= 3) {
        parts.push(
          `id IN (SELECT rowid FROM outgoing_symbol_fts WHERE outgoing_symbol_fts MATCH ? UNION SELECT rowid FROM outgoing_fts WHERE outgoing_fts MATCH ?)`,
        );
        params.push(`"${t.symbol}"`, phrase(t));
      } else {
        parts.push('id IN (SELECT rowid FROM outgoing_fts WHERE outgoing_fts MATCH ?)');
        params.push(phrase(t));
      }
    }
    outgoingVisibilitySql(visible, parts, params);
    const where = parts.join(' AND ');
    const total = (this.s.get(`SELECT count(*) AS n FROM outgoing_documents d WHERE ${where}`).get(...params) as { n: number }).n;
    const rows = this.s
      .get(`${SELECT} WHERE ${where.replace(/(?<!\.)\bid IN/g, 'd.id IN')} ORDER BY d.id DESC LIMIT ?`)
      .all(...params, limit) as OutgoingRow[];
    return { total, items: rows.map(toRecord) };
  }

  async incomingExists(ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = this.s.get('SELECT id FROM incoming_documents WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
      id: number;
    }[];
    return rows.map((r) => r.id);
  }
}

export class SqliteTrustRepository implements TrustRepository {
  constructor(private readonly s: Statements) {}

  async add(a: Omit<TrustAnchorRow, 'id'>, at: string): Promise<{ id: number; added: boolean }> {
    const existing = this.s.get('SELECT id FROM trust_anchors WHERE sha256 = ?').get(a.sha256) as { id: number } | undefined;
    if (existing) return { id: existing.id, added: false };
    const info = this.s
      .get('INSERT INTO trust_anchors (subject, sha256, pem, not_after, created_at, kind, legacy) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.subject, a.sha256, a.pem, a.notAfter, at, a.kind, a.legacy ? 1 : 0);
    return { id: Number(info.lastInsertRowid), added: true };
  }

  async list(): Promise<TrustAnchorRow[]> {
    const rows = this.s
      .get('SELECT id, subject, sha256, pem, not_after AS notAfter, kind, legacy FROM trust_anchors ORDER BY id')
      .all() as (Omit<TrustAnchorRow, 'legacy'> & { legacy: number })[];
    return rows.map((r) => ({ ...r, legacy: r.legacy === 1 }));
  }

  async setLegacy(id: number, legacy: boolean): Promise<void> {
    this.s.get('UPDATE trust_anchors SET legacy = ? WHERE id = ?').run(legacy ? 1 : 0, id);
  }

  async remove(id: number): Promise<void> {
    this.s.get('DELETE FROM trust_anchors WHERE id = ?').run(id);
  }
}
