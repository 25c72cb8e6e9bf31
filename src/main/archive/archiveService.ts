/**
 * The archive (issue 14; shared/domain/archive.md): the yearly file plan ("Danh mục hồ sơ",
 * Decree 30 Art. 28, App. V), dossiers opened from it or ad hoc, documents filed into them
 * by reference in the order of events, and their closing (Art. 29). Every write is one
 * transaction with its audit entries; bad input is refused with a code before anything is
 * written, and what makes a record a record is also refused by the database (migration 0070).
 */
import {
  ABBREVIATION_RE,
  ARCHIVE_LIMITS,
  DOSSIER_CODE_RE,
  DOSSIER_RIGHTS,
  DOSSIER_STATE_LABELS,
  FILE_PLAN_NUMBERING,
  HANDOVER_DUE_RULES,
  dossierCode,
  expiryYear,
  mustHandOver,
  retentionLabel,
  roman,
  type CorrectionView,
  type DocKind,
  type DossierDetail,
  type DossierFiling,
  type DossierItemView,
  type DossierList,
  type DossierView,
  type FilePlanNumbering,
  type FilePlanView,
  type HandoverDueRule,
  type Retention,
} from '../../shared/domain/archive.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { toVnIso, vnDate } from '../../shared/text/dates.js';
import { fold } from '../../shared/text/vietnamese.js';
import { AuditWriter, GENESIS_HASH } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import { incomingHidden, outgoingHidden, seesAll, type Viewer } from '../accounts/visibility.js';
import type { DocFacts, DossierRow, HeadingRow, ItemFlag, ItemRow, ItemsSeenBy, OwnDossiers, PlanRow } from '../store/archivePorts.js';
import type { Repositories, Store } from '../store/ports.js';
import { Input, refuse } from './input.js';

const L = ARCHIVE_LIMITS;

