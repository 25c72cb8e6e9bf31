/**
 * SQLite implementation of the letters' repository (store/letterPorts.ts). The senders and
 * the scans of a letter are selected only through SQL that re-checks the reader's access
 * against the letter's kind (see PEOPLE_ALLOWED), whatever the caller passed along.
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
import type { Statements } from './statements.js';

/** Parameters: (identity 0/1, personal 0/1), against the letter `l`. */
const PEOPLE_ALLOWED = `(CASE WHEN l.kind = 'denunciation' THEN ? ELSE ? END) = 1`;
const flag = (b: boolean): number => (b ? 1 : 0);

const ASSIGNMENT_SELECT = `SELECT a.*, u.code AS unit, u.name AS unit_name FROM letter_assignments a JOIN units u ON u.id = a.unit_id`;

const HOTLINE_SELECT = `SELECT h.id, h.year, h.number, h.received_at, h.received_date,
    CASE WHEN @personal = 1 THEN h.caller_name END AS caller_name,
    CASE WHEN @personal = 1 THEN h.caller_phone END AS caller_phone,
    CASE WHEN @personal = 1 THEN h.caller_address END AS caller_address,
    (h.caller_name IS NOT NULL OR h.caller_phone IS NOT NULL OR h.caller_address IS NOT NULL) AS has_caller,
    h.procedure, u.code AS unit, u.name AS unit_name, h.cause, h.content, h.status, h.forwarded_at, h.forwarded_by,
    h.due_date, h.forward_note, h.answer, h.answered_at, h.answered_by, h.closed_at, h.closed_by, h.close_note,
    h.created_at, h.created_by
  FROM hotline_items h JOIN units u ON u.id = h.unit_id`;

function toDb(v: unknown): unknown {
  return typeof v === 'boolean' ? flag(v) : v;
}

export class SqliteLetterRepository implements LetterRepository {
  constructor(private readonly s: Statements) {}

  async allocateNumber(series: 'letter' | 'hotline', year: number): Promise<number> {
    const row = this.s
      .get(
        `INSERT INTO letter_counters (series, year, last_number) VALUES (?, ?, 1)
         ON CONFLICT (series, year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
      )
      .get(series, year) as { last_number: number };
    return row.last_number;
  }

  async insert(r: NewLetterRow): Promise<number> {
    return Number(
      this.s
        .get(
          `INSERT INTO letters (year, number, received_date, channel, forwarded_by, kind, subject, summary, concerned_body,
             concerned_organ_id, anonymous, sender_count, status, processing_due, subject_fold, body_fold, created_at, created_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'received', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
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
          flag(r.anonymous),
          r.processingDue,
          r.subjectFold,
          r.bodyFold,
          r.createdAt,
          r.createdBy,
          r.createdAt,
        ).lastInsertRowid,
    );
  }

