/**
 * What happens to a closed dossier (archive.md §1.3, §4): hand-over ("nộp lưu") to the agency
 * archive — the due list with its reminder, keep-backs by the head's decision, the hand-over
 * record and its acceptance, after which the dossier is a declared record — holds
 * ("đóng băng") that stop any change, move or destruction, the list of expired dossiers,
 * destruction by a council's decision with tombstones, and the usage register ("Sổ sử dụng
 * bản lưu"). Each write is one transaction with its audit entries.
 */
import {
  ARCHIVE_LIMITS,
  DOSSIER_STATE_LABELS,
  HOLD_TARGETS,
  KEEP_BACK_MAX_YEARS,
  mustHandOver,
  retentionLabel,
  type DestructionView,
  decodeCursor,
  encodeCursor,
  type DueList,
  type ExpiredDossier,
  type ExpiredList,
  type HandoverView,
  type HoldTarget,
  type HoldView,
  type UsageEntry,
  type UsageList,
  type HoldList,
  DESTRUCTION_STATUSES,
  HANDOVER_STATUSES,
  type DestructionList,
  type HandoverList,
} from '../../shared/domain/archive.js';
import { addDays, formatDateVN, toVnIso, vnDate } from '../../shared/text/dates.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { DossierRow, Row } from '../store/archivePorts.js';
import type { BlobStore, Repositories, Store } from '../store/ports.js';
import { docHidden, seesDossier, wholeList, withoutGrant, type ArchiveActor } from './archiveService.js';
import { Input, refuse } from './input.js';

const L = ARCHIVE_LIMITS;
const MAX_ID = Number.MAX_SAFE_INTEGER;

/** A list of ids from an array, or "1,2,3" typed on a command line. */
function idList(inp: Input, field: string): number[] {
  const v = inp.value(field);
  const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : typeof v === 'number' ? [v] : [];
  const ids = parts.map((x) => (typeof x === 'number' ? x : /^\d+$/.test(String(x)) ? Number(x) : NaN));
  if (!ids.length) inp.fail('required', field);
  else if (ids.some((n) => !Number.isSafeInteger(n) || n < 1) || ids.length > 5000) inp.fail('invalid_input', field);
  return [...new Set(ids)];
}

/** A page cursor that is a row id (`after`): the previous page's last entry. */
function idCursor(inp: Input): number | null {
  const cursor = inp.text('after', 200);
  if (cursor === null) return null;
  if (!/^\d{1,15}$/.test(cursor)) inp.fail('invalid_input', 'after');
  return Number(cursor);
}

/**
 * A shelf length in metres as the form writes it ("1,25" or 1.25): at most two decimals, kept
 * as whole centimetres so no binary fraction is ever printed; null when not given.
 */
export function shelfCentimetres(inp: Input, field: string): number | null {
  const v = inp.value(field);
  if (v === undefined || v === null || v === '') return null;
  const text =
    typeof v === 'number' ? (Number.isFinite(v) ? v.toFixed(6).replace(/\.?0+$/, '') : '') : typeof v === 'string' ? v.trim() : '';
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text);
  const cm = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || 0) : NaN;
  if (!Number.isSafeInteger(cm) || cm > 100_000_000) {
    inp.fail('invalid_shelf_length', field);
    return null;
  }
  return cm;
}