/** Folded words of a dossier and its documents: what the archive's search looks in. */
export function searchTextOf(
  d: { code: string; title: string; creator: string | null; description: string | null },
  docs: string[] = [],
): string {
  return fold([d.code, d.title, d.creator ?? '', d.description ?? '', ...docs].join(' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The hand-over due date of a dossier closed on `endDate` (archive.md §1.3, §3.1; the rule is a setting). */
export function handoverDueDate(endDate: string, rule: HandoverDueRule, basicConstruction: boolean): string {
  const y = Number(endDate.slice(0, 4));
  if (basicConstruction) {
    // Three months from the settlement ("quyết toán"), the end date of such a dossier.
    const m = Number(endDate.slice(5, 7)) + 3;
    const yy = y + Math.floor((m - 1) / 12);
    const mm = ((m - 1) % 12) + 1;
    const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
    return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(Number(endDate.slice(8, 10)), last)).padStart(2, '0')}`;
  }
  if (rule === 'one_year') {
    const md = endDate.slice(5) === '02-29' ? '02-28' : endDate.slice(5);
    return `${y + 1}-${md}`;
  }
  return `${y + 1}-12-31`;
}

export interface ArchiveActor {
  /** The signed-in account's username: the audit names it. */
  actor: string;
  /**
   * The account's confidential grant: without it, dossiers marked "Mật" or holding a
   * confidential document (migration 0150's dossier_secrecy) are not there — not in lists,
   * search, the due and expired lists, PDFs or packages. Every face passes the account's
   * grant; left out, only by a caller trusted with everything (tests, the benchmark).
   */
  confidential?: boolean;
  /** The account's unit (a dossier opened by them is their unit's). */
  unitId?: number | null;
  /** The account's full name: «Người lập hồ sơ» of a dossier they open without naming one. */
  fullName?: string;
  /**
   * What the account may see of documents (accounts/visibility.ts). A specialist reads only
   * their unit's documents: they file only what they may see, and into, out of and closing
   * only their unit's dossiers or those they opened (Decree 30 Art. 29: whoever handles the
   * work forms its dossier). Left out: nothing hidden (the services' own work, tests).
   */
  viewer?: Viewer;
}

/** Whether `who` lacks the confidential grant. */
export const withoutGrant = (who?: ArchiveActor): boolean => who?.confidential === false;

export { archiveActorOf } from './actor.js';

/** A specialist's own dossier: their unit's, or one they opened (migration 0177 keeps the unit). */
function ownDossier(d: DossierRow, who: ArchiveActor): boolean {
  const only = who.viewer?.onlyUnitId ?? null;
  if (only === null) return true;
  return (d.unitId !== null && only !== 0 && d.unitId === only) || d.openedBy === who.actor;
}

/**
 * Whether a specialist sees a dossier at all: their own, or one of the file plan's still to be
 * opened (the plan goes to every unit) — the office database's policy (migration 0189).
 */
export function seesDossier(d: DossierRow, who: ArchiveActor): boolean {
  return d.state === 'planned' || ownDossier(d, who);
}

/** Whether the documents' rule (accounts/visibility.ts) hides this document from the viewer. */
export async function docHidden(r: Repositories, doc: DocFacts, viewer: Viewer | undefined): Promise<boolean> {
  if (seesAll(viewer)) return false;
  const hidden =
    doc.kind === 'incoming'
      ? await incomingHidden(r, viewer, { id: doc.id, secrecy: doc.secrecy, register: doc.register })
      : await outgoingHidden(r, viewer, {
          id: doc.id,
          secrecy: doc.secrecy,
          register: doc.register,
          draftingUnit: doc.draftingUnit ?? '',
        });
  return hidden !== null;
}

/** A specialist's narrowing of the dossier lists (undefined: every dossier). */
function ownOf(who?: ArchiveActor): OwnDossiers | undefined {
  const only = who?.viewer?.onlyUnitId ?? null;
  if (only === null) return undefined;
  return { unitId: only === 0 ? null : only, actor: who!.actor };
}

/** Whose eyes a dossier's items are read with (undefined: every item). */
/**
 * The full names of the accounts that opened these dossiers without naming a creator before
 * «Người lập hồ sơ» took the person's full name: those rows recorded the opener's username
 * (creator equal to openedBy). Looked up, not rewritten: a declared record's metadata changes
 * only by the archivist's correction.
 */
async function creatorNames(r: Repositories, rows: readonly DossierRow[]): Promise<Map<string, string>> {
  const logins = rows.filter((d) => d.creator !== null && d.creator === d.openedBy).map((d) => d.creator!);
  return logins.length ? r.accounts.fullNames(logins) : new Map();
}

/** «Người lập hồ sơ» as shown and printed: a recorded username as the account's full name. */
function creatorOf(d: DossierRow, names: Map<string, string>): string | null {
  return d.creator !== null && d.creator === d.openedBy ? (names.get(d.creator) ?? d.creator) : d.creator;
}

function seenByOf(who?: ArchiveActor): ItemsSeenBy | undefined {
  const v = who?.viewer;
  if (!v || v.onlyUnitId === null) return undefined;
  return { unitId: v.onlyUnitId, unitCode: v.onlyUnitCode, username: v.username };
}

/**
 * The dossier's search words with a new title etc., when the person cannot read every item
 * (the office database shows a specialist only theirs): the words of the documents are kept
 * as they were, only the dossier's own part before them is replaced.
 */
function reheaded(text: string, before: Parameters<typeof searchTextOf>[0], after: Parameters<typeof searchTextOf>[0]): string {
  const old = searchTextOf(before);
  const rest = text.startsWith(old) ? text.slice(old.length) : ` ${text}`;
  return `${searchTextOf(after)}${rest}`.replace(/\s+/g, ' ').trim();
}

/**
 * An action on a whole list of dossiers (a plan copied, a hand-over accepted, a destruction
 * carried out, a hand-over's record) is refused to someone without the grant when the list
 * holds a confidential dossier — done on the part they see, it would leave a false record.
 * `seen` is the list as read; on the office database a person's own connection does not even
 * read the confidential ones (migration 0176), which the count of all of them shows.
 */
export async function wholeList(
  r: Repositories,
  who: ArchiveActor | undefined,
  of: 'plan' | 'handover' | 'destruction',
  id: number,
  seen: readonly { id: number }[],
): Promise<void> {
  if (!withoutGrant(who)) return;
  const secret = await r.archive.secretDossiers(seen.map((d) => d.id));
  if (secret.size === 0 && (await r.archive.dossierCount(of, id)) === seen.length) return;
  throw new AppFailure({
    ...makeError('forbidden', { details: { reason: 'confidential' } }),
    message: 'Danh sách có hồ sơ mật: cần quyền xem văn bản mật để làm việc này với cả danh sách.',
  });
}

export class ArchiveService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return toVnIso(this.clock());
  }

  private today(): string {
    return vnDate(this.clock());
  }

  // Settings ------------------------------------------------------------------------------

  async settings(
    repos?: Repositories,
  ): Promise<{ organId: string; numbering: FilePlanNumbering; dueRule: HandoverDueRule; reminderDays: number }> {
    const read = async (r: Repositories) => {
      // One statement: every archive read asks for these.
      const m = await r.archive.metaValues([
        'archive_organ_id',
        'org_code',
        'archive_numbering',
        'archive_due_rule',
        'archive_reminder_days',
      ]);
      const [organId, orgCode, numbering, dueRule, reminder] = [
        m.archive_organ_id,
        m.org_code,
        m.archive_numbering,
        m.archive_due_rule,
        m.archive_reminder_days,
      ];
      return {
        organId: organId ?? orgCode ?? 'VT',
        numbering: (FILE_PLAN_NUMBERING as readonly string[]).includes(numbering ?? '') ? (numbering as FilePlanNumbering) : 'continuous',
        dueRule: (HANDOVER_DUE_RULES as readonly string[]).includes(dueRule ?? '') ? (dueRule as HandoverDueRule) : 'year_end',
        reminderDays: reminder && /^\d+$/.test(reminder) ? Number(reminder) : 30,
      };
    };
    return repos ? read(repos) : this.store.read(read);
  }

  /** Archive settings (UNCONFIRMED rules are settings, archive.md §7): organ id, numbering, due rule, reminder. */
  async setSettings(raw: unknown, who: ArchiveActor) {
    const inp = Input.of(raw);
    const organId = inp.text('organId', L.organId);
    if (organId !== null && !/^[\p{L}\p{N}.-]+$/u.test(organId)) inp.fail('invalid_input', 'organId');
    const numbering = inp.oneOf('numbering', FILE_PLAN_NUMBERING);
    const dueRule = inp.oneOf('dueRule', HANDOVER_DUE_RULES);
    const reminderDays = inp.int('reminderDays', 0, 365);
    inp.check();
    const at = this.now();
    await this.store.write(async (r) => {
      const changes: Record<string, string> = {};
      for (const [k, v] of [
        ['archive_organ_id', organId],
        ['archive_numbering', numbering],
        ['archive_due_rule', dueRule],
        ['archive_reminder_days', reminderDays === null ? null : String(reminderDays)],
      ] as const) {
        if (v === null) continue;
        await r.meta.set(k, v);
        changes[k] = v;
      }
      const audit = await AuditWriter.begin(r, at);
      await audit.append({ actor: who.actor, action: 'archive_settings', entity: 'archive', entityId: null, data: changes });
      await audit.finish();
    });
    return this.settings();
  }

  // File plan -----------------------------------------------------------------------------

  private async planOrFail(r: Repositories, year: number): Promise<PlanRow> {
    const plan = await r.archive.planOfYear(year);
    if (!plan) refuse('plan_not_found', { field: 'year', params: { year } });
    return plan;
  }

  private async draftPlan(
    r: Repositories,
    year: number,
    numbering: FilePlanNumbering | null,
    who: ArchiveActor,
    audit: AuditWriter,
  ): Promise<PlanRow> {
    const existing = await r.archive.planOfYear(year);
    if (existing) {
      if (existing.status === 'approved') refuse('plan_approved');
      return existing;
    }
    const at = this.now();
    const n = numbering ?? (await this.settings(r)).numbering;
    const id = await r.archive.insert('file_plans', {
      year,
      numbering: n,
      status: 'draft',
      createdAt: at,
      createdBy: who.actor,
      updatedAt: at,
    });
    await audit.append({ actor: who.actor, action: 'plan_create', entity: 'file_plan', entityId: id, data: { year, numbering: n } });
    return (await r.archive.byId<PlanRow>('file_plans', id))!;
  }

  private yearOf(inp: Input): number {
    return inp.int('year', 1900, 2999, true) ?? 0;
  }

  /** Creates the draft plan of a year (numbering continuous or per big heading). */
  async createPlan(raw: unknown, who: ArchiveActor): Promise<FilePlanView> {
    const inp = Input.of(raw);
    const year = this.yearOf(inp);
    const numbering = inp.oneOf('numbering', FILE_PLAN_NUMBERING);
    inp.check();
    await this.store.write(async (r) => {
      if (await r.archive.planOfYear(year)) refuse('plan_exists', { field: 'year', params: { year } });
      const audit = await AuditWriter.begin(r, this.now());
      await this.draftPlan(r, year, numbering, who, audit);
      await audit.finish();
    });
    return this.plan(year);
  }

  /**
   * Adds a heading to a year's draft plan (created if needed): a big heading (Roman numeral)
   * with its abbreviation, or a small one (Arabic, restarting in each big heading) under
   * `parent`, a big heading's abbreviation.
   */
  async addHeading(raw: unknown, who: ArchiveActor): Promise<FilePlanView> {
    const inp = Input.of(raw);
    const year = this.yearOf(inp);
    const title = inp.text('title', L.headingTitle, true);
    const parent = inp.text('parent', 20);
    const abbreviation = inp.text('abbreviation', 15);
    const numbering = inp.oneOf('numbering', FILE_PLAN_NUMBERING);
    if (parent === null && abbreviation === null) inp.fail('required', 'abbreviation');
    if (abbreviation !== null && parent !== null) inp.fail('invalid_input', 'abbreviation');
    if (abbreviation !== null && !ABBREVIATION_RE.test(abbreviation)) inp.fail('invalid_code', 'abbreviation', { value: abbreviation });
    inp.check();
    await this.store.write(async (r) => {
      const audit = await AuditWriter.begin(r, this.now());
      const plan = await this.draftPlan(r, year, numbering, who, audit);
      const headings = await r.archive.headings(plan.id);
      let parentId: number | null = null;
      if (parent !== null) {
        const big = headings.find((h) => h.parentId === null && h.abbreviation === parent);
        if (!big) refuse('heading_not_found', { field: 'parent', params: { value: parent, year } });
        parentId = big.id;
      } else if (headings.some((h) => h.abbreviation === abbreviation)) {
        refuse('abbreviation_taken', { field: 'abbreviation', params: { value: abbreviation!, year } });
      }
      const position = Math.max(0, ...headings.filter((h) => h.parentId === parentId).map((h) => h.position)) + 1;
      const id = await r.archive.insert('plan_headings', {
        planId: plan.id,
        parentId,
        position,
        title,
        abbreviation,
        createdAt: this.now(),
      });
      await audit.append({
        actor: who.actor,
        action: 'plan_heading_add',
        entity: 'file_plan',
        entityId: plan.id,
        data: { headingId: id, title, abbreviation, parent },
      });
      await r.archive.update('file_plans', plan.id, { updatedAt: this.now() });
      await audit.finish();
    });
    return this.plan(year);
  }

  /** Resolves `TCCB` (a big heading) or `TCCB.2` (its second small heading). */
  private resolveHeading(headings: HeadingRow[], ref: string, year: number): { big: HeadingRow; small: HeadingRow | null } {
    const [abbr, pos] = ref.split('.');
    const big = headings.find((h) => h.parentId === null && h.abbreviation === abbr);
    const small = pos !== undefined && big ? headings.find((h) => h.parentId === big.id && String(h.position) === pos) : null;
    if (!big || (pos !== undefined && !small)) refuse('heading_not_found', { field: 'heading', params: { value: ref, year } });
    return { big, small: small ?? null };
  }

  /**
   * Adds a dossier to a year's draft plan under a heading; its code is the next ordinal
   * (over the plan, or within the big heading, as the plan numbers) and the big heading's
   * abbreviation, e.g. `01.TCCB`.
   */
  async addPlanDossier(raw: unknown, who: ArchiveActor): Promise<FilePlanView> {
    const inp = Input.of(raw);
    const year = this.yearOf(inp);
    const heading = inp.text('heading', 20, true);
    const title = inp.text('title', L.title, true);
    const retention = inp.retention('retention', true);
    const creator = inp.text('creator', L.creator);
    const note = inp.text('note', L.note);
    const rights = inp.oneOf('rights', DOSSIER_RIGHTS, '01');
    inp.check();
    await this.store.write(async (r) => {
      const plan = await this.planOrFail(r, year);
      if (plan.status === 'approved') refuse('plan_approved');
      const { big, small } = this.resolveHeading(await r.archive.headings(plan.id), heading, year);
      let ordinal = (await r.archive.maxOrdinal(plan.id, plan.numbering === 'per_heading' ? big.id : null)) + 1;
      // A dossier opened outside the plan may already hold the next code: the plan takes the one after.
      while (await r.archive.codeTaken(year, dossierCode(ordinal, big.abbreviation))) ordinal++;
      const code = dossierCode(ordinal, big.abbreviation);
      const at = this.now();
      const position = (await r.archive.dossierCount('plan', plan.id)) + 1;
      const id = await r.archive.insert('dossiers', {
        year,
        code,
        ordinal,
        planId: plan.id,
        headingId: (small ?? big).id,
        bigHeadingId: big.id,
        position,
        title,
        retentionYears: retention,
        creator,
        note,
        rights,
        state: 'planned',
        searchText: searchTextOf({ code, title, creator, description: null }),
        createdAt: at,
        createdBy: who.actor,
        updatedAt: at,
      });
      const audit = await AuditWriter.begin(r, at);
      await audit.append({
        actor: who.actor,
        action: 'plan_dossier_add',
        entity: 'dossier',
        entityId: id,
        data: { year, code, title, retention: retentionLabel(retention), heading },
      });
      await audit.finish();
    });
    return this.plan(year);
  }

  /** Records the head's approval (decision number and date); the plan is then fixed. */
  async approvePlan(raw: unknown, who: ArchiveActor): Promise<FilePlanView> {
    const inp = Input.of(raw);
    const year = this.yearOf(inp);
    const decisionNumber = inp.text('decisionNumber', L.ref, true);
    const decisionDate = inp.date('decisionDate', true);
    inp.check();
    await this.store.write(async (r) => {
      const plan = await this.planOrFail(r, year);
      if (plan.status === 'approved') refuse('plan_approved');
      if (!(await r.archive.dossierCount('plan', plan.id))) refuse('plan_empty');
      const at = this.now();
      await r.archive.update('file_plans', plan.id, {
        status: 'approved',
        decisionNumber,
        decisionDate,
        approvedBy: who.actor,
        approvedAt: at,
        updatedAt: at,
      });
      const audit = await AuditWriter.begin(r, at);
      await audit.append({
        actor: who.actor,
        action: 'plan_approve',
        entity: 'file_plan',
        entityId: plan.id,
        data: { year, decisionNumber, decisionDate },
      });
      await audit.finish();
    });
    return this.plan(year);
  }

  /** Starts a year's draft plan from another year's: the same headings and dossiers (codes, titles, retention, creators). */
  async copyPlan(raw: unknown, who: ArchiveActor): Promise<FilePlanView> {
    const inp = Input.of(raw);
    const from = inp.int('from', 1900, 2999, true) ?? 0;
    const year = this.yearOf(inp);
    inp.check();
    await this.store.write(async (r) => {
      const source = await this.planOrFail(r, from);
      if (await r.archive.planOfYear(year)) refuse('plan_exists', { field: 'year', params: { year } });
      const at = this.now();
      const planId = await r.archive.insert('file_plans', {
        year,
        numbering: source.numbering,
        status: 'draft',
        copiedFrom: source.id,
        createdAt: at,
        createdBy: who.actor,
        updatedAt: at,
      });
      const map = new Map<number, number>();
      const headings = await r.archive.headings(source.id);
      for (const h of [...headings.filter((x) => x.parentId === null), ...headings.filter((x) => x.parentId !== null)]) {
        const id = await r.archive.insert('plan_headings', {
          planId,
          parentId: h.parentId === null ? null : map.get(h.parentId)!,
          position: h.position,
          title: h.title,
          abbreviation: h.abbreviation,
          createdAt: at,
        });
        map.set(h.id, id);
      }
      const dossiers = await r.archive.planDossiers(source.id);
      // A copy with holes would be a false plan: without the grant, one holding a confidential dossier is not copied.
      await wholeList(r, who, 'plan', source.id, dossiers);
      for (const d of dossiers) {
        if (await r.archive.codeTaken(year, d.code)) refuse('code_taken', { field: 'code', params: { value: d.code, year } });
        await r.archive.insert('dossiers', {
          year,
          code: d.code,
          ordinal: d.ordinal,
          planId,
          headingId: d.headingId === null ? null : (map.get(d.headingId) ?? null),
          bigHeadingId: d.bigHeadingId === null ? null : (map.get(d.bigHeadingId) ?? null),
          position: d.position,
          title: d.title,
          retentionYears: d.retentionYears,
          creator: d.creator,
          note: d.note,
          rights: d.rights,
          basicConstruction: d.basicConstruction,
          state: 'planned',
          searchText: searchTextOf(d),
          createdAt: at,
          createdBy: who.actor,
          updatedAt: at,
        });
      }
      const audit = await AuditWriter.begin(r, at);
      await audit.append({ actor: who.actor, action: 'plan_copy', entity: 'file_plan', entityId: planId, data: { from, year } });
      await audit.finish();
    });
    return this.plan(year);
  }

  async plan(year: number, who?: ArchiveActor): Promise<FilePlanView> {
    if (!Number.isInteger(year) || year < 1900 || year > 2999)
      refuse('invalid_number', { field: 'year', params: { min: 1900, max: 2999 } });
    return this.store.read(async (r) => {
      const plan = await this.planOrFail(r, year);
      const headings = await r.archive.headings(plan.id);
      const bigs = headings.filter((h) => h.parentId === null).sort((a, b) => a.position - b.position);
      const order = new Map<number, number>();
      let k = 0;
      for (const b of bigs) {
        order.set(b.id, k++);
        for (const s of headings.filter((h) => h.parentId === b.id).sort((a, c) => a.position - c.position)) order.set(s.id, k++);
      }
      const all = await r.archive.planDossiers(plan.id);
      const secret = withoutGrant(who) ? await r.archive.secretDossiers(all.map((d) => d.id)) : new Set<number>();
      // A specialist sees the plan's dossiers still to be opened, and of the opened ones their
      // own (as the office database shows them: migration 0189).
      const dossiers = all
        .filter((d) => !secret.has(d.id) && (!who || seesDossier(d, who)))
        .sort((a, b) => (order.get(a.headingId ?? 0) ?? 1e9) - (order.get(b.headingId ?? 0) ?? 1e9) || a.position - b.position);
      // Counted as the owner (the office database's person reads only what they see): the
      // closing line must not pass a part of the plan off as the whole.
      const narrowed = withoutGrant(who) || (who?.viewer?.onlyUnitId ?? null) !== null;
      const unseen = narrowed ? (await r.archive.dossierCount('plan', plan.id)) - dossiers.length : 0;
      const names = await creatorNames(r, dossiers);
      return {
        id: plan.id,
        year: plan.year,
        numbering: plan.numbering,
        status: plan.status,
        decisionNumber: plan.decisionNumber,
        decisionDate: plan.decisionDate,
        approvedBy: plan.approvedBy,
        approvedAt: plan.approvedAt,
        copiedFrom: plan.copiedFrom,
        headings: [...order.keys()].map((id) => {
          const h = headings.find((x) => x.id === id)!;
          return {
            id: h.id,
            parentId: h.parentId,
            number: h.parentId === null ? roman(h.position) : String(h.position),
            title: h.title,
            abbreviation: h.abbreviation,
            position: h.position,
          };
        }),
        dossiers: dossiers.map((d) => ({
          id: d.id,
          headingId: d.headingId,
          code: d.code,
          title: d.title,
          retention: d.retentionYears,
          creator: creatorOf(d, names),
          note: d.note,
          state: d.state,
        })),
        totals: {
          dossiers: dossiers.length,
          permanent: dossiers.filter((d) => d.retentionYears === null).length,
          limited: dossiers.filter((d) => d.retentionYears !== null).length,
          unseen,
        },
      };
    });
  }

  // Dossiers ------------------------------------------------------------------------------

  private async dossierOrFail(r: Repositories, id: number, who?: ArchiveActor): Promise<DossierRow> {
    const d = await r.archive.byId<DossierRow>('dossiers', id);
    // A confidential dossier is not there for someone without the grant.
    if (!d || (withoutGrant(who) && (await r.archive.isSecret(d.id)))) refuse('dossier_not_found', { field: 'id' });
    return d;
  }

  /**
   * The dossier a person files into, takes out of or closes: another unit's answers
   * dossier_other_unit (before its state), a confidential one without the grant
   * dossier_not_found. On the office database a specialist's own connection does not read
   * another unit's dossier at all (migration 0189): the database then says why it hides it.
   */
  private async dossierToChange(
    r: Repositories,
    id: number,
    who: ArchiveActor,
    read?: { dossier: DossierRow | null; secret: boolean },
  ): Promise<DossierRow> {
    const d = read ? read.dossier : await r.archive.byId<DossierRow>('dossiers', id);
    if (!d) {
      if ((await r.archive.dossierHiddenReason(id)) === 'unit') refuse('dossier_other_unit', { field: 'id' });
      refuse('dossier_not_found', { field: 'id' });
    }
    if (withoutGrant(who) && (read ? read.secret : await r.archive.isSecret(d.id))) refuse('dossier_not_found', { field: 'id' });
    if (!ownDossier(d, who)) refuse('dossier_other_unit', { field: 'id' });
    return d;
  }

  /**
   * Opens a dossier: one of the plan (`id` of a planned dossier, or `year` + `code`), or one
   * not in the plan, whose creator then sets title, code, retention and start (Art. 29.2).
   */
  async open(raw: unknown, who: ArchiveActor): Promise<DossierView> {
    const inp = Input.of(raw);
    const planned = inp.int('id', 1, Number.MAX_SAFE_INTEGER);
    const startDate = inp.date('startDate') ?? this.today();
    const creatorIn = inp.text('creator', L.creator);
    const fromPlan = planned !== null || (inp.has('code') && !inp.has('title'));
    let year = inp.int('year', 1900, 2999) ?? Number(startDate.slice(0, 4));
    const code = inp.text('code', 20, !fromPlan || planned === null);
    if (code && !DOSSIER_CODE_RE.test(code)) inp.fail('invalid_code', 'code', { value: code });
    const title = fromPlan ? null : inp.text('title', L.title, true);
    const retention = fromPlan ? undefined : inp.retention('retention', true);
    const rights = inp.oneOf('rights', DOSSIER_RIGHTS);
    const description = inp.text('description', L.description);
    const basicConstruction = inp.bool('basicConstruction');
    inp.check();
    if (rights === '03' && who.confidential === false) refuse('forbidden');
    const id = await this.store.write(async (r) => {
      const at = this.now();
      const audit = await AuditWriter.begin(r, at);
      if (fromPlan) {
        const d = planned !== null ? await this.dossierOrFail(r, planned, who) : await r.archive.dossierByCode(year, code!);
        if (!d || (withoutGrant(who) && (await r.archive.isSecret(d.id)))) refuse('dossier_not_found', { field: 'code' });
        if (d.state !== 'planned') refuse('dossier_state', { params: { value: DOSSIER_STATE_LABELS[d.state] } });
        const creator = creatorIn ?? d.creator ?? who.fullName ?? who.actor;
        await r.archive.update('dossiers', d.id, {
          state: 'open',
          startDate,
          creator,
          unitId: who.unitId ?? null,
          ...(rights ? { rights } : {}),
          ...(description ? { description } : {}),
          basicConstruction: basicConstruction ? 1 : d.basicConstruction,
          openedAt: at,
          openedBy: who.actor,
          updatedAt: at,
          searchText: searchTextOf({ ...d, creator, description: description ?? d.description }),
        });
        await audit.append({
          actor: who.actor,
          action: 'dossier_open',
          entity: 'dossier',
          entityId: d.id,
          data: { code: d.code, year: d.year, startDate },
        });
        await audit.finish();
        return d.id;
      }
      year = Number(startDate.slice(0, 4));
      if (await r.archive.codeTaken(year, code!)) refuse('code_taken', { field: 'code', params: { value: code!, year } });
      const creator = creatorIn ?? who.fullName ?? who.actor;
      const newId = await r.archive.insert('dossiers', {
        year,
        code: code!,
        title: title!,
        retentionYears: retention ?? null,
        creator,
        description,
        rights: rights ?? '01',
        basicConstruction: basicConstruction ? 1 : 0,
        unitId: who.unitId ?? null,
        state: 'open',
        startDate,
        searchText: searchTextOf({ code: code!, title: title!, creator, description }),
        openedAt: at,
        openedBy: who.actor,
        createdAt: at,
        createdBy: who.actor,
        updatedAt: at,
      });
      await audit.append({
        actor: who.actor,
        action: 'dossier_open',
        entity: 'dossier',
        entityId: newId,
        data: { code, year, title, retention: retentionLabel(retention ?? null), startDate, adHoc: true },
      });
      await audit.finish();
      return newId;
    });
    return this.get(id, who);
  }

  /** Whether the document is hidden from the actor by the documents' own rules (accounts/visibility.ts). */
  private async hiddenDoc(r: Repositories, doc: DocFacts, who: ArchiveActor): Promise<boolean> {
    return docHidden(r, doc, who.viewer);
  }

  private kindOf(inp: Input): DocKind {
    return inp.oneOf('kind', ['incoming', 'outgoing'] as const, 'incoming');
  }

  /**
   * Files a document into an open dossier, by reference (one document may be in several
   * dossiers): its ordinal follows the order of events (arrival of an incoming document,
   * issue of an outgoing one), so a late filing of an earlier event takes its place.
   */
  async addDoc(raw: unknown, who: ArchiveActor): Promise<DossierFiling> {
    const inp = Input.of(raw);
    const dossierId = inp.int('id', 1, Number.MAX_SAFE_INTEGER, true) ?? 0;
    const kind = this.kindOf(inp);
    const docId = inp.int('docId', 1, Number.MAX_SAFE_INTEGER, true) ?? 0;
    const note = inp.text('note', L.note);
    inp.check();
    // Nothing before the read needs the write lock: it may come with the read (lockWithFirst).
    return this.store.write(
      async (r) => {
        // The dossier, the document (and on the office database the audit chain's head) in one read.
        const read = await r.archive.filingRead(dossierId, kind, docId);
        const d = await this.dossierToChange(r, dossierId, who, read);
        if (d.state !== 'open') refuse('dossier_not_open');
        const doc = read.doc;
        // A document one may not see (confidential without the grant; a specialist's, not their
        // unit's) is not there, as in its register.
        if (!doc || (doc.secret && withoutGrant(who)) || (await this.hiddenDoc(r, doc, who))) refuse('not_found', { field: 'docId' });
        if (doc.filed) refuse('already_filed', { field: 'docId' });
        const at = this.now();
        // Placed among ALL the dossier's items, also those this person may not see (the store does it).
        const item = { dossierId: d.id, kind, docId, eventAt: doc.eventAt, note, addedAt: at, addedBy: who.actor };
        const after = { docTotal: d.docTotal + 1, searchText: `${d.searchText} ${fold(`${doc.symbol ?? ''} ${doc.subject}`)}`.trim() };
        if (r.archive.fileItemAudited && read.auditHead !== undefined) {
          // The office database writes item, figures, entry and head in one statement, sent
          // with the COMMIT (one round trip fewer); the entry is then checked as the
          // application would have written it (hash included), as a registration sent alone is.
          const head = read.auditHead;
          const { ordinal, entry } = await r.archive.fileItemAudited(
            item,
            after,
            { seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH, actor: who.actor },
            { commit: true },
          );
          if (entry.data !== JSON.stringify({ kind, docId, ordinal }))
            throw new Error(`audit data mismatch at seq ${entry.seq}: ${entry.data}`);
          await AuditWriter.after(r, at, entry).finish();
          return { id: d.id, kind, docId, ordinal, docTotal: d.docTotal + 1 };
        }
        const ordinal = await r.archive.fileItem(item, after);
        const audit = read.auditHead !== undefined ? AuditWriter.resume(r, at, read.auditHead) : await AuditWriter.begin(r, at);
        await audit.append({ actor: who.actor, action: 'dossier_file', entity: 'dossier', entityId: d.id, data: { kind, docId, ordinal } });
        await audit.finish();
        return { id: d.id, kind, docId, ordinal, docTotal: d.docTotal + 1 };
      },
      { lockWithFirst: true },
    );
  }

  async removeDoc(raw: unknown, who: ArchiveActor): Promise<DossierDetail> {
    const inp = Input.of(raw);
    const dossierId = inp.int('id', 1, Number.MAX_SAFE_INTEGER, true) ?? 0;
    const kind = this.kindOf(inp);
    const docId = inp.int('docId', 1, Number.MAX_SAFE_INTEGER, true) ?? 0;
    const reason = inp.text('reason', L.reason);
    inp.check();
    await this.store.write(async (r) => {
      const d = await this.dossierToChange(r, dossierId, who);
      if (d.state !== 'open') refuse('dossier_not_open');
      const items = await r.archive.items(d.id, seenByOf(who));
      const item = items.find((i) => i.kind === kind && i.docId === docId);
      if (!item) refuse('not_filed', { field: 'docId' });
      await r.archive.unfileItem(d.id, kind, docId);
      const rest = items.filter((i) => i !== item);
      const at = this.now();
      // On the office database a person reads only the items they may see: the words of the
      // others cannot be rebuilt by them, so the dossier's words are kept as they were then
      // (it may still match the removed document's words; it never loses another's).
      const whole = items.length === d.docTotal;
      await r.archive.update('dossiers', d.id, {
        docTotal: d.docTotal - 1,
        ...(whole
          ? {
              searchText: searchTextOf(
                d,
                rest.map((i) => `${i.symbol ?? ''} ${i.subject}`),
              ),
            }
          : {}),
        updatedAt: at,
      });
      const audit = await AuditWriter.begin(r, at);
      await audit.append({ actor: who.actor, action: 'dossier_unfile', entity: 'dossier', entityId: d.id, data: { kind, docId, reason } });
      await audit.finish();
    });
    return this.get(dossierId, who);
  }

  /**
   * Closes a dossier (Art. 29.4): it must hold documents; duplicates and drafts are flagged
   * and refused unless kept on purpose; the creator confirms (re-determines) title and
   * retention; membership is then frozen, the end date set, and from them the hand-over due
   * date (kept five years or more) and the expiry year.
   */
  async close(raw: unknown, who: ArchiveActor): Promise<DossierDetail> {
    const inp = Input.of(raw);
    const dossierId = inp.int('id', 1, Number.MAX_SAFE_INTEGER, true) ?? 0;
    const title = inp.text('title', L.title);
    const retention = inp.retention('retention');
    if (title === null) inp.fail('confirm_needed', 'title');
    if (retention === undefined && !inp.errors.some((e) => e.field === 'retention')) inp.fail('confirm_needed', 'retention');
    const endDateIn = inp.date('endDate');
    const pageTotal = inp.int('pageTotal', 0, 1_000_000);
    const keepFlagged = inp.bool('keepFlagged');
    inp.check();
    await this.store.write(async (r) => {
      const d = await this.dossierToChange(r, dossierId, who);
      if (d.state !== 'open') refuse('dossier_state', { params: { value: DOSSIER_STATE_LABELS[d.state] } });
      const items = await r.archive.items(d.id, seenByOf(who));
      // Counted from the dossier: a person on the office database may see only some of its items.
      if (!d.docTotal) refuse('dossier_empty');
      // Judged over the whole dossier: its drafts and duplicates among the items this person
      // cannot see count too (migration 0204), told as a number, never what they are.
      const whole = await this.wholeFlags(r, d, items);
      const seen = new Map(items.map((i) => [i.ordinal, i]));
      const flagged = whole.filter((f) => seen.has(f.ordinal));
      const unseen = whole.length - flagged.length;
      if (whole.length && !keepFlagged) {
        const err = makeError('dossier_unclean', {
          params: { count: whole.length },
          details: {
            flagged: flagged.map((f) => ({
              ordinal: f.ordinal,
              kind: seen.get(f.ordinal)!.kind,
              docId: seen.get(f.ordinal)!.docId,
              draft: f.draft,
              duplicateOf: f.duplicateOf,
            })),
            unseen,
          },
        });
        throw new AppFailure(
          unseen
            ? {
                ...err,
                message: `${err.message} Trong đó ${unseen} văn bản bạn không được xem; hãy nhờ lưu trữ hoặc đơn vị có văn bản kiểm tra.`,
              }
            : err,
        );
      }
      const endDate = endDateIn ?? this.today();
      if (d.startDate && endDate < d.startDate) refuse('invalid_date', { field: 'endDate' });
      const settings = await this.settings(r);
      const at = this.now();
      const dueDate = mustHandOver(retention!) ? handoverDueDate(endDate, settings.dueRule, d.basicConstruction === 1) : null;
      await r.archive.update('dossiers', d.id, {
        title: title!,
        retentionYears: retention!,
        endDate,
        ...(pageTotal !== null ? { pageTotal } : {}),
        dueDate,
        expiryYear: expiryYear(retention!, endDate),
        state: 'closed',
        closedAt: at,
        closedBy: who.actor,
        updatedAt: at,
        searchText:
          items.length === d.docTotal
            ? searchTextOf(
                { ...d, title: title! },
                items.map((i) => `${i.symbol ?? ''} ${i.subject}`),
              )
            : reheaded(d.searchText, d, { ...d, title: title! }),
      });
      const audit = await AuditWriter.begin(r, at);
      await audit.append({
        actor: who.actor,
        action: 'dossier_close',
        entity: 'dossier',
        entityId: d.id,
        data: {
          endDate,
          dueDate,
          ...(title !== d.title ? { title: { old: d.title, new: title } } : {}),
          ...(retention !== d.retentionYears
            ? { retention: { old: retentionLabel(d.retentionYears), new: retentionLabel(retention!) } }
            : {}),
          ...(whole.length ? { keptFlagged: whole.map((f) => f.ordinal) } : {}),
        },
      });
      await audit.finish();
    });
    return this.get(dossierId, who);
  }

  /**
   * The archivist's correction of a declared record's metadata (Appendix VI; issue 14 item
   * 4): the one change an accepted dossier allows. Each field's old → new value is written
   * to archive_corrections first — the database lets the row change only as such a
   * correction describes it — then the row, both with the audit entry, in one transaction.
   */
  async correct(raw: unknown, who: ArchiveActor): Promise<DossierDetail> {
    const inp = Input.of(raw);
    const id = inp.int('id', 1, Number.MAX_SAFE_INTEGER, true) ?? 0;
    const reason = inp.text('reason', L.reason, true);
    const patch: Record<string, string | number | null> = {};
    const title = inp.text('title', L.title);
    if (title !== null) patch.title = title;
    for (const [k, max] of [
      ['description', L.description],
      ['creator', L.creator],
      ['note', L.note],
      ['language', 50],
    ] as const) {
      if (inp.has(k)) patch[k] = inp.text(k, max);
    }
    if (inp.has('rights')) patch.rights = inp.oneOf('rights', DOSSIER_RIGHTS, '01');
    for (const k of ['startDate', 'endDate'] as const) if (inp.has(k)) patch[k] = inp.date(k, true);
    if (inp.has('pageTotal')) patch.pageTotal = inp.int('pageTotal', 0, 1_000_000);
    if (!Object.keys(patch).length) inp.fail('required', 'title');
    inp.check();
    if (patch.rights === '03' && withoutGrant(who)) refuse('forbidden');
    await this.store.write(async (r) => {
      const d = await this.dossierOrFail(r, id, who);
      if (d.state !== 'accepted') refuse('dossier_state', { params: { value: DOSSIER_STATE_LABELS[d.state] } });
      const start = (patch.startDate as string | undefined) ?? d.startDate;
      const end = (patch.endDate as string | undefined) ?? d.endDate;
      if (start && end && end < start) refuse('invalid_date', { field: 'endDate' });
      const at = this.now();
      const changes: { field: string; old: string | null; new: string | null }[] = [];
      const row: Record<string, string | number | null> = {};
      for (const [field, value] of Object.entries(patch)) {
        const old = (d as unknown as Record<string, string | number | null>)[field] ?? null;
        if (old === value) continue;
        changes.push({ field, old: old === null ? null : String(old), new: value === null ? null : String(value) });
        row[field] = value;
        await r.archive.insert('archive_corrections', {
          targetKind: 'dossier',
          targetId: id,
          field,
          oldValue: old === null ? null : String(old),
          newValue: value === null ? null : String(value),
          reason,
          byActor: who.actor,
          at,
        });
      }
      if (!changes.length) refuse('no_change');
      if ('endDate' in row) row.expiryYear = expiryYear(d.retentionYears, end);
      const title2 = (row.title as string | undefined) ?? d.title;
      const items = await r.archive.items(d.id);
      row.searchText = searchTextOf(
        {
          code: d.code,
          title: title2,
          creator: (row.creator as string | null | undefined) ?? d.creator,
          description: (row.description as string | null | undefined) ?? d.description,
        },
        items.map((i) => `${i.symbol ?? ''} ${i.subject}`),
      );
      row.updatedAt = at;
      await r.archive.update('dossiers', d.id, row);
      const audit = await AuditWriter.begin(r, at);
      await audit.append({
        actor: who.actor,
        action: 'dossier_correct',
        entity: 'dossier',
        entityId: d.id,
        data: { reason, changes: changes.map((c) => ({ field: c.field, old: c.old, new: c.new })) },
      });
      await audit.finish();
    });
    return this.get(id, who);
  }

  /**
   * The drafts and duplicates of the whole dossier. `items` are those this person reads; when
   * they are not all (a specialist), the store judges every item — the office database as the
   * owner, since the person's connection reads only theirs; one PC by reading them all.
   */
  private async wholeFlags(r: Repositories, d: DossierRow, items: ItemRow[]): Promise<ItemFlag[]> {
    const of = (rows: ItemRow[]) =>
      this.flags(rows)
        .filter((f) => f.draft || f.duplicateOf !== null)
        .map((f) => ({ ordinal: f.ordinal, draft: f.draft, duplicateOf: f.duplicateOf }));
    if (items.length === d.docTotal) return of(items);
    return r.archive.wholeItemFlags ? r.archive.wholeItemFlags(d.id) : of(await r.archive.items(d.id));
  }

  /** Drafts (outgoing not issued, incoming voided) and duplicates (same sender, symbol and date; or same register key). */
  private flags(items: ItemRow[]): DossierItemView[] {
    const seen = new Map<string, number>();
    return items.map((i) => {
      const key = i.dupKey ?? (i.symbol ? `${i.kind}|${fold(i.author ?? '')}|${fold(i.symbol)}|${i.issuedDate ?? ''}` : null);
      const duplicateOf = key !== null && seen.has(key) ? seen.get(key)! : null;
      if (key !== null && !seen.has(key)) seen.set(key, i.ordinal);
      const draft = i.kind === 'outgoing' ? !['issued', 'issued_paper', 'signed'].includes(i.docStatus) : i.docStatus === 'voided';
      return {
        ordinal: i.ordinal,
        kind: i.kind,
        docId: i.docId,
        symbol: i.symbol,
        issuedDate: i.issuedDate,
        typeName: i.typeName,
        subject: i.subject,
        author: i.author ?? '',
        pages: i.pages,
        eventAt: i.eventAt,
        note: i.note,
        confidential: i.secrecy !== 'normal',
        draft,
        duplicateOf,
        files: [],
        addedAt: i.addedAt,
        addedBy: i.addedBy,
      };
    });
  }

  /** A dossier as the lists show it; `flags` when the caller looked them up for a whole page. */
  private async view(
    r: Repositories,
    d: DossierRow,
    organId: string,
    flags?: { held: Set<number>; secret: Set<number>; names: Map<string, string> },
  ): Promise<DossierView> {
    const { held, secret } = flags ? { held: flags.held.has(d.id), secret: flags.secret.has(d.id) } : await r.archive.dossierFlags(d.id);
    const names = flags ? flags.names : await creatorNames(r, [d]);
    return {
      id: d.id,
      year: d.year,
      code: d.code,
      fileCode: `${organId}.${d.year}.${d.code}`,
      title: d.title,
      retention: d.retentionYears,
      retentionLabel: retentionLabel(d.retentionYears),
      creator: creatorOf(d, names),
      note: d.note,
      description: d.description,
      language: d.language,
      rights: d.rights,
      confidential: secret,
      state: d.state,
      planId: d.planId,
      headingId: d.headingId,
      basicConstruction: d.basicConstruction === 1,
      startDate: d.startDate,
      endDate: d.endDate,
      docTotal: d.docTotal,
      pageTotal: d.pageTotal,
      openedAt: d.openedAt,
      openedBy: d.openedBy,
      closedAt: d.closedAt,
      closedBy: d.closedBy,
      acceptedAt: d.acceptedAt,
      dueDate: d.dueDate,
      keepBackUntil: d.keepBackUntil,
      expiryYear: d.expiryYear,
      handoverId: d.handoverId,
      destructionId: d.destructionId,
      held,
      declared: d.state === 'accepted',
    };
  }

  async get(id: number, who?: ArchiveActor): Promise<DossierDetail> {
    return this.store.read(async (r) => {
      const d = await this.dossierOrFail(r, id, who);
      // A specialist reads their unit's dossiers and those they opened, and of those only the items they may see.
      if (who && !ownDossier(d, who)) refuse('dossier_not_found', { field: 'id' });
      const { organId } = await this.settings(r);
      const items = this.flags(await r.archive.items(d.id, seenByOf(who)));
      // An outgoing document's author is the office itself (App. VI «Tác giả»): the screen shows
      // it as the Mục lục and the export print it, not an empty cell.
      if (items.some((i) => !i.author)) {
        const { org_name: orgName } = await r.archive.metaValues(['org_name']);
        for (const i of items) if (!i.author && i.kind === 'outgoing') i.author = orgName ?? '';
      }
      // Counted over every item (the office database as the owner: migration 0216), so a
      // person shown part of the dossier is told how much is missing — a number, nothing else.
      const narrowed = withoutGrant(who) || (who?.viewer?.onlyUnitId ?? null) !== null;
      const unseenItems = narrowed ? Math.max(0, ((await r.archive.itemCount(d.id)) ?? items.length) - items.length) : 0;
      const files = await r.archive.dossierFiles(d.id);
      for (const i of items)
        i.files = files
          .filter((f) => f.kind === i.kind && f.docId === i.docId)
          .map(({ name, sha256, size, mime }) => ({ name, sha256, size, mime }));
      let heading: DossierDetail['heading'] = { big: null, small: null };
      if (d.planId !== null) {
        const hs = await r.archive.headings(d.planId);
        const big = hs.find((h) => h.id === d.bigHeadingId);
        const small = hs.find((h) => h.id === d.headingId && h.parentId !== null);
        heading = { big: big ? `${roman(big.position)}. ${big.title}` : null, small: small ? `${small.position}. ${small.title}` : null };
      }
      const corrections = (await r.archive.listRows('archive_corrections', { targetKind: 'dossier', targetId: d.id }, 500)).map(
        (c): CorrectionView => ({
          id: Number(c.id),
          target: 'dossier',
          targetId: d.id,
          field: String(c.field),
          oldValue: c.oldValue as string | null,
          newValue: c.newValue as string | null,
          reason: String(c.reason),
          by: String(c.byActor),
          at: String(c.at),
        }),
      );
      return { ...(await this.view(r, d, organId)), items, unseenItems, heading, holds: [], corrections: corrections.reverse() };
    });
  }

  /** Dossiers, newest first: of a year, a state, a code, or whose words (code, title, documents) match. */
  async list(raw: unknown, who?: ArchiveActor): Promise<DossierList> {
    const inp = Input.of(raw);
    const year = inp.int('year', 1900, 2999);
    const state = inp.oneOf('state', ['planned', 'open', 'closed', 'submitted', 'accepted', 'destroyed'] as const);
    const code = inp.text('code', 20);
    const query = inp.text('query', L.query);
    const limit = inp.int('limit', 1, 1000) ?? 200;
    // Keyset: the previous page's last id (the list runs newest first).
    const cursor = inp.text('after', 200);
    if (cursor !== null && !/^\d{1,15}$/.test(cursor)) inp.fail('invalid_input', 'after');
    inp.check();
    const words = query ? fold(query).split(/\s+/).filter(Boolean) : [];
    const filter = {
      ...(year !== null ? { year } : {}),
      ...(state !== null ? { state } : {}),
      ...(code !== null ? { code } : {}),
      ...(words.length ? { words } : {}),
      publicOnly: withoutGrant(who),
      ...(ownOf(who) ? { own: ownOf(who) } : {}),
    };
    return this.store.read(async (r) => {
      const { organId } = await this.settings(r);
      // One row more than asked tells whether another page follows.
      const rows = await r.archive.listDossiers({ ...filter, limit: limit + 1, ...(cursor !== null ? { before: Number(cursor) } : {}) });
      const more = rows.length > limit;
      if (more) rows.pop();
      const total = cursor === null && !more ? rows.length : await r.archive.countDossiers(filter);
      const ids = rows.map((d) => d.id);
      const flags = {
        held: await r.archive.heldDossiers(ids),
        secret: await r.archive.secretDossiers(ids),
        names: await creatorNames(r, rows),
      };
      const items: DossierView[] = [];
      for (const d of rows) items.push(await this.view(r, d, organId, flags));
      return { total, items, next: more ? String(rows[rows.length - 1]!.id) : null };
    });
  }

  /** The dossiers a document is filed in (a document's detail shows them). */
  async dossiersOf(kind: DocKind, docId: number, who?: ArchiveActor): Promise<DossierView[]> {
    return this.store.read(async (r) => {
      const { organId } = await this.settings(r);
      const rows = await r.archive.dossiersOfDoc(kind, docId);
      const ids = rows.map((d) => d.id);
      const flags = {
        held: await r.archive.heldDossiers(ids),
        secret: await r.archive.secretDossiers(ids),
        names: await creatorNames(r, rows),
      };
      const out: DossierView[] = [];
      for (const d of rows) {
        if (withoutGrant(who) && flags.secret.has(d.id)) continue;
        if (who && !ownDossier(d, who)) continue;
        out.push(await this.view(r, d, organId, flags));
      }
      return out;
    });
  }
}

export type { Retention };