  async update(id: number, patch: LetterPatch, at: string): Promise<void> {
    const keys = (Object.keys(patch) as (keyof LetterPatch)[]).filter((k) => patch[k] !== undefined);
    const sets = keys.map((k) => `${LETTER_COLUMNS[k]} = ?`);
    this.s.get(`UPDATE letters SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...keys.map((k) => toDb(patch[k])), at, id);
  }

  async setSenders(id: number, senders: LetterSender[], keys: string[]): Promise<void> {
    this.s.get('DELETE FROM letter_senders WHERE letter_id = ?').run(id);
    this.s.get('DELETE FROM letter_sender_keys WHERE letter_id = ?').run(id);
    const ins = this.s.get(
      'INSERT INTO letter_senders (letter_id, position, full_name, address, id_number, phone, representative) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    senders.forEach((p, i) => ins.run(id, i + 1, p.fullName, p.address, p.idNumber, p.phone, flag(p.representative)));
    const key = this.s.get('INSERT OR IGNORE INTO letter_sender_keys (key, letter_id) VALUES (?, ?)');
    for (const k of keys) key.run(k, id);
    this.s.get('UPDATE letters SET sender_count = ? WHERE id = ?').run(senders.length, id);
  }

  private senders(id: number, access: LetterAccess): LetterSender[] {
    return (
      this.s
        .get(
          `SELECT s.full_name, s.address, s.id_number, s.phone, s.representative FROM letter_senders s JOIN letters l ON l.id = s.letter_id
           WHERE s.letter_id = ? AND ${PEOPLE_ALLOWED} ORDER BY s.position`,
        )
        .all(id, flag(access.identity), flag(access.personal)) as SenderDbRow[]
    ).map(toSender);
  }

  async get(id: number, access: LetterAccess, _asOf: string): Promise<LetterRecord | null> {
    const r = this.s.get(`SELECT * FROM letters l WHERE l.id = ? AND ${scopeSql('letters', 'l', access)}`).get(id) as
      LetterDbRow | undefined;
    if (!r) return null;
    const shown = r.kind === 'denunciation' ? access.identity : access.personal;
    const attachments = (
      this.s
        .get(
          `SELECT ${ATTACHMENT_COLUMNS} FROM letter_attachments a
           JOIN blobs b ON b.sha256 = a.sha256 JOIN letters l ON l.id = a.letter_id
           WHERE a.letter_id = ? AND ${PEOPLE_ALLOWED} ORDER BY a.id`,
        )
        .all(id, flag(access.identity), flag(access.personal)) as AttachmentDbRow[]
    ).map(toAttachment);
    const attachmentCount = (this.s.get('SELECT count(*) AS n FROM letter_attachments WHERE letter_id = ?').get(id) as { n: number }).n;
    const earlier = (
      this.s
        .get(
          `SELECT e.id, e.year, e.number, e.received_date, e.kind, e.subject, e.status FROM letter_links k
           JOIN letters e ON e.id = k.earlier_id WHERE k.letter_id = ? ORDER BY e.received_date, e.id`,
        )
        .all(id) as LinkDbRow[]
    ).map(toLink);
    return toLetter(r, {
      senders: shown ? this.senders(id, access) : null,
      attachments,
      attachmentCount,
      assignments: await this.currentAssignments(id),
      earlier,
    });
  }

  async list(q: LetterListQuery, access: LetterAccess): Promise<LetterListItem[]> {
    const words = q.words ?? [];
    const where = [
      '(@from IS NULL OR l.received_date >= @from)',
      '(@to IS NULL OR l.received_date <= @to)',
      '(@kind IS NULL OR l.kind = @kind)',
      '(@channel IS NULL OR l.channel = @channel)',
      '(@status IS NULL OR l.status = @status)',
      `(@overdue = 0 OR (l.outcome IS NULL AND l.processing_due < @asOf) OR (l.status = 'accepted' AND l.resolution_due < @asOf))`,
      '(@afterDate IS NULL OR l.received_date < @afterDate OR (l.received_date = @afterDate AND l.id < @afterId))',
      // A word is found in the subject, the body concerned, or the read text of a file the reader may see.
      ...words.map(
        (_, i) => `(instr(l.subject_fold, @w${i}) > 0 OR instr(coalesce(l.body_fold, ''), @w${i}) > 0
          OR EXISTS (SELECT 1 FROM letter_attachments a WHERE a.letter_id = l.id AND instr(a.text_fold, @w${i}) > 0
            AND (CASE WHEN l.kind = 'denunciation' THEN @identity ELSE @personal END) = 1))`,
      ),
      scopeSql('letters', 'l', access),
    ];
    const params: Record<string, unknown> = {
      from: q.from ?? null,
      to: q.to ?? null,
      kind: q.kind ?? null,
      channel: q.channel ?? null,
      status: q.status ?? null,
      overdue: flag(!!q.overdue),
      asOf: q.asOf,
      afterDate: q.after?.receivedDate ?? null,
      afterId: q.after?.id ?? 0,
      personal: flag(access.personal),
      identity: flag(access.identity),
      limit: q.limit,
    };
    words.forEach((w, i) => (params[`w${i}`] = w));
    const rows = this.s
      .get(
        `SELECT l.*, (SELECT count(*) FROM letter_links k WHERE k.letter_id = l.id) AS earlier_count,
           CASE WHEN l.kind <> 'denunciation' AND @personal = 1
             THEN (SELECT s.full_name FROM letter_senders s WHERE s.letter_id = l.id ORDER BY s.position LIMIT 1) END AS sender_name
         FROM letters l WHERE ${where.join(' AND ')}
         ORDER BY l.received_date DESC, l.id DESC LIMIT @limit`,
      )
      .all(params) as ListDbRow[];
    return rows.map((r) => toListItem(r, q.asOf));
  }

  async bySenderKeys(keys: string[], excludeId: number | null, limit: number, access?: LetterAccess): Promise<SenderMatch[]> {
    if (!keys.length) return [];
    const rows = this.s
      .get(
        `SELECT l.* FROM letters l WHERE l.id IN (SELECT letter_id FROM letter_sender_keys WHERE key IN (SELECT value FROM json_each(?)))
           AND l.id <> ? AND ${scopeSql('letters', 'l', access)} ORDER BY l.received_date DESC, l.id DESC LIMIT ?`,
      )
      .all(JSON.stringify(keys), excludeId ?? 0, limit) as LetterDbRow[];
    return rows.map(toMatch);
  }

  async setLinks(id: number, earlierIds: number[], at: string, by: string): Promise<void> {
    const keep = JSON.stringify(earlierIds);
    this.s.get('DELETE FROM letter_links WHERE letter_id = ? AND earlier_id NOT IN (SELECT value FROM json_each(?))').run(id, keep);
    const ins = this.s.get('INSERT OR IGNORE INTO letter_links (letter_id, earlier_id, linked_at, linked_by) VALUES (?, ?, ?, ?)');
    for (const e of earlierIds) ins.run(id, e, at, by);
  }

  async exists(ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    return this.s.get('SELECT id FROM letters WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as number[];
  }

  async addAttachment(letterId: number, sha256: string, fileName: string, at: string, extra?: NewLetterFileExtra): Promise<number> {
    return Number(
      this.s
        .get('INSERT INTO letter_attachments (letter_id, sha256, file_name, created_at, created_by, text_fold) VALUES (?, ?, ?, ?, ?, ?)')
        .run(letterId, sha256, fileName, at, extra?.createdBy ?? null, extra?.textFold ?? null).lastInsertRowid,
    );
  }

  async fileTexts(letterId: number, access: LetterAccess): Promise<LetterFileText[]> {
    const rows = this.s
      .get(
        `SELECT a.id, a.file_name, p.page, p.method, p.confidence, p.text FROM letter_attachments a
         JOIN letters l ON l.id = a.letter_id JOIN blob_pages p ON p.sha256 = a.sha256
         WHERE a.letter_id = ? AND ${PEOPLE_ALLOWED} AND ${scopeSql('letters', 'l', access)} ORDER BY a.id, p.page`,
      )
      .all(letterId, flag(access.identity), flag(access.personal)) as FileTextDbRow[];
    return groupFileTexts(rows);
  }

  async attachment(letterId: number, attachmentId: number, access: LetterAccess) {
    const r = this.s
      .get(
        `SELECT a.sha256, a.file_name, b.mime FROM letter_attachments a JOIN blobs b ON b.sha256 = a.sha256
         JOIN letters l ON l.id = a.letter_id WHERE a.id = ? AND a.letter_id = ? AND ${PEOPLE_ALLOWED} AND ${scopeSql('letters', 'l', access)}`,
      )
      .get(attachmentId, letterId, flag(access.identity), flag(access.personal)) as
      { sha256: string; file_name: string; mime: string } | undefined;
    return r ? { sha256: r.sha256, fileName: r.file_name, mime: r.mime } : null;
  }

  async currentAssignments(letterId: number): Promise<LetterAssignment[]> {
    return (
      this.s
        .get(`${ASSIGNMENT_SELECT} WHERE a.letter_id = ? AND a.replaced_at IS NULL ORDER BY a.role, u.code`)
        .all(letterId) as AssignmentDbRow[]
    ).map(toAssignment);
  }

  async replaceAssignments(letterId: number, at: string): Promise<void> {
    this.s.get('UPDATE letter_assignments SET replaced_at = ? WHERE letter_id = ? AND replaced_at IS NULL').run(at, letterId);
  }

  async insertAssignment(a: NewLetterAssignment): Promise<number> {
    return Number(
      this.s
        .get(
          `INSERT INTO letter_assignments (letter_id, unit_id, role, due_date, direction, directed_by, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(a.letterId, a.unitId, a.role, a.dueDate, a.direction, a.directedBy, a.assignedAt).lastInsertRowid,
    );
  }

  async completeAssignments(letterId: number, at: string): Promise<void> {
    this.s
      .get(`UPDATE letter_assignments SET status = 'done', done_at = ? WHERE letter_id = ? AND replaced_at IS NULL AND status <> 'done'`)
      .run(at, letterId);
  }

  async figures(q: PeriodQuery, access?: LetterAccess): Promise<LetterFigureRow[]> {
    const rows = this.s
      .get(
        `SELECT l.kind, l.channel,
           CASE WHEN l.outcome_at < @dayAfter THEN l.outcome END AS outcome,
           (l.answered_at IS NOT NULL AND l.answered_at < @dayAfter) AS answered,
           l.anonymous,
           EXISTS (SELECT 1 FROM letter_links k WHERE k.letter_id = l.id) AS duplicate,
           ((l.outcome_at IS NULL OR l.outcome_at >= @dayAfter) AND l.processing_due < @asOf) AS overdue_processing,
           (l.outcome = 'accepted' AND l.outcome_at < @dayAfter AND (l.answered_at IS NULL OR l.answered_at >= @dayAfter)
             AND l.resolution_due < @asOf) AS overdue_resolution,
           count(*) AS n
         FROM letters l WHERE l.received_date >= @from AND l.received_date <= @to AND ${scopeSql('letters', 'l', access)}
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      )
      .all(q) as {
      kind: LetterFigureRow['kind'];
      channel: LetterFigureRow['channel'];
      outcome: LetterFigureRow['outcome'];
      answered: number;
      anonymous: number;
      duplicate: number;
      overdue_processing: number;
      overdue_resolution: number;
      n: number;
    }[];
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
      `(@before IS NULL OR ${col} < @before) AND (@from IS NULL OR ${col} >= @from) AND (@to IS NULL OR ${col} <= @to)`;
    const rows = this.s
      .get(
        `SELECT * FROM (
           SELECT 'letter' AS kind, l.id, l.year, l.number, l.received_date, l.kind AS letter_kind, NULL AS cause, l.subject,
             'processing' AS stage, NULL AS unit, NULL AS unit_name, l.processing_due AS due_date
           FROM letters l WHERE l.outcome IS NULL AND ${due('l.processing_due')} AND ${scopeSql('letters', 'l', access)}
           UNION ALL
           SELECT 'letter', l.id, l.year, l.number, l.received_date, l.kind, NULL, l.subject, 'resolution', u.code, u.name, l.resolution_due
           FROM letters l LEFT JOIN letter_assignments a ON a.letter_id = l.id AND a.role = 'lead' AND a.replaced_at IS NULL
             LEFT JOIN units u ON u.id = a.unit_id
           WHERE l.status = 'accepted' AND ${due('l.resolution_due')} AND ${scopeSql('letters', 'l', access)}
           UNION ALL
           SELECT 'hotline', h.id, h.year, h.number, h.received_date, NULL, h.cause, h.procedure, 'answer', u.code, u.name, h.due_date
           FROM hotline_items h JOIN units u ON u.id = h.unit_id WHERE h.status = 'forwarded' AND ${due('h.due_date')} AND ${scopeSql('hotline', 'h', access)}
         ) ORDER BY due_date, kind, id LIMIT @limit`,
      )
      .all({ before: q.before ?? null, from: q.from ?? null, to: q.to ?? null, limit: q.limit }) as FollowUpDbRow[];
    return rows.map(toFollowUp);
  }

  async exportRows(from: string, to: string, access: LetterAccess, asOf: string): Promise<LetterRecord[]> {
    const ids = this.s
      .get(
        `SELECT l.id FROM letters l WHERE l.received_date >= ? AND l.received_date <= ? AND ${scopeSql('letters', 'l', access)}
         ORDER BY l.year, l.number`,
      )
      .pluck()
      .all(from, to) as number[];
    const out: LetterRecord[] = [];
    for (const id of ids) out.push((await this.get(id, access, asOf))!);
    return out;
  }

  async insertHotline(r: NewHotlineRow): Promise<number> {
    return Number(
      this.s
        .get(
          `INSERT INTO hotline_items (year, number, received_at, received_date, caller_name, caller_phone, caller_address, procedure,
             unit_id, cause, content, status, created_at, created_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?)`,
        )
        .run(
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
          r.createdAt,
        ).lastInsertRowid,
    );
  }

  async updateHotline(id: number, patch: HotlinePatch, at: string): Promise<void> {
    const keys = (Object.keys(patch) as (keyof HotlinePatch)[]).filter((k) => patch[k] !== undefined);
    const sets = keys.map((k) => `${HOTLINE_COLUMNS[k]} = ?`);
    this.s.get(`UPDATE hotline_items SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...keys.map((k) => patch[k]), at, id);
  }

  async getHotline(id: number, access: LetterAccess, asOf: string): Promise<HotlineRecord | null> {
    const r = this.s
      .get(`${HOTLINE_SELECT} WHERE h.id = @id AND ${scopeSql('hotline', 'h', access)}`)
      .get({ id, personal: flag(access.personal) }) as HotlineDbRow | undefined;
    return r ? toHotline(r, access.personal, asOf) : null;
  }

  async listHotline(q: HotlineListQuery, access: LetterAccess): Promise<HotlineRecord[]> {
    const rows = this.s
      .get(
        `${HOTLINE_SELECT} WHERE (@from IS NULL OR h.received_date >= @from) AND (@to IS NULL OR h.received_date <= @to)
           AND (@status IS NULL OR h.status = @status) AND (@cause IS NULL OR h.cause = @cause) AND (@unitId IS NULL OR h.unit_id = @unitId)
           AND (@overdue = 0 OR (h.status = 'forwarded' AND h.due_date < @asOf))
           AND (@afterDate IS NULL OR h.received_date < @afterDate OR (h.received_date = @afterDate AND h.id < @afterId))
           AND ${scopeSql('hotline', 'h', access)}
         ORDER BY h.received_date DESC, h.id DESC LIMIT @limit`,
      )
      .all({
        from: q.from ?? null,
        to: q.to ?? null,
        status: q.status ?? null,
        cause: q.cause ?? null,
        unitId: q.unitId ?? null,
        overdue: flag(!!q.overdue),
        asOf: q.asOf,
        afterDate: q.after?.receivedDate ?? null,
        afterId: q.after?.id ?? 0,
        limit: q.limit,
        personal: flag(access.personal),
      }) as HotlineDbRow[];
    return rows.map((r) => toHotline(r, access.personal, q.asOf));
  }

  async hotlineFigures(q: PeriodQuery, access?: LetterAccess): Promise<HotlineFigureRow[]> {
    const rows = this.s
      .get(
        `SELECT h.cause, u.code AS unit, u.name AS unit_name,
           (h.forwarded_at IS NOT NULL AND h.forwarded_at < @dayAfter) AS forwarded,
           (h.answered_at IS NOT NULL AND h.answered_at < @dayAfter) AS answered,
           (h.closed_at IS NOT NULL AND h.closed_at < @dayAfter) AS closed,
           (h.forwarded_at IS NOT NULL AND h.forwarded_at < @dayAfter AND (h.answered_at IS NULL OR h.answered_at >= @dayAfter)
             AND (h.closed_at IS NULL OR h.closed_at >= @dayAfter) AND h.due_date < @asOf) AS overdue,
           count(*) AS n
         FROM hotline_items h JOIN units u ON u.id = h.unit_id
         WHERE h.received_date >= @from AND h.received_date <= @to AND ${scopeSql('hotline', 'h', access)}
         GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      )
      .all(q) as {
      cause: HotlineFigureRow['cause'];
      unit: string;
      unit_name: string;
      forwarded: number;
      answered: number;
      closed: number;
      overdue: number;
      n: number;
    }[];
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
    const r = this.s
      .get(
        `SELECT coalesce(sum(status = 'issued'), 0) AS electronic, coalesce(sum(status = 'issued_paper'), 0) AS paper
         FROM outgoing_documents WHERE status IN ('issued', 'issued_paper') AND issued_date >= ? AND issued_date <= ?`,
      )
      .get(from, to) as { electronic: number; paper: number };
    return { electronic: num(r.electronic), paper: num(r.paper) };
  }
}