function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${y}-${md}`;
}

export class DispositionService {
  constructor(
    private readonly store: Store,
    private readonly files: BlobStore,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return toVnIso(this.clock());
  }

  private today(): string {
    return vnDate(this.clock());
  }

  private async dossier(r: Repositories, id: number, who: ArchiveActor): Promise<DossierRow> {
    const d = await r.archive.byId<DossierRow>('dossiers', id);
    if (!d || (withoutGrant(who) && (await r.archive.isSecret(d.id))))
      refuse('dossier_not_found', { field: 'dossiers', params: { value: id } });
    return d;
  }

  private async audit(r: Repositories, who: ArchiveActor, action: string, entity: string, entityId: number | null, data: unknown) {
    const w = await AuditWriter.begin(r, this.now());
    await w.append({ actor: who.actor, action, entity, entityId, data });
    await w.finish();
  }

  // Holds ---------------------------------------------------------------------------------

  /** Places a hold on documents and dossiers by a competent person's order (who, which order, why). */
  async placeHold(raw: unknown, who: ArchiveActor): Promise<HoldView> {
    const inp = Input.of(raw);
    const orderedBy = inp.text('orderedBy', L.name, true);
    const orderRef = inp.text('orderRef', L.ref, true);
    const reason = inp.text('reason', L.reason, true);
    const groupName = inp.text('groupName', L.name);
    const rawTargets = inp.value('targets');
    const targets: { kind: HoldTarget; id: number }[] = [];
    const list = Array.isArray(rawTargets) ? rawTargets : typeof rawTargets === 'string' ? rawTargets.split(/[\s,;]+/).filter(Boolean) : [];
    for (const t of list) {
      // "dossier:12", "incoming:5" on a command line; {kind, id} from the contract.
      const [kind, id] = typeof t === 'string' ? t.split(':') : [(t as { kind?: unknown }).kind, (t as { id?: unknown }).id];
      const n = typeof id === 'number' ? id : /^\d+$/.test(String(id)) ? Number(id) : NaN;
      if (!(HOLD_TARGETS as readonly unknown[]).includes(kind) || !Number.isSafeInteger(n) || n < 1) inp.fail('invalid_input', 'targets');
      else targets.push({ kind: kind as HoldTarget, id: n });
    }
    if (!list.length) inp.fail('required', 'targets');
    inp.check();
    const id = await this.store.write(async (r) => {
      for (const t of targets) {
        if (t.kind === 'dossier') await this.dossier(r, t.id, who);
        else {
          const f = await r.archive.docFacts(t.kind, t.id);
          if (!f || (f.secret && withoutGrant(who))) refuse('not_found', { field: 'targets' });
        }
      }
      const at = this.now();
      const holdId = await r.archive.insert('holds', { groupName, orderedBy, orderRef, reason, placedAt: at, placedBy: who.actor });
      const seen = new Set<string>();
      for (const t of targets) {
        if (seen.has(`${t.kind}:${t.id}`)) continue;
        seen.add(`${t.kind}:${t.id}`);
        await r.archive.insertHoldItem({ holdId, targetKind: t.kind, targetId: t.id });
      }
      await this.audit(r, who, 'hold_place', 'hold', holdId, { orderedBy, orderRef, reason, targets: [...seen] });
      return holdId;
    });
    return this.hold(id, who);
  }

  async liftHold(raw: unknown, who: ArchiveActor): Promise<HoldView> {
    const inp = Input.of(raw);
    const id = inp.int('id', 1, MAX_ID, true) ?? 0;
    const liftRef = inp.text('liftRef', L.ref, true);
    const liftReason = inp.text('reason', L.reason, true);
    inp.check();
    await this.store.write(async (r) => {
      const h = await r.archive.byId<Row>('holds', id);
      if (!h) refuse('hold_not_found', { field: 'id' });
      if (h.liftedAt !== null) refuse('hold_state');
      await r.archive.update('holds', id, { liftedAt: this.now(), liftedBy: who.actor, liftRef, liftReason });
      await this.audit(r, who, 'hold_lift', 'hold', id, { liftRef, reason: liftReason });
    });
    return this.hold(id, who);
  }

  private async holdView(r: Repositories, h: Row, who?: ArchiveActor): Promise<HoldView> {
    const items = await r.archive.holdItems(Number(h.id));
    const targets: HoldView['targets'] = [];
    const hide = withoutGrant(who);
    for (const i of items) {
      let label = `${i.targetKind} ${i.targetId}`;
      // What a hold names of a confidential dossier or document stays hidden without the grant.
      if (i.targetKind === 'dossier') {
        // (On the office database a person's own connection does not read such a dossier at all: migration 0176.)
        const d = await r.archive.byId<DossierRow>('dossiers', i.targetId);
        if (hide && (await r.archive.isSecret(i.targetId))) label = 'Hồ sơ mật';
        else if (d) label = `Hồ sơ ${d.code} (${d.year}): ${d.title}`;
      } else {
        const f = await r.archive.docFacts(i.targetKind, i.targetId);
        const what = i.targetKind === 'incoming' ? 'Văn bản đến' : 'Văn bản đi';
        if (f) label = hide && f.secret ? `${what} mật` : `${what} ${f.symbol ?? `#${f.id}`}: ${f.subject}`;
      }
      targets.push({ kind: i.targetKind, id: i.targetId, label });
    }
    return {
      id: Number(h.id),
      groupName: h.groupName as string | null,
      orderedBy: String(h.orderedBy),
      orderRef: String(h.orderRef),
      reason: String(h.reason),
      placedAt: String(h.placedAt),
      placedBy: String(h.placedBy),
      liftedAt: h.liftedAt as string | null,
      liftedBy: h.liftedBy as string | null,
      liftRef: h.liftRef as string | null,
      liftReason: h.liftReason as string | null,
      targets,
    };
  }

  async hold(id: number, who?: ArchiveActor): Promise<HoldView> {
    return this.store.read(async (r) => {
      const h = await r.archive.byId<Row>('holds', id);
      if (!h) refuse('hold_not_found', { field: 'id' });
      return this.holdView(r, h, who);
    });
  }

  async holds(raw: unknown = {}, who?: ArchiveActor): Promise<HoldList> {
    const inp = Input.of(raw);
    const all = inp.bool('all');
    const limit = inp.int('limit', 1, 1000) ?? 200;
    const before = idCursor(inp);
    inp.check();
    return this.store.read(async (r) => {
      const rows = await r.archive.listHolds({ activeOnly: !all, limit: limit + 1, ...(before !== null ? { before } : {}) });
      const more = rows.length > limit;
      if (more) rows.pop();
      const items: HoldView[] = [];
      for (const h of rows) items.push(await this.holdView(r, h, who));
      return { items, next: more ? String(rows[rows.length - 1]!.id) : null };
    });
  }

  // Hand-over -----------------------------------------------------------------------------

  /**
   * Closed dossiers to hand over, by due date (a keep-back counted), a page at a time (keyset
   * `after`), with the reminder (N days before) and overdue flags and the whole list's counts.
   */
  async due(raw: unknown = {}, who?: ArchiveActor): Promise<DueList> {
    const inp = Input.of(raw);
    const asOf = inp.date('asOf') ?? this.today();
    const limit = inp.int('limit', 1, 5000) ?? 200;
    const withinDays = inp.int('withinDays', 0, 36500);
    const cursor = inp.text('after', 200);
    const parts = cursor === null ? null : decodeCursor(cursor, 2);
    if (cursor !== null && (!parts || !/^\d{4}-\d{2}-\d{2}$/.test(parts[0]!) || !/^\d{1,15}$/.test(parts[1]!)))
      inp.fail('invalid_input', 'after');
    inp.check();
    const after = parts ? { due: parts[0]!, id: Number(parts[1]) } : undefined;
    const publicOnly = withoutGrant(who);
    return this.store.read(async (r) => {
      const reminderDays = Number((await r.meta.get('archive_reminder_days')) ?? 30) || 30;
      const until = withinDays === null ? '9999-12-31' : addDays(asOf, withinDays);
      const rows = await r.archive.dueDossiers({ until, limit: limit + 1, ...(after ? { after } : {}), publicOnly });
      const more = rows.length > limit;
      if (more) rows.pop();
      const counts = await r.archive.dueCounts(asOf, addDays(asOf, reminderDays), publicOnly);
      const dayMs = 86_400_000;
      const items = rows.map((d) => {
        // Kept back: the keep-back's end, when later than the due date, is the date that counts.
        const keptBack = d.keepBackUntil !== null && d.keepBackUntil > d.dueDate && d.keepBackUntil >= asOf;
        const due = d.handoverDue;
        const remindFrom = addDays(due, -reminderDays);
        const daysLeft = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / dayMs);
        return {
          id: d.id,
          code: d.code,
          year: d.year,
          title: d.title,
          retentionLabel: retentionLabel(d.retentionYears),
          endDate: d.endDate ?? '',
          dueDate: due,
          remindFrom,
          daysLeft,
          overdue: daysLeft < 0,
          remind: asOf >= remindFrom,
          keptBack,
        };
      });
      const last = rows.at(-1);
      return {
        asOf,
        total: counts.total,
        overdue: counts.overdue,
        reminders: counts.reminders,
        items,
        next: more && last ? encodeCursor([last.handoverDue, last.id]) : null,
      };
    });
  }

  /** Keeps a due dossier with its unit by the head's written decision, at most two years past its due date (Art. 31.3.d). */
  async keepBack(raw: unknown, who: ArchiveActor) {
    const inp = Input.of(raw);
    const id = inp.int('id', 1, MAX_ID, true) ?? 0;
    const decisionRef = inp.text('decisionRef', L.ref, true);
    const decidedBy = inp.text('decidedBy', L.name, true);
    const reason = inp.text('reason', L.reason, true);
    const until = inp.date('until', true);
    inp.check();
    await this.store.write(async (r) => {
      const d = await this.dossier(r, id, who);
      if (d.state !== 'closed' || !d.dueDate) refuse('dossier_state', { params: { value: DOSSIER_STATE_LABELS[d.state] } });
      const limit = addYears(d.dueDate, KEEP_BACK_MAX_YEARS);
      if (until! > limit || until! < this.today()) refuse('keep_back_too_long', { field: 'until', params: { value: limit } });
      const at = this.now();
      await r.archive.insert('keep_backs', {
        dossierId: id,
        decisionRef,
        decidedBy,
        reason,
        untilDate: until,
        createdAt: at,
        createdBy: who.actor,
      });
      await r.archive.update('dossiers', id, { keepBackUntil: until, updatedAt: at });
      await this.audit(r, who, 'dossier_keep_back', 'dossier', id, { decisionRef, decidedBy, reason, until });
    });
    return this.due({});
  }

  /**
   * The hand-over record ("Biên bản giao nhận") with its list ("Mục lục hồ sơ, tài liệu nộp
   * lưu"): closed dossiers kept five years or more; they are then submitted, awaiting the
   * archive's acceptance.
   */
  async createHandover(raw: unknown, who: ArchiveActor): Promise<HandoverView> {
    const inp = Input.of(raw);
    const ids = idList(inp, 'dossiers');
    const unitName = inp.text('unitName', L.name, true);
    const blockName = inp.text('blockName', L.title) ?? `Hồ sơ, tài liệu của ${unitName ?? ''}`.trim();
    const giverName = inp.text('giverName', L.name, true);
    const giverPosition = inp.text('giverPosition', L.position);
    const receiverName = inp.text('receiverName', L.name);
    const receiverPosition = inp.text('receiverPosition', L.position);
    const basis = inp.text('basis', L.reason);
    const condition = inp.text('condition', L.reason);
    const boxes = inp.int('boxes', 0, 1_000_000);
    const shelf = shelfCentimetres(inp, 'shelfMeters');
    inp.check();
    const id = await this.store.write(async (r) => {
      const dossiers: DossierRow[] = [];
      for (const dId of ids) {
        const d = await this.dossier(r, dId, who);
        if (!mustHandOver(d.retentionYears)) refuse('retention_too_short', { field: 'dossiers', params: { value: d.code } });
        if (d.state !== 'closed')
          refuse('dossier_state', { field: 'dossiers', params: { value: `${d.code}: ${DOSSIER_STATE_LABELS[d.state]}` } });
        if ((await r.archive.activeHoldsOn('dossier', d.id)).length) refuse('held', { field: 'dossiers' });
        dossiers.push(d);
      }
      const at = this.now();
      const hId = await r.archive.insert('handovers', {
        year: Number(this.today().slice(0, 4)),
        unitName,
        blockName,
        giverName,
        giverPosition,
        receiverName,
        receiverPosition,
        basis,
        condition,
        boxes,
        shelfCentimetres: shelf,
        status: 'submitted',
        createdAt: at,
        createdBy: who.actor,
      });
      let n = 0;
      for (const d of dossiers) {
        await r.archive.insertHandoverItem(hId, d.id, ++n);
        await r.archive.update('dossiers', d.id, { state: 'submitted', handoverId: hId, updatedAt: at });
      }
      await this.audit(r, who, 'handover_create', 'handover', hId, {
        dossiers: dossiers.map((d) => d.code),
        unitName,
        giverName,
        ...(boxes !== null ? { boxes } : {}),
        ...(shelf !== null ? { shelfMeters: shelf / 100 } : {}),
      });
      return hId;
    });
    return this.handover(id, who);
  }

  /**
   * The archive receives the hand-over: its dossiers become declared records (Art. 30.3.b),
   * whose documents, files and metadata the database then refuses to change.
   */
  async acceptHandover(raw: unknown, who: ArchiveActor): Promise<HandoverView> {
    const inp = Input.of(raw);
    const id = inp.int('id', 1, MAX_ID, true) ?? 0;
    const receiverName = inp.text('receiverName', L.name);
    const receiverPosition = inp.text('receiverPosition', L.position);
    inp.check();
    await this.store.write(async (r) => {
      const h = await r.archive.byId<Row>('handovers', id);
      if (!h) refuse('handover_not_found', { field: 'id' });
      if (h.status !== 'submitted') refuse('handover_state');
      const at = this.now();
      const dossiers = await r.archive.handoverDossiers(id);
      await wholeList(r, who, 'handover', id, dossiers);
      for (const d of dossiers)
        await r.archive.update('dossiers', d.id, { state: 'accepted', acceptedAt: at, acceptedBy: who.actor, updatedAt: at });
      await r.archive.update('handovers', id, {
        status: 'accepted',
        acceptedAt: at,
        acceptedBy: who.actor,
        receiverName: receiverName ?? (h.receiverName as string | null) ?? who.actor,
        receiverPosition: receiverPosition ?? (h.receiverPosition as string | null),
      });
      await this.audit(r, who, 'handover_accept', 'handover', id, { dossiers: dossiers.map((d) => d.code) });
    });
    return this.handover(id, who);
  }

  async handover(id: number, who?: ArchiveActor): Promise<HandoverView> {
    return this.store.read(async (r) => {
      const h = await r.archive.byId<Row>('handovers', id);
      if (!h) refuse('handover_not_found', { field: 'id' });
      const organId = (await r.meta.get('archive_organ_id')) ?? (await r.meta.get('org_code')) ?? 'VT';
      const rows = await r.archive.handoverDossiers(id);
      const secret = withoutGrant(who) ? await r.archive.secretDossiers(rows.map((d) => d.id)) : new Set<number>();
      const visible = rows.filter((d) => !secret.has(d.id));
      const files = (await Promise.all(visible.map((d) => r.archive.dossierFiles(d.id)))).flat();
      const pkgs = await r.archive.listRows('handover_packages', { handoverId: id }, 1);
      const starts = visible.map((d) => d.startDate).filter((x): x is string => !!x);
      const ends = visible.map((d) => d.endDate).filter((x): x is string => !!x);
      let n = 0;
      const dossiers: HandoverView['dossiers'] = [];
      for (const d of visible) {
        const items = await r.archive.items(d.id);
        dossiers.push({
          ordinal: ++n,
          id: d.id,
          code: d.code,
          fileCode: `${organId}.${d.year}.${d.code}`,
          title: d.title,
          startDate: d.startDate,
          endDate: d.endDate,
          retentionLabel: retentionLabel(d.retentionYears),
          pages: d.pageTotal,
          docTotal: d.docTotal,
          files: files.filter((f) => items.some((i) => i.kind === f.kind && i.docId === f.docId)).length,
          note: d.note,
        });
      }
      return {
        id,
        year: Number(h.year),
        unitName: String(h.unitName),
        blockName: String(h.blockName),
        giverName: String(h.giverName),
        giverPosition: h.giverPosition as string | null,
        receiverName: h.receiverName as string | null,
        receiverPosition: h.receiverPosition as string | null,
        basis: h.basis as string | null,
        condition: h.condition as string | null,
        status: h.status as 'submitted' | 'accepted',
        createdAt: String(h.createdAt),
        createdBy: String(h.createdBy),
        acceptedAt: h.acceptedAt as string | null,
        acceptedBy: h.acceptedBy as string | null,
        packageSha256: (pkgs[0]?.sha256 as string | undefined) ?? null,
        dossiers,
        timeSpan: { from: starts.sort()[0] ?? null, to: ends.sort().at(-1) ?? null },
        boxes: h.boxes === null || h.boxes === undefined ? null : Number(h.boxes),
        shelfMeters: h.shelfCentimetres === null || h.shelfCentimetres === undefined ? null : Number(h.shelfCentimetres) / 100,
      };
    });
  }

  /** Hand-overs, newest first, a page at a time (keyset `after`: the previous page's last id); of one status when asked. */
  async handovers(raw: unknown = {}, who?: ArchiveActor): Promise<HandoverList> {
    const inp = Input.of(raw);
    const status = inp.oneOf('status', HANDOVER_STATUSES);
    const limit = inp.int('limit', 1, 1000) ?? 100;
    const after = idCursor(inp);
    inp.check();
    return this.store.read(async (r) => {
      const rows = await r.archive.listBatches('handovers', {
        ...(status !== null ? { status } : {}),
        limit: limit + 1,
        ...(after !== null ? { before: after } : {}),
        publicOnly: withoutGrant(who),
      });
      const more = rows.length > limit;
      if (more) rows.pop();
      const total = after === null && !more ? rows.length : await r.archive.countBatches('handovers', status ?? undefined);
      return {
        total,
        items: rows.map((h) => ({
          id: Number(h.id),
          year: Number(h.year),
          unitName: String(h.unitName),
          blockName: String(h.blockName),
          giverName: String(h.giverName),
          status: h.status as HandoverList['items'][number]['status'],
          createdAt: String(h.createdAt),
          createdBy: String(h.createdBy),
          acceptedAt: h.acceptedAt as string | null,
          dossiers: Number(h.dossierCount),
          confidential: Number(h.secretCount) > 0,
        })),
        next: more ? String(rows[rows.length - 1]!.id) : null,
      };
    });
  }

  /** Destructions, newest first, a page at a time (keyset `after`); of one status when asked. */
  async destructions(raw: unknown = {}, who?: ArchiveActor): Promise<DestructionList> {
    const inp = Input.of(raw);
    const status = inp.oneOf('status', DESTRUCTION_STATUSES);
    const limit = inp.int('limit', 1, 1000) ?? 100;
    const after = idCursor(inp);
    inp.check();
    return this.store.read(async (r) => {
      const rows = await r.archive.listBatches('destructions', {
        ...(status !== null ? { status } : {}),
        limit: limit + 1,
        ...(after !== null ? { before: after } : {}),
        publicOnly: withoutGrant(who),
      });
      const more = rows.length > limit;
      if (more) rows.pop();
      const total = after === null && !more ? rows.length : await r.archive.countBatches('destructions', status ?? undefined);
      return {
        total,
        items: rows.map((x) => ({
          id: Number(x.id),
          title: String(x.title),
          status: x.status as DestructionList['items'][number]['status'],
          proposedAt: String(x.proposedAt),
          proposedBy: String(x.proposedBy),
          decisionRef: x.decisionRef as string | null,
          decisionDate: x.decisionDate as string | null,
          executedAt: x.executedAt as string | null,
          dossiers: Number(x.dossierCount),
          confidential: Number(x.secretCount) > 0,
        })),
        next: more ? String(rows[rows.length - 1]!.id) : null,
      };
    });
  }

  // Retention and destruction --------------------------------------------------------------

  /** Dossiers whose retention has run out by the end of `year` ("Danh mục tài liệu hết thời hạn"). */
  async expired(raw: unknown = {}, who?: ArchiveActor): Promise<ExpiredList> {
    const inp = Input.of(raw);
    const year = inp.int('year', 1900, 2999) ?? Number(this.today().slice(0, 4));
    const limit = inp.int('limit', 1, 5000) ?? 200;
    const cursor = inp.text('after', 200);
    const parts = cursor === null ? null : decodeCursor(cursor, 3);
    if (cursor !== null && (!parts || !/^\d{4}$/.test(parts[0]!) || !/^\d{4}$/.test(parts[1]!))) inp.fail('invalid_input', 'after');
    inp.check();
    const after = parts ? { expiryYear: Number(parts[0]), year: Number(parts[1]), code: parts[2]! } : undefined;
    const publicOnly = withoutGrant(who);
    return this.store.read(async (r) => {
      const rows = await r.archive.expiredDossiers({ year, limit: limit + 1, ...(after ? { after } : {}), publicOnly });
      const more = rows.length > limit;
      if (more) rows.pop();
      const held = await r.archive.heldDossiers(rows.map((d) => d.id));
      const total = !after && !more ? rows.length : await r.archive.countExpired(year, publicOnly);
      const out: ExpiredDossier[] = [];
      for (const d of rows) {
        out.push({
          id: d.id,
          code: d.code,
          year: d.year,
          title: d.title,
          retentionLabel: retentionLabel(d.retentionYears),
          endDate: d.endDate ?? '',
          expiryYear: d.expiryYear!,
          state: d.state,
          held: held.has(d.id),
          inDestruction: d.destructionId,
        });
      }
      const last = rows.at(-1);
      return { year, total, items: out, next: more && last ? encodeCursor([last.expiryYear!, last.year, last.code]) : null };
    });
  }

  private async checkDestroyable(r: Repositories, d: DossierRow, year: number): Promise<void> {
    if (d.expiryYear === null || d.expiryYear > year) refuse('not_expired', { field: 'dossiers', params: { value: d.code } });
    if (d.state !== 'closed' && d.state !== 'accepted')
      refuse('dossier_state', { field: 'dossiers', params: { value: `${d.code}: ${DOSSIER_STATE_LABELS[d.state]}` } });
    if ((await r.archive.activeHoldsOn('dossier', d.id)).length) refuse('held', { field: 'dossiers' });
    for (const i of await r.archive.items(d.id))
      if ((await r.archive.activeHoldsOn(i.kind, i.docId)).length) refuse('held', { field: 'dossiers' });
  }

  /** Proposes expired dossiers for destruction (the council then reviews the list). */
  async proposeDestruction(raw: unknown, who: ArchiveActor): Promise<DestructionView> {
    const inp = Input.of(raw);
    const ids = idList(inp, 'dossiers');
    const title = inp.text('title', L.title, true);
    const note = inp.text('note', L.note);
    inp.check();
    const year = Number(this.today().slice(0, 4));
    const id = await this.store.write(async (r) => {
      const dossiers: DossierRow[] = [];
      for (const dId of ids) {
        const d = await this.dossier(r, dId, who);
        await this.checkDestroyable(r, d, year);
        if (d.destructionId !== null)
          refuse('dossier_state', { field: 'dossiers', params: { value: `${d.code}: đã có trong danh mục hủy` } });
        dossiers.push(d);
      }
      const at = this.now();
      const xId = await r.archive.insert('destructions', { title, status: 'proposed', proposedAt: at, proposedBy: who.actor, note });
      for (const d of dossiers) await r.archive.insertDestructionItem(xId, d.id);
      await this.audit(r, who, 'destruction_propose', 'destruction', xId, { title, dossiers: dossiers.map((d) => `${d.year}/${d.code}`) });
      return xId;
    });
    return this.destruction(id, who);
  }

  /** Records the council's review and the competent person's decision. */
  async approveDestruction(raw: unknown, who: ArchiveActor): Promise<DestructionView> {
    const inp = Input.of(raw);
    const id = inp.int('id', 1, MAX_ID, true) ?? 0;
    const councilRef = inp.text('councilRef', L.ref, true);
    const minutesRef = inp.text('minutesRef', L.ref, true);
    const appraisalRef = inp.text('appraisalRef', L.ref);
    const decisionRef = inp.text('decisionRef', L.ref, true);
    const decisionDate = inp.date('decisionDate', true);
    inp.check();
    const year = Number(this.today().slice(0, 4));
    await this.store.write(async (r) => {
      const x = await r.archive.byId<Row>('destructions', id);
      if (!x) refuse('destruction_not_found', { field: 'id' });
      if (x.status !== 'proposed') refuse('destruction_state', { params: { value: String(x.status) } });
      for (const d of await r.archive.destructionDossiers(id)) await this.checkDestroyable(r, d, year);
      await r.archive.update('destructions', id, {
        status: 'approved',
        councilRef,
        minutesRef,
        appraisalRef,
        decisionRef,
        decisionDate,
        approvedBy: who.actor,
        approvedAt: this.now(),
      });
      await this.audit(r, who, 'destruction_approve', 'destruction', id, {
        councilRef,
        minutesRef,
        appraisalRef,
        decisionRef,
        decisionDate,
      });
    });
    return this.destruction(id, who);
  }

  /**
   * Destroys the approved dossiers: each stays as a tombstone (metadata, files' names and
   * hashes, the decision), and a file's content is removed from the file store unless a
   * document outside the destruction still uses it. Nothing held is destroyed.
   */
  async executeDestruction(raw: unknown, who: ArchiveActor): Promise<DestructionView> {
    const inp = Input.of(raw);
    const id = inp.int('id', 1, MAX_ID, true) ?? 0;
    const executionMinutesRef = inp.text('minutesRef', L.ref, true);
    inp.check();
    const year = Number(this.today().slice(0, 4));
    const removed = await this.store.write(async (r) => {
      const x = await r.archive.byId<Row>('destructions', id);
      if (!x) refuse('destruction_not_found', { field: 'id' });
      if (x.status !== 'approved') refuse('destruction_state', { params: { value: String(x.status) } });
      const dossiers = await r.archive.destructionDossiers(id);
      await wholeList(r, who, 'destruction', id, dossiers);
      for (const d of dossiers) await this.checkDestroyable(r, d, year);
      const ids = dossiers.map((d) => d.id);
      const shas = new Set<string>();
      const at = this.now();
      for (const d of dossiers) {
        const items = await r.archive.items(d.id);
        const files = await r.archive.docFiles(items.map((i) => ({ kind: i.kind, id: i.docId })));
        for (const f of files) {
          const contentRemoved = !(await r.archive.blobStillNeeded(f.sha256, ids));
          await r.archive.insert('destruction_tombstones', {
            destructionId: id,
            dossierId: d.id,
            docKind: f.kind,
            docId: f.docId,
            fileName: f.name,
            sha256: f.sha256,
            size: f.size,
            contentRemoved: contentRemoved ? 1 : 0,
          });
          if (contentRemoved) shas.add(f.sha256);
        }
        // Only state and the decision change (an accepted dossier lets nothing else through).
        await r.archive.update('dossiers', d.id, { state: 'destroyed', destructionId: id });
      }
      for (const sha of shas) await r.archive.insert('removed_blobs', { sha256: sha, destructionId: id, removedAt: at });
      await r.archive.update('destructions', id, { status: 'executed', executionMinutesRef, executedAt: at, executedBy: who.actor });
      await this.audit(r, who, 'destruction_execute', 'destruction', id, {
        dossiers: dossiers.map((d) => `${d.year}/${d.code}`),
        contentsRemoved: [...shas],
        minutesRef: executionMinutesRef,
      });
      return [...shas];
    });
    // The rows say the contents are gone (committed); the bytes follow. A crash between leaves
    // bytes nobody names, which `check` reports and a later run removes.
    for (const sha of removed) await this.files.remove(sha);
    return this.destruction(id, who);
  }

  async destruction(id: number, who?: ArchiveActor): Promise<DestructionView> {
    return this.store.read(async (r) => {
      const x = await r.archive.byId<Row>('destructions', id);
      if (!x) refuse('destruction_not_found', { field: 'id' });
      const all = await r.archive.destructionDossiers(id);
      const secret = withoutGrant(who) ? await r.archive.secretDossiers(all.map((d) => d.id)) : new Set<number>();
      const dossiers = all.filter((d) => !secret.has(d.id));
      const tombs = await r.archive.tombstones(id);
      return {
        id,
        title: String(x.title),
        status: x.status as DestructionView['status'],
        councilRef: x.councilRef as string | null,
        minutesRef: x.minutesRef as string | null,
        appraisalRef: x.appraisalRef as string | null,
        decisionRef: x.decisionRef as string | null,
        decisionDate: x.decisionDate as string | null,
        approvedBy: x.approvedBy as string | null,
        approvedAt: x.approvedAt as string | null,
        executionMinutesRef: x.executionMinutesRef as string | null,
        executedAt: x.executedAt as string | null,
        executedBy: x.executedBy as string | null,
        proposedAt: String(x.proposedAt),
        proposedBy: String(x.proposedBy),
        note: x.note as string | null,
        dossiers: dossiers.map((d) => ({
          id: d.id,
          code: d.code,
          year: d.year,
          title: d.title,
          retentionLabel: retentionLabel(d.retentionYears),
          endDate: d.endDate,
          expiryYear: d.expiryYear,
        })),
        tombstones: tombs.map((t) => ({
          dossierId: Number(t.dossierId),
          kind: t.docKind as 'incoming' | 'outgoing',
          docId: Number(t.docId),
          fileName: String(t.fileName),
          sha256: String(t.sha256),
          size: Number(t.size),
          contentRemoved: Number(t.contentRemoved) === 1,
        })),
      };
    });
  }

  // Usage register ("Sổ sử dụng bản lưu") -------------------------------------------------

  async addUsage(raw: unknown, who: ArchiveActor): Promise<UsageEntry> {
    const inp = Input.of(raw);
    const kind = inp.oneOf('kind', HOLD_TARGETS, 'dossier');
    const targetId = inp.int('targetId', 1, MAX_ID, true) ?? 0;
    const userName = inp.text('userName', L.name, true);
    const approvedBy = inp.text('approvedBy', L.name, true);
    const usedOn = inp.date('usedOn') ?? this.today();
    const note = inp.text('note', L.note);
    inp.check();
    const id = await this.store.write(async (r) => {
      if (kind === 'dossier') await this.dossier(r, targetId, who);
      else {
        const f = await r.archive.docFacts(kind, targetId);
        if (!f || (f.secret && withoutGrant(who))) refuse('not_found', { field: 'targetId' });
      }
      const uId = await r.archive.insert('usage_register', {
        usedOn,
        userName,
        targetKind: kind,
        targetId,
        approvedBy,
        note,
        createdAt: this.now(),
        createdBy: who.actor,
      });
      await this.audit(r, who, 'usage_add', 'usage', uId, { kind, targetId, userName, approvedBy, usedOn });
      return uId;
    });
    return (await this.usageEntries((r0) => r0.archive.listUsage({ after: id - 1, limit: 1 }), who))[0]!;
  }

  async returnUsage(raw: unknown, who: ArchiveActor): Promise<UsageEntry> {
    const inp = Input.of(raw);
    const id = inp.int('id', 1, MAX_ID, true) ?? 0;
    const returnedOn = inp.date('returnedOn') ?? this.today();
    inp.check();
    await this.store.write(async (r) => {
      const u = await r.archive.byId<Row>('usage_register', id);
      if (!u) refuse('usage_not_found', { field: 'id' });
      if (u.returnedOn !== null) refuse('usage_returned');
      if (returnedOn < String(u.usedOn)) refuse('invalid_date', { field: 'returnedOn' });
      await r.archive.update('usage_register', id, { returnedOn, returnedBy: who.actor });
      await this.audit(r, who, 'usage_return', 'usage', id, { returnedOn });
    });
    return (await this.usageEntries((r0) => r0.archive.listUsage({ after: id - 1, limit: 1 }), who))[0]!;
  }

  /** The register, oldest first, with each entry's reference and subject as the form prints them. */
  async usage(raw: unknown = {}, who?: ArchiveActor): Promise<UsageList> {
    const inp = Input.of(raw);
    const from = inp.date('from');
    const to = inp.date('to');
    const limit = inp.int('limit', 1, 1000) ?? 200;
    const after = idCursor(inp);
    inp.check();
    const q = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(after !== null ? { after } : {}) };
    let more = false;
    let last = 0;
    const items = await this.usageEntries(async (r) => {
      const rows = await r.archive.listUsage({ ...q, limit: limit + 1 });
      more = rows.length > limit;
      if (more) rows.pop();
      last = Number(rows[rows.length - 1]?.id ?? 0);
      return rows;
    }, who);
    // The cursor is the last row read, not the last shown: a specialist's page may skip rows.
    return { items, next: more ? String(last) : null };
  }

  /** Every entry of a period (the printed register), page by page. */
  async usageAll(q: { from: string; to: string }, who?: ArchiveActor): Promise<UsageEntry[]> {
    const out: UsageEntry[] = [];
    for (let after: string | null = null; ;) {
      const page: UsageList = await this.usage({ ...q, limit: 1000, ...(after ? { after } : {}) }, who);
      out.push(...page.items);
      if (!page.next) return out;
      after = page.next;
    }
  }

  /** The register's rows as the form prints them: each entry's reference and subject. */
  private async usageEntries(select: (r: Repositories) => Promise<Row[]>, who?: ArchiveActor): Promise<UsageEntry[]> {
    return this.store.read(async (r) => {
      const rows = await select(r);
      const out: UsageEntry[] = [];
      for (const u of rows) {
        const usedOn = String(u.usedOn);
        const kind = u.targetKind as UsageEntry['kind'];
        const targetId = Number(u.targetId);
        let reference = '';
        let subject = '';
        let dossierCode: string | null;
        // A specialist (their unit's work only) sees the uses of what they may see: the
        // dossiers they see and the documents the documents' rule shows them — as the office
        // database's policy hides the other rows from their own connection (migration 0203).
        const unitOnly = who?.viewer !== undefined && who.viewer.onlyUnitId !== null;
        // The register lists every use; of a confidential dossier or document, without the grant, not what it is.
        if (kind === 'dossier') {
          const d = await r.archive.byId<DossierRow>('dossiers', targetId);
          const hidden = withoutGrant(who) && (await r.archive.isSecret(targetId));
          if (unitOnly && (!d || hidden || !seesDossier(d, who!))) continue;
          subject = hidden ? 'Hồ sơ mật' : d ? `Hồ sơ: ${d.title}` : '';
          dossierCode = d && !hidden ? d.code : null;
        } else {
          const f = await r.archive.docFacts(kind, targetId);
          if (unitOnly && (!f || (await docHidden(r, f, who!.viewer)))) continue;
          const items = await r.archive.dossiersOfDoc(kind, targetId);
          if (f && f.secret && withoutGrant(who)) subject = 'Văn bản mật';
          else if (f) {
            const full = (await r.archive.items(items[0]?.id ?? 0)).find((i) => i.kind === kind && i.docId === targetId);
            reference = [f.symbol, full?.issuedDate ? formatDateVN(full.issuedDate) : null].filter(Boolean).join(', ');
            subject = full ? `${full.typeName}: ${f.subject}` : f.subject;
          }
          dossierCode = items[0]?.code ?? null;
        }
        out.push({
          id: Number(u.id),
          usedOn,
          userName: String(u.userName),
          kind,
          targetId,
          reference,
          subject,
          dossierCode,
          approvedBy: String(u.approvedBy),
          returnedOn: u.returnedOn as string | null,
          note: u.note as string | null,
          createdBy: String(u.createdBy),
        });
      }
      return out;
    });
  }
}
