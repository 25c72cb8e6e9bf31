/**
 * A document on hold, or with an archive correction waiting, still has its work assigned and
 * reported: the assignment is not a change of the registered document. On PostgreSQL a
 * document's search vector carries its units (migration 0172) and is rewritten when its
 * assignments change; the archive's triggers took that rewrite for a change of the document —
 * refused it ('held') and marked a waiting correction applied (fixed in migration 0173).
 * Runs on both stores.
 */
import { describe, expect, it } from 'vitest';
import { ACTOR, doc, freshServices } from '../helpers.js';
import { pgQuery, rawSql } from '../helpers/stores.js';

describe('assignments of a held document', () => {
  it('are made, reported and replaced; a waiting correction stays waiting', async () => {
    const { services, dbPath } = await freshServices();
    await services.directory.addUnit('STC', 'Sở Tài chính', 'test');
    const khdt = await services.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', 'test');
    const d = await services.incoming.add(doc(), ACTOR);
    await services.assignments.assign(d.id, { lead: 'STC', due: '2026-03-20' }, 'lãnh đạo');
    const raw = await rawSql(dbPath);
    try {
      // A court's hold on the document and a correction of its subject waiting (as the archive records them).
      await raw.exec(`INSERT INTO holds (id, ordered_by, order_ref, reason, placed_at, placed_by)
        VALUES (901, 'Tòa án nhân dân tỉnh', '12/QĐ-TA', 'Vụ án hành chính', '2026-03-06T08:00', 'lưu trữ')`);
      await raw.exec(`INSERT INTO hold_items (hold_id, target_kind, target_id) VALUES (901, 'incoming', ${d.id})`);
      await raw.exec(`INSERT INTO archive_corrections (target_kind, target_id, field, old_value, new_value, reason, by_actor, at)
        VALUES ('incoming', ${d.id}, 'subject', 'a', 'b', 'Sai chính tả', 'lưu trữ', '2026-03-06T09:00')`);
    } finally {
      await raw.close();
    }
    await services.assignments.progress(d.id, { unit: 'STC', status: 'in_progress', note: 'Đang tổng hợp' }, 'STC');
    await services.assignments.progress(d.id, { unit: 'STC', status: 'done' }, 'STC');
    const moved = await services.assignments.assign(d.id, { lead: 'KHDT', due: '2026-03-25' }, 'lãnh đạo');
    expect(moved.map((a) => a.unit)).toEqual(['KHDT']);
    // The document itself still cannot change while held.
    await expect(services.incoming.update(d.id, { subject: 'Khác' }, ACTOR)).rejects.toMatchObject({ error: { code: 'held' } });
    if (/^postgres/.test(dbPath)) {
      const [c] = await pgQuery<{ applied: number }>(dbPath, `SELECT applied FROM archive_corrections WHERE target_id = $1`, [d.id]);
      expect(c!.applied).toBe(0);
      // Still found by its new unit (the lexemes were rewritten).
      const [u] = await pgQuery<{ n: string }>(
        dbPath,
        `SELECT count(*) AS n FROM incoming_documents WHERE id = $1 AND search_tsv @@ $2::tsquery`,
        [d.id, `'#u${khdt.id}'`],
      );
      expect(u!.n).toBe('1');
    }
  });
});
