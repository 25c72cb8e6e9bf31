/**
 * Reaching any row of the register without reading the rows before it: `incoming.outline`
 * cuts a list into runs that each start at a cursor, `incoming.list({ cursor, skip })` seeks
 * into a run. Every seek is checked against the list read from start to end with cursors.
 */
import { describe, expect, it } from 'vitest';
import type { IncomingRecord } from '../../src/shared/domain/incoming.js';
import { LIST_MAX_SKIP, type ListOutline } from '../../src/shared/contract.js';
import type { Services } from '../../src/main/services.js';
import { doc, freshServices, ACTOR, contractAs } from './helpers.js';

type Scope = { register?: string; year?: number; from?: string; to?: string };

/** The whole list, page by page through its cursors: the reference order. */
async function walk(services: Services, scope: Scope): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await services.incoming.list({ ...scope, limit: 7, cursor });
    ids.push(...page.items.map((d) => d.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** Row `index` of the list through its outline: one request. */
async function seek(services: Services, scope: Scope, outline: ListOutline, index: number, limit = 3): Promise<IncomingRecord[]> {
  let start = 0;
  for (const m of outline.marks) {
    if (index < start + m.count) return (await services.incoming.list({ ...scope, cursor: m.cursor, skip: index - start, limit })).items;
    start += m.count;
  }
  throw new Error(`row ${index} is past the outline (${start} rows)`);
}

async function expectEverySeekMatches(services: Services, scope: Scope, maxRun: number): Promise<ListOutline> {
  const reference = await walk(services, scope);
  const outline = await services.incoming.outline(scope, { maxRun });
  expect(outline.total).toBe(reference.length);
  expect(outline.marks.reduce((n, m) => n + m.count, 0)).toBe(reference.length);
  expect(outline.marks.every((m) => m.count >= 1 && m.count <= maxRun)).toBe(true);
  expect(outline.marks[0]?.cursor ?? null).toBeNull();
  for (let i = 0; i < reference.length; i++) {
    const rows = await seek(services, scope, outline, i);
    expect(rows.map((d) => d.id)).toEqual(reference.slice(i, i + 3));
  }
  return outline;
}

/** Adds documents arriving at the given instants (no symbol: none is a duplicate of another). */
async function addArrivals(services: Services, arrivals: string[], extra: Record<string, unknown> = {}): Promise<IncomingRecord[]> {
  const out: IncomingRecord[] = [];
  for (const [i, arrivalDate] of arrivals.entries()) {
    out.push(
      await services.incoming.add(
        doc({ symbol: null, subject: `Văn bản thử định vị số ${i + 1}`, arrivalDate, issuedDate: arrivalDate.slice(0, 10), ...extra }),
        ACTOR,
      ),
    );
  }
  return out;
}

describe('reaching a position in the register', () => {
  it('finds every row of all documents, newest first, across years and registers, voided ones included', async () => {
    const { services } = await freshServices({ now: '2026-12-31T10:00:00+07:00' });
    const arrivals = Array.from({ length: 45 }, (_, i) => {
      const day = new Date(Date.UTC(2024, 0, 1) + i * 17 * 86_400_000).toISOString().slice(0, 10);
      return `${day}T0${i % 10}:15:00+07:00`;
    });
    const docs = await addArrivals(services, arrivals);
    await addArrivals(services, ['2025-05-05T09:00:00+07:00', '2026-02-02T09:00:00+07:00'], { secrecy: 'confidential' });
    await services.incoming.void(docs[10]!.id, 'Vào sổ nhầm', ACTOR);
    const outline = await expectEverySeekMatches(services, {}, 4);
    expect(outline.total).toBe(47);
    // The confidential register's documents are in the list, in their arrival order.
    expect((await walk(services, {})).length).toBe(47);
  });

  it('finds every row of one register-year in số đến order, with gaps left by historic numbers', async () => {
    const { services } = await freshServices();
    await addArrivals(services, ['2026-01-05T08:00:00+07:00'], { arrivalNumber: 1 });
    await addArrivals(services, ['2026-01-06T08:00:00+07:00'], { arrivalNumber: 2 });
    await addArrivals(services, ['2026-01-07T08:00:00+07:00'], { arrivalNumber: 40 });
    const more = Array.from(
      { length: 30 },
      (_, i) => `2026-02-${String(1 + (i % 27)).padStart(2, '0')}T10:${String(i).padStart(2, '0')}:00+07:00`,
    );
    await addArrivals(services, more);
    const scope = { register: 'DEN', year: 2026 };
    const outline = await expectEverySeekMatches(services, scope, 5);
    expect(outline.total).toBe(33);
    // Book order: 70 … 41, then 40, 2, 1 — the last row is số 1.
    const last = await seek(services, scope, outline, 32, 1);
    expect(last.map((d) => d.arrivalNumber)).toEqual([1]);
    const third = await seek(services, scope, outline, 30, 1);
    expect(third.map((d) => d.arrivalNumber)).toEqual([40]);
  });

  it('finds every row of a year and of a date range, newest first, by the arrival day in Vietnam', async () => {
    const { services } = await freshServices({ now: '2026-12-31T10:00:00+07:00' });
    // 00:30 on 1 January in Vietnam is still the old year in UTC: the day is Vietnam's.
    const arrivals = [
      '2024-12-31T23:59:00+07:00',
      '2025-01-01T00:30:00+07:00',
      ...Array.from({ length: 20 }, (_, i) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-15T0${i % 10}:00:00+07:00`),
      '2025-12-31T23:30:00+07:00',
      '2026-01-01T00:10:00+07:00',
    ];
    const docs = await addArrivals(services, arrivals);
    const year = { from: '2025-01-01', to: '2025-12-31' };
    const outline = await expectEverySeekMatches(services, year, 4);
    expect(outline.total).toBe(22);
    const all = await walk(services, {});
    const inYear = new Set(docs.filter((d) => d.arrivalDate.startsWith('2025')).map((d) => d.id));
    expect(await walk(services, year)).toEqual(all.filter((id) => inYear.has(id)));
    // Dates as a clerk types them, and a month.
    expect((await services.incoming.outline({ from: '01/03/2025', to: '31/03/2025' })).total).toBe(2);
    await expectEverySeekMatches(services, { from: '2025-06-01' }, 3);
    await expectEverySeekMatches(services, { to: '2025-02-28' }, 2);
  });

  it('cuts a crowded moment into short runs: many documents in one second beside one ten years before', async () => {
    const { services } = await freshServices();
    await addArrivals(services, ['2016-03-01T08:00:00+07:00']);
    await addArrivals(
      services,
      Array.from({ length: 40 }, () => '2026-03-09T15:30:00+07:00'),
    );
    const outline = await expectEverySeekMatches(services, {}, 6);
    expect(outline.marks.length).toBeGreaterThanOrEqual(Math.ceil(41 / 6));
  });

  it('answers an empty register with nothing, and a seek past the end with an empty page', async () => {
    const { services } = await freshServices();
    expect(await services.incoming.outline({})).toEqual({ total: 0, marks: [] });
    expect(await services.incoming.outline({ register: 'DEN', year: 2026 })).toEqual({ total: 0, marks: [] });
    await addArrivals(services, ['2026-03-01T08:00:00+07:00', '2026-03-02T08:00:00+07:00']);
    const page = await services.incoming.list({ skip: 2, limit: 5 });
    expect(page).toEqual({ items: [], nextCursor: null });
    expect((await services.incoming.list({ skip: 1, limit: 5 })).items.map((d) => d.arrivalNumber)).toEqual([1]);
  });

  it('refuses a skip beyond the run size, a negative one and a cursor of another list, through the contract too', async () => {
    const { services } = await freshServices();
    await addArrivals(services, ['2026-03-01T08:00:00+07:00', '2026-03-02T08:00:00+07:00']);
    await expect(services.incoming.list({ skip: LIST_MAX_SKIP + 1 })).rejects.toMatchObject({
      error: { code: 'invalid_number', field: 'skip' },
    });
    await expect(services.incoming.list({ skip: -1 })).rejects.toMatchObject({ error: { code: 'invalid_number', field: 'skip' } });
    const { call } = await contractAs(services);
    const refused = await call('incoming.list', { skip: LIST_MAX_SKIP + 1 });
    expect(refused.ok).toBe(false);
    const outline = await call('incoming.outline', { register: 'DEN', year: 2026 });
    expect(outline).toMatchObject({ ok: true, value: { total: 2 } });
    const first = await services.incoming.list({ register: 'DEN', year: 2026, limit: 1 });
    await expect(services.incoming.list({ cursor: first.nextCursor, skip: 0 })).rejects.toMatchObject({
      error: { code: 'invalid_cursor' },
    });
    await expect(services.incoming.outline({ register: 'KHONG-CO', year: 2026 })).rejects.toMatchObject({
      error: { code: 'unknown_register' },
    });
    await expect(services.incoming.outline({ from: '2026-02-30' })).rejects.toMatchObject({
      error: { code: 'invalid_date', field: 'from' },
    });
    await expect(services.incoming.list({ to: 'hôm qua' })).rejects.toMatchObject({ error: { code: 'invalid_date', field: 'to' } });
    const march = await services.incoming.list({ from: '2026-03-01', limit: 1 });
    await expect(services.incoming.list({ from: '2026-02-01', cursor: march.nextCursor })).rejects.toMatchObject({
      error: { code: 'invalid_cursor' },
    });
  });
});
