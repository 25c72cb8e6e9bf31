/**
 * PostgreSQL implementation of the letters' repository (store/letterPorts.ts), the twin of
 * db/sqlite/letterRepo.ts: the same queries in this dialect, the same rows out (letterRows.ts).
 * The senders and the scans of a letter are selected only through SQL that re-checks the
 * reader's access against the letter's kind (PEOPLE_ALLOWED), whatever the caller passed.
 */
import type {
  HotlineRecord,
  LetterAssignment,
  LetterFileText,
  LetterListItem,
  LetterRecord,
  LetterSender,
} from '../../../shared/domain/letters.js';
import type {
  HotlineFigureRow,
  HotlineListQuery,
  HotlinePatch,
  LetterAccess,
  LetterFigureRow,
  LetterFollowUpRow,
  LetterListQuery,
  LetterPatch,
  LetterRepository,
  NewHotlineRow,
  NewLetterAssignment,
  NewLetterRow,
  PeriodQuery,
  NewLetterFileExtra,
  SenderMatch,
} from '../../store/letterPorts.js';
import {
  ATTACHMENT_COLUMNS,
  bool,
  HOTLINE_COLUMNS,
  LETTER_COLUMNS,
  num,
  scopeSql,
  toAssignment,
  groupFileTexts,
  toAttachment,
  toFollowUp,
  toHotline,
  toLetter,
  toLink,
  toListItem,
  toMatch,
  toSender,
  type AssignmentDbRow,
  type AttachmentDbRow,
  type FileTextDbRow,
  type FollowUpDbRow,
  type HotlineDbRow,
  type LetterDbRow,
  type LinkDbRow,
  type ListDbRow,
  type SenderDbRow,
} from '../letterRows.js';
import type { Tx } from './tx.js';

/** Parameters $2 (identity) and $3 (personal), booleans, against the letter `l`. */
const PEOPLE_ALLOWED = `(CASE WHEN l.kind = 'denunciation' THEN $2::boolean ELSE $3::boolean END)`;

const ASSIGNMENT_SELECT = `SELECT a.*, u.code AS unit, u.name AS unit_name FROM letter_assignments a JOIN units u ON u.id = a.unit_id`;

/** $1 = personal (boolean). */
const HOTLINE_SELECT = `SELECT h.id, h.year, h.number, h.received_at, h.received_date,
    CASE WHEN $1::boolean THEN h.caller_name END AS caller_name,
    CASE WHEN $1::boolean THEN h.caller_phone END AS caller_phone,
    CASE WHEN $1::boolean THEN h.caller_address END AS caller_address,
    (h.caller_name IS NOT NULL OR h.caller_phone IS NOT NULL OR h.caller_address IS NOT NULL) AS has_caller,
    h.procedure, u.code AS unit, u.name AS unit_name, h.cause, h.content, h.status, h.forwarded_at, h.forwarded_by,
    h.due_date, h.forward_note, h.answer, h.answered_at, h.answered_by, h.closed_at, h.closed_by, h.close_note,
    h.created_at, h.created_by
  FROM hotline_items h JOIN units u ON u.id = h.unit_id`;

/** Builds `$n` placeholders for a dynamic query. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

export class PgLetterRepository implements LetterRepository {
  constructor(private readonly tx: Tx) {}

  private get q() {
    return this.tx.q;
  }

  async allocateNumber(series: 'letter' | 'hotline', year: number): Promise<number> {
    const row = await this.q.one<{ last_number: number }>(
      `INSERT INTO letter_counters (series, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (series, year) DO UPDATE SET last_number = letter_counters.last_number + 1 RETURNING last_number`,
      [series, year],
    );
    return row!.last_number;
  }

  async insert(r: NewLetterRow): Promise<number> {
    const row = await this.q.one<{ id: number }>(
      `INSERT INTO letters (year, number, received_date, channel, forwarded_by, kind, subject, summary, concerned_body,
         concerned_organ_id, anonymous, sender_count, status, processing_due, subject_fold, body_fold, created_at, created_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, 'received', $12, $13, $14, $15, $16, $15) RETURNING id`,
      [
        r.year,
        r.number,
        r.receivedDate,
        r.channel,
        r.forwardedBy,
        r.kind,
        r.subject,
        r.summary,
        r.concernedBody,
        r.concernedOrganId,
        r.anonymous,
        r.processingDue,
        r.subjectFold,
        r.bodyFold,
        r.createdAt,
        r.createdBy,
      ],
    );
    return row!.id;
  }

  async update(id: number, patch: LetterPatch, at: string): Promise<void> {
    const p = new Params();
    const keys = (Object.keys(patch) as (keyof LetterPatch)[]).filter((k) => patch[k] !== undefined);
    const sets = keys.map((k) => `${LETTER_COLUMNS[k]} = ${p.add(patch[k])}`);
    sets.push(`updated_at = ${p.add(at)}`);
    await this.q.dyn(`UPDATE letters SET ${sets.join(', ')} WHERE id = ${p.add(id)}`, p.values);
  }

  async setSenders(id: number, senders: LetterSender[], keys: string[]): Promise<void> {
    await this.q.run('DELETE FROM letter_senders WHERE letter_id = $1', [id]);
    await this.q.run('DELETE FROM letter_sender_keys WHERE letter_id = $1', [id]);
    for (const [i, s] of senders.entries()) {
      await this.q.run(
        'INSERT INTO letter_senders (letter_id, position, full_name, address, id_number, phone, representative) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, i + 1, s.fullName, s.address, s.idNumber, s.phone, s.representative],
      );
    }
    for (const k of keys) {
      await this.q.run('INSERT INTO letter_sender_keys (key, letter_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [k, id]);
    }
    await this.q.run('UPDATE letters SET sender_count = $1 WHERE id = $2', [senders.length, id]);
  }

  private async senders(id: number, access: LetterAccess): Promise<LetterSender[]> {
    return (
      await this.q.rows<SenderDbRow>(
        `SELECT s.full_name, s.address, s.id_number, s.phone, s.representative FROM letter_senders s JOIN letters l ON l.id = s.letter_id
         WHERE s.letter_id = $1 AND ${PEOPLE_ALLOWED} ORDER BY s.position`,
        [id, access.identity, access.personal],
      )
    ).map(toSender);
  }

  async get(id: number, access: LetterAccess, _asOf: string): Promise<LetterRecord | null> {
    const r = await this.q.one<LetterDbRow>(`SELECT * FROM letters l WHERE l.id = $1 AND ${scopeSql('letters', 'l', access)}`, [id]);
    if (!r) return null;
    const shown = r.kind === 'denunciation' ? access.identity : access.personal;
    const attachments = (
      await this.q.rows<AttachmentDbRow>(
        `SELECT ${ATTACHMENT_COLUMNS} FROM letter_attachments a
         JOIN blobs b ON b.sha256 = a.sha256 JOIN letters l ON l.id = a.letter_id
         WHERE a.letter_id = $1 AND ${PEOPLE_ALLOWED} ORDER BY a.id`,
        [id, access.identity, access.personal],
      )
    ).map(toAttachment);
    const count = await this.q.one<{ n: string }>('SELECT count(*) AS n FROM letter_attachments WHERE letter_id = $1', [id]);
    const earlier = (
      await this.q.rows<LinkDbRow>(
        `SELECT e.id, e.year, e.number, e.received_date, e.kind, e.subject, e.status FROM letter_links k
         JOIN letters e ON e.id = k.earlier_id WHERE k.letter_id = $1 ORDER BY e.received_date, e.id`,
        [id],
      )
    ).map(toLink);
    return toLetter(r, {
      senders: shown ? await this.senders(id, access) : null,
      attachments,
      attachmentCount: num(count?.n),
      assignments: await this.currentAssignments(id),
      earlier,
    });
  }

  async list(q: LetterListQuery, access: LetterAccess): Promise<LetterListItem[]> {
    const p = new Params();
    const where: string[] = [];
    if (q.from) where.push(`l.received_date >= ${p.add(q.from)}`);
    if (q.to) where.push(`l.received_date <= ${p.add(q.to)}`);
    if (q.kind) where.push(`l.kind = ${p.add(q.kind)}`);
    if (q.channel) where.push(`l.channel = ${p.add(q.channel)}`);
    if (q.status) where.push(`l.status = ${p.add(q.status)}`);
    if (q.overdue) {
      const asOf = p.add(q.asOf);
      where.push(`((l.outcome IS NULL AND l.processing_due < ${asOf}) OR (l.status = 'accepted' AND l.resolution_due < ${asOf}))`);
    }
    if (q.after) {
      const d = p.add(q.after.receivedDate);
      where.push(`(l.received_date < ${d} OR (l.received_date = ${d} AND l.id < ${p.add(q.after.id)}))`);
    }
    for (const w of q.words ?? []) {
      const x = p.add(w);
      // A word is found in the subject, the body concerned, or the read text of a file the reader may see.
      where.push(
        `(strpos(l.subject_fold, ${x}) > 0 OR strpos(coalesce(l.body_fold, ''), ${x}) > 0
          OR EXISTS (SELECT 1 FROM letter_attachments a WHERE a.letter_id = l.id AND strpos(a.text_fold, ${x}) > 0
            AND (CASE WHEN l.kind = 'denunciation' THEN ${p.add(access.identity)}::boolean ELSE ${p.add(access.personal)}::boolean END)))`,
      );
    }
    if (access.only) where.push(scopeSql('letters', 'l', access));
    const personal = p.add(access.personal);
    const rows = await this.q.dyn<ListDbRow>(
      `SELECT l.*, (SELECT count(*) FROM letter_links k WHERE k.letter_id = l.id) AS earlier_count,
         CASE WHEN l.kind <> 'denunciation' AND ${personal}::boolean
           THEN (SELECT s.full_name FROM letter_senders s WHERE s.letter_id = l.id ORDER BY s.position LIMIT 1) END AS sender_name
       FROM letters l ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY l.received_date DESC, l.id DESC LIMIT ${p.add(q.limit)}`,
      p.values,
    );
    return rows.map((r) => toListItem(r, q.asOf));
  }

  async bySenderKeys(keys: string[], excludeId: number | null, limit: number, access?: LetterAccess): Promise<SenderMatch[]> {
    if (!keys.length) return [];
    const rows = await this.q.rows<LetterDbRow>(
      `SELECT l.* FROM letters l WHERE l.id IN (SELECT letter_id FROM letter_sender_keys WHERE key = ANY($1::text[]))
         AND l.id <> $2 AND ${scopeSql('letters', 'l', access)} ORDER BY l.received_date DESC, l.id DESC LIMIT $3`,
      [keys, excludeId ?? 0, limit],
    );
    return rows.map(toMatch);
  }

  async setLinks(id: number, earlierIds: number[], at: string, by: string): Promise<void> {
    await this.q.run('DELETE FROM letter_links WHERE letter_id = $1 AND NOT (earlier_id = ANY($2::int[]))', [id, earlierIds]);
    for (const e of earlierIds) {
      await this.q.run(
        'INSERT INTO letter_links (letter_id, earlier_id, linked_at, linked_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [id, e, at, by],
      );
    }
  }

  async exists(ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    return (await this.q.rows<{ id: number }>('SELECT id FROM letters WHERE id = ANY($1::int[])', [ids])).map((r) => r.id);
  }

  async addAttachment(letterId: number, sha256: string, fileName: string, at: string, extra?: NewLetterFileExtra): Promise<number> {
    // No RETURNING: it would need the row to pass the read policy too, and a clerk without the
    // confidential grant registers a denunciation's scan they may not read back (0179).
    const next = await this.q.one<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('letter_attachments', 'id')) AS id`);
    const id = num(next!.id);
    await this.q.run(
      `INSERT INTO letter_attachments (id, letter_id, sha256, file_name, created_at, created_by, text_fold)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, letterId, sha256, fileName, at, extra?.createdBy ?? null, extra?.textFold ?? null],
    );
    return id;
  }

  async fileTexts(letterId: number, access: LetterAccess): Promise<LetterFileText[]> {
    const rows = await this.q.rows<FileTextDbRow>(
      `SELECT a.id, a.file_name, p.page, p.method, p.confidence, p.text FROM letter_attachments a
       JOIN letters l ON l.id = a.letter_id JOIN blob_pages p ON p.sha256 = a.sha256
       WHERE a.letter_id = $1 AND ${PEOPLE_ALLOWED} AND ${scopeSql('letters', 'l', access)} ORDER BY a.id, p.page`,
      [letterId, access.identity, access.personal],
    );
    return groupFileTexts(rows);
  }

  async attachment(letterId: number, attachmentId: number, access: LetterAccess) {
    const r = await this.q.one<{ sha256: string; file_name: string; mime: string }>(
      `SELECT a.sha256, a.file_name, b.mime FROM letter_attachments a JOIN blobs b ON b.sha256 = a.sha256
       JOIN letters l ON l.id = a.letter_id WHERE a.id = $4 AND a.letter_id = $1 AND ${PEOPLE_ALLOWED}
         AND ${scopeSql('letters', 'l', access)}`,
      [letterId, access.identity, access.personal, attachmentId],
    );
    return r ? { sha256: r.sha256, fileName: r.file_name, mime: r.mime } : null;
  }

  async currentAssignments(letterId: number): Promise<LetterAssignment[]> {
    return (
      await this.q.rows<AssignmentDbRow>(`${ASSIGNMENT_SELECT} WHERE a.letter_id = $1 AND a.replaced_at IS NULL ORDER BY a.role, u.code`, [
        letterId,
      ])
    ).map(toAssignment);
  }

  async replaceAssignments(letterId: number, at: string): Promise<void> {
    await this.q.run('UPDATE letter_assignments SET replaced_at = $1 WHERE letter_id = $2 AND replaced_at IS NULL', [at, letterId]);
  }

  async insertAssignment(a: NewLetterAssignment): Promise<number> {
    const r = await this.q.one<{ id: number }>(
      `INSERT INTO letter_assignments (letter_id, unit_id, role, due_date, direction, directed_by, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [a.letterId, a.unitId, a.role, a.dueDate, a.direction, a.directedBy, a.assignedAt],
    );
    return r!.id;
  }

  async completeAssignments(letterId: number, at: string): Promise<void> {
    await this.q.run(
      `UPDATE letter_assignments SET status = 'done', done_at = $1 WHERE letter_id = $2 AND replaced_at IS NULL AND status <> 'done'`,
      [at, letterId],
    );
  }

  async figures(q: PeriodQuery, access?: LetterAccess): Promise<LetterFigureRow[]> {
    const rows = await this.q.rows<{
      kind: LetterFigureRow['kind'];
      channel: LetterFigureRow['channel'];
      outcome: LetterFigureRow['outcome'];
      answered: boolean;
      anonymous: boolean;
      duplicate: boolean;
      overdue_processing: boolean;
      overdue_resolution: boolean;
      n: string;
    }>(
      `SELECT l.kind, l.channel,
         CASE WHEN l.outcome_at < $3 THEN l.outcome END AS outcome,
         coalesce(l.answered_at IS NOT NULL AND l.answered_at < $3, false) AS answered,
         l.anonymous,
         EXISTS (SELECT 1 FROM letter_links k WHERE k.letter_id = l.id) AS duplicate,
         coalesce((l.outcome_at IS NULL OR l.outcome_at >= $3) AND l.processing_due < $4, false) AS overdue_processing,
         coalesce(l.outcome = 'accepted' AND l.outcome_at < $3 AND (l.answered_at IS NULL OR l.answered_at >= $3)
           AND l.resolution_due < $4, false) AS overdue_resolution,
         count(*) AS n
       FROM letters l WHERE l.received_date >= $1 AND l.received_date <= $2 AND ${scopeSql('letters', 'l', access)}
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      [q.from, q.to, q.dayAfter, q.asOf],
    );
    return rows.map((r) => ({
      kind: r.kind,
      channel: r.channel,
      outcome: r.outcome,
      answered: bool(r.answered),
      anonymous: bool(r.anonymous),
      duplicate: bool(r.duplicate),
      overdueProcessing: bool(r.overdue_processing),
      overdueResolution: bool(r.overdue_resolution),
      n: num(r.n),
    }));
  }

  async followUp(q: { before?: string; from?: string; to?: string; limit: number }, access?: LetterAccess): Promise<LetterFollowUpRow[]> {
    const due = (col: string) =>
      `($1::text IS NULL OR ${col} < $1) AND ($2::text IS NULL OR ${col} >= $2) AND ($3::text IS NULL OR ${col} <= $3)`;
    const rows = await this.q.rows<FollowUpDbRow>(
      `SELECT * FROM (
         SELECT 'letter' AS kind, l.id, l.year, l.number, l.received_date, l.kind AS letter_kind, NULL::text AS cause, l.subject,
           'processing' AS stage, NULL::text AS unit, NULL::text AS unit_name, l.processing_due AS due_date
         FROM letters l WHERE l.outcome IS NULL AND ${due('l.processing_due')} AND ${scopeSql('letters', 'l', access)}
         UNION ALL
         SELECT 'letter', l.id, l.year, l.number, l.received_date, l.kind, NULL, l.subject, 'resolution', u.code, u.name, l.resolution_due
         FROM letters l LEFT JOIN letter_assignments a ON a.letter_id = l.id AND a.role = 'lead' AND a.replaced_at IS NULL
           LEFT JOIN units u ON u.id = a.unit_id
         WHERE l.status = 'accepted' AND ${due('l.resolution_due')} AND ${scopeSql('letters', 'l', access)}
         UNION ALL
         SELECT 'hotline', h.id, h.year, h.number, h.received_date, NULL, h.cause, h.procedure, 'answer', u.code, u.name, h.due_date
         FROM hotline_items h JOIN units u ON u.id = h.unit_id WHERE h.status = 'forwarded' AND ${due('h.due_date')} AND ${scopeSql('hotline', 'h', access)}
       ) f ORDER BY due_date, kind, id LIMIT $4`,
      [q.before ?? null, q.from ?? null, q.to ?? null, q.limit],
    );
    return rows.map(toFollowUp);
  }

  async exportRows(from: string, to: string, access: LetterAccess, asOf: string): Promise<LetterRecord[]> {
    const ids = await this.q.rows<{ id: number }>(
      `SELECT l.id FROM letters l WHERE l.received_date >= $1 AND l.received_date <= $2 AND ${scopeSql('letters', 'l', access)}
       ORDER BY l.year, l.number`,
      [from, to],
    );
    const out: LetterRecord[] = [];
    for (const { id } of ids) out.push((await this.get(id, access, asOf))!);
    return out;
  }

  async insertHotline(r: NewHotlineRow): Promise<number> {
    const row = await this.q.one<{ id: number }>(
      `INSERT INTO hotline_items (year, number, received_at, received_date, caller_name, caller_phone, caller_address, procedure,
         unit_id, cause, content, status, created_at, created_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'received', $12, $13, $12) RETURNING id`,
      [
        r.year,
        r.number,
        r.receivedAt,
        r.receivedDate,
        r.callerName,
        r.callerPhone,
        r.callerAddress,
        r.procedure,
        r.unitId,
        r.cause,
        r.content,
        r.createdAt,
        r.createdBy,
      ],
    );
    return row!.id;
  }

  async updateHotline(id: number, patch: HotlinePatch, at: string): Promise<void> {
    const p = new Params();
    const keys = (Object.keys(patch) as (keyof HotlinePatch)[]).filter((k) => patch[k] !== undefined);
    const sets = keys.map((k) => `${HOTLINE_COLUMNS[k]} = ${p.add(patch[k])}`);
    sets.push(`updated_at = ${p.add(at)}`);
    await this.q.dyn(`UPDATE hotline_items SET ${sets.join(', ')} WHERE id = ${p.add(id)}`, p.values);
  }

  async getHotline(id: number, access: LetterAccess, asOf: string): Promise<HotlineRecord | null> {
    const r = await this.q.one<HotlineDbRow>(`${HOTLINE_SELECT} WHERE h.id = $2 AND ${scopeSql('hotline', 'h', access)}`, [
      access.personal,
      id,
    ]);
    return r ? toHotline(r, access.personal, asOf) : null;
  }

  async listHotline(q: HotlineListQuery, access: LetterAccess): Promise<HotlineRecord[]> {
    const p = new Params();
    p.add(access.personal);
    const where: string[] = [];
    if (q.from) where.push(`h.received_date >= ${p.add(q.from)}`);
    if (q.to) where.push(`h.received_date <= ${p.add(q.to)}`);
    if (q.status) where.push(`h.status = ${p.add(q.status)}`);
    if (q.cause) where.push(`h.cause = ${p.add(q.cause)}`);
    if (q.unitId !== undefined) where.push(`h.unit_id = ${p.add(q.unitId)}`);
    if (q.overdue) where.push(`(h.status = 'forwarded' AND h.due_date < ${p.add(q.asOf)})`);
    if (q.after) {
      const d = p.add(q.after.receivedDate);
      where.push(`(h.received_date < ${d} OR (h.received_date = ${d} AND h.id < ${p.add(q.after.id)}))`);
    }
    if (access.only) where.push(scopeSql('hotline', 'h', access));
    const rows = await this.q.dyn<HotlineDbRow>(
      `${HOTLINE_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY h.received_date DESC, h.id DESC LIMIT ${p.add(q.limit)}`,
      p.values,
    );
    return rows.map((r) => toHotline(r, access.personal, q.asOf));
  }

  async hotlineFigures(q: PeriodQuery, access?: LetterAccess): Promise<HotlineFigureRow[]> {
    const rows = await this.q.rows<{
      cause: HotlineFigureRow['cause'];
      unit: string;
      unit_name: string;
      forwarded: boolean;
      answered: boolean;
      closed: boolean;
      overdue: boolean;
      n: string;
    }>(
      `SELECT h.cause, u.code AS unit, u.name AS unit_name,
         coalesce(h.forwarded_at IS NOT NULL AND h.forwarded_at < $3, false) AS forwarded,
         coalesce(h.answered_at IS NOT NULL AND h.answered_at < $3, false) AS answered,
         coalesce(h.closed_at IS NOT NULL AND h.closed_at < $3, false) AS closed,
         coalesce(h.forwarded_at IS NOT NULL AND h.forwarded_at < $3 AND (h.answered_at IS NULL OR h.answered_at >= $3)
           AND (h.closed_at IS NULL OR h.closed_at >= $3) AND h.due_date < $4, false) AS overdue,
         count(*) AS n
       FROM hotline_items h JOIN units u ON u.id = h.unit_id
       WHERE h.received_date >= $1 AND h.received_date <= $2 AND ${scopeSql('hotline', 'h', access)}
       GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      [q.from, q.to, q.dayAfter, q.asOf],
    );
    return rows.map((r) => ({
      cause: r.cause,
      unit: r.unit,
      unitName: r.unit_name,
      forwarded: bool(r.forwarded),
      answered: bool(r.answered),
      closed: bool(r.closed),
      overdue: bool(r.overdue),
      n: num(r.n),
    }));
  }

  async issuedOutgoing(from: string, to: string): Promise<{ electronic: number; paper: number }> {
    const r = await this.q.one<{ electronic: string; paper: string }>(
      `SELECT count(*) FILTER (WHERE status = 'issued') AS electronic, count(*) FILTER (WHERE status = 'issued_paper') AS paper
       FROM outgoing_documents WHERE status IN ('issued', 'issued_paper') AND issued_date >= $1 AND issued_date <= $2`,
      [from, to],
    );
    return { electronic: num(r?.electronic), paper: num(r?.paper) };
  }
}
