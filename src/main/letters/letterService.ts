/**
 * Citizens' letters ("sổ tiếp nhận, xử lý đơn"): receive, classify, one outcome (thụ lý,
 * chuyển đơn, hướng dẫn, lưu đơn, trả lại), the answer; duplicates on the same matter; legal
 * time limits in working days with the office's holiday calendar. Rules and sources:
 * /work/shared/domain/petitions.md (its UNCONFIRMED limits are settings, LetterSettings).
 *
 * Personal data: every read takes the reader's LetterAccess and the repository selects
 * senders only when it allows; audit entries and error messages never carry a name, an
 * address, a phone or an identity number (only counts and which fields changed), and every
 * opening of a denunciation's author is audited.
 */
import { createHash } from 'node:crypto';
import {
  checkIdentityNumber,
  checkPhone,
  DEFAULT_LETTER_SETTINGS,
  LETTER_CHANNELS,
  LETTER_KINDS,
  LETTER_KIND_LABELS,
  LETTER_STATUSES,
  type DuplicateCandidate,
  type LetterChannel,
  type LetterKind,
  type LetterListItem,
  type LetterOutcome,
  type LetterRecord,
  type LetterSender,
  type LetterSettings,
  type LetterStatus,
} from '../../shared/domain/letters.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { addDays, parseInstant, toVnIso, vnDate } from '../../shared/text/dates.js';
import { fold, hasControlChars, nfc, tidySpaces } from '../../shared/text/vietnamese.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import { NO_ACCESS, type LetterAccess, type LetterPatch } from '../store/letterPorts.js';
import type { Repositories, Store } from '../store/ports.js';
import type { Unit } from '../../shared/domain/workflow.js';
import { calendarFor, checkDateArg } from '../workflow/calendarService.js';
import { unitIdOf } from '../workflow/directoryService.js';

/**
 * Whether `at` is clearly before `earlier`: PCs of an office disagree on the time by a few
 * seconds or minutes, so a step recorded "now" a moment after another PC's step is not
 * refused as if it came first.
 */
export function clearlyBefore(at: string, earlier: string): boolean {
  return parseInstant(at)! < parseInstant(earlier)! - 5 * 60_000;
}

/** Who acts, and what of people's data they may see (from their account's roles and grants). */
export interface LetterActor {
  actor: string;
  access: LetterAccess;
}

export const SETTINGS_KEY = 'letter_settings';

function fail(code: string, field: string | undefined, message: string): never {
  throw new AppFailure(field ? { code, field, message } : { code, message });
}

/** Optional text: NFC, tidy, bounded; control characters refused. */
export function optText(field: string, v: unknown, max: number): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || hasControlChars(v)) throw new AppFailure(makeError('control_chars', { field }));
  const s = tidySpaces(nfc(v));
  if (s.length > max) throw new AppFailure(makeError('too_long', { field, params: { max } }));
  return s || null;
}

export function reqText(field: string, v: unknown, max: number, label: string): string {
  const s = optText(field, v, max);
  if (!s) fail('required', field, `${label}: chưa nhập.`);
  return s;
}

export function enumArg<T extends string>(field: string, v: unknown, values: readonly T[], label: string): T {
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  return fail('invalid_enum', field, `${label}: giá trị «${String(v ?? '').slice(0, 40)}» không thuộc danh mục (${values.join(', ')}).`);
}

/** Fold for matching: lower case, no marks, Đ→d, punctuation as spaces. */
function matchFold(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const STOP = new Set([
  've',
  'viec',
  'cua',
  'va',
  'cac',
  'nhung',
  'tai',
  'theo',
  'cho',
  'de',
  'nghi',
  'don',
  'the',
  'la',
  'co',
  'khong',
  'da',
]);

/** Word-set similarity of two subjects (Jaccard over folded words that carry meaning). */
export function similarity(a: string, b: string): number {
  const wa = new Set(a.split(' ').filter((w) => w.length > 1 && !STOP.has(w)));
  const wb = new Set(b.split(' ').filter((w) => w.length > 1 && !STOP.has(w)));
  if (!wa.size || !wb.size) return 0;
  let inter = 0;
  for (const w of wa) if (wb.has(w)) inter++;
  return Math.round((inter / (wa.size + wb.size - inter)) * 100) / 100;
}

/**
 * Duplicate-detection keys of a sender: digests (never the data) of the folded name with
 * the folded address, and of the identity number; the same person writing again matches
 * by either.
 */
export function senderKeys(senders: LetterSender[]): string[] {
  const keys = new Set<string>();
  const h = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  for (const s of senders) {
    if (s.idNumber) keys.add(h(`id:${s.idNumber}`));
    if (s.address) keys.add(h(`na:${matchFold(s.fullName)}|${matchFold(s.address)}`));
  }
  return [...keys];
}

export interface LetterInput {
  receivedDate?: unknown;
  channel?: unknown;
  forwardedBy?: unknown;
  kind?: unknown;
  subject?: unknown;
  summary?: unknown;
  concernedBody?: unknown;
  concernedOrganId?: unknown;
  anonymous?: unknown;
  senders?: unknown;
  /** Earlier letters on the same matter, as the clerk confirms them. */
  earlier?: unknown;
}

const LETTER_FIELDS = new Set([
  'receivedDate',
  'channel',
  'forwardedBy',
  'kind',
  'subject',
  'summary',
  'concernedBody',
  'concernedOrganId',
  'anonymous',
  'senders',
  'earlier',
]);

function checkSenders(v: unknown, year: number): LetterSender[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail('invalid_input', 'senders', 'Người đứng đơn: phải là một danh sách.');
  if (v.length > 500) fail('too_many', 'senders', 'Người đứng đơn: tối đa 500 người.');
  return v.map((raw, i) => {
    const f = `senders[${i}]`;
    if (typeof raw !== 'object' || raw === null) fail('invalid_input', f, `Người đứng đơn thứ ${i + 1}: dữ liệu không hợp lệ.`);
    const o = raw as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (!['fullName', 'address', 'idNumber', 'phone', 'representative'].includes(k))
        fail('unknown_field', `${f}.${k}`, `Người đứng đơn thứ ${i + 1}: trường «${k.slice(0, 30)}» không được hỗ trợ.`);
    }
    const fullName = reqText(`${f}.fullName`, o.fullName, 200, `Họ tên người đứng đơn thứ ${i + 1}`);
    const address = optText(`${f}.address`, o.address, 500);
    let idNumber: string | null = null;
    const rawId = optText(`${f}.idNumber`, o.idNumber, 40);
    if (rawId) {
      const c = checkIdentityNumber(rawId, year);
      // The message never repeats the number: it is personal data.
      if (!c.ok)
        fail(
          'invalid_identity_number',
          `${f}.idNumber`,
          `Số định danh của người đứng đơn thứ ${i + 1} không đúng dạng (CCCD 12 chữ số, CMND 9 chữ số hoặc hộ chiếu 1 chữ cái và 7 chữ số).`,
        );
      idNumber = c.value;
    }
    let phone: string | null = null;
    const rawPhone = optText(`${f}.phone`, o.phone, 30);
    if (rawPhone) {
      const c = checkPhone(rawPhone);
      if (!c.ok)
        fail('invalid_phone', `${f}.phone`, `Số điện thoại của người đứng đơn thứ ${i + 1} không đúng dạng (0 hoặc +84 và 9–11 chữ số).`);
      phone = c.value;
    }
    if (o.representative !== undefined && typeof o.representative !== 'boolean')
      fail('invalid_input', `${f}.representative`, 'Người đại diện: phải là đúng/sai.');
    return { fullName, address, idNumber, phone, representative: o.representative === true };
  });
}

function checkIds(field: string, v: unknown): number[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 100 || !v.every((x) => Number.isSafeInteger(x) && (x as number) > 0))
    fail('invalid_input', field, 'Đơn trùng: phải là danh sách mã đơn (số nguyên dương).');
  return [...new Set(v as number[])];
}

/** What a change of these fields means for a letter's history: field names, never values of people. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export class LetterService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return vnDate(this.clock());
  }

  /** When something happened: `at` if given (entering past work), else now; never in the future. */
  private when(at: unknown): string {
    if (at === undefined || at === null || at === '') return toVnIso(this.clock());
    const t = typeof at === 'string' ? parseInstant(at) : null;
    if (t === null) throw new AppFailure(makeError('invalid_datetime', { field: 'at' }));
    if (t > this.clock() + 60_000) throw new AppFailure(makeError('future_date', { field: 'at' }));
    return toVnIso(t);
  }

  async settings(repos?: Repositories): Promise<LetterSettings> {
    const read = async (r: Repositories) => {
      const raw = await r.meta.get(SETTINGS_KEY);
      if (!raw) return DEFAULT_LETTER_SETTINGS;
      try {
        return { ...DEFAULT_LETTER_SETTINGS, ...(JSON.parse(raw) as Partial<LetterSettings>) };
      } catch {
        return DEFAULT_LETTER_SETTINGS;
      }
    };
    return repos ? read(repos) : this.store.read(read);
  }

  /** The office changes a time limit that the notes mark UNCONFIRMED (petitions.md §3). */
  async updateSettings(patch: unknown, who: { actor: string }): Promise<LetterSettings> {
    if (typeof patch !== 'object' || patch === null) fail('invalid_input', 'settings', 'Cài đặt: dữ liệu không hợp lệ.');
    const p = patch as Record<string, unknown>;
    const days = (field: string, v: unknown) => {
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 365)
        throw new AppFailure(makeError('invalid_number', { field, params: { min: 1, max: 365 } }));
      return v as number;
    };
    return this.store.write(async (repos) => {
      const old = await this.settings(repos);
      const next: LetterSettings = structuredClone(old);
      for (const [k, v] of Object.entries(p)) {
        if (k === 'processingDays' || k === 'resolutionDays') {
          if (typeof v !== 'object' || v === null) fail('invalid_input', k, `${k}: phải là bảng theo loại đơn.`);
          for (const [kind, n] of Object.entries(v as Record<string, unknown>)) {
            next[k][enumArg(`${k}.${kind}`, kind, LETTER_KINDS, 'Loại đơn')] = days(`${k}.${kind}`, n);
          }
        } else if (k === 'hotlineAnswerDays' || k === 'dueSoonDays') next[k] = days(k, v);
        else if (k === 'draftingUnit') next.draftingUnit = reqText(k, v, 20, 'Đơn vị soạn thảo');
        else if (k === 'slipSigner') {
          const s = (v ?? {}) as Record<string, unknown>;
          next.slipSigner = {
            authority: optText('slipSigner.authority', s.authority, 120),
            position: reqText('slipSigner.position', s.position, 100, 'Chức vụ người ký'),
            name: optText('slipSigner.name', s.name, 50) ?? '',
          };
        } else fail('unknown_field', k, `Trường «${k.slice(0, 30)}» không được hỗ trợ.`);
      }
      const at = toVnIso(this.clock());
      await repos.meta.set(SETTINGS_KEY, JSON.stringify(next));
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor: who.actor, action: 'letter_settings', entity: 'settings', entityId: null, data: { old, new: next } });
      await audit.finish();
      return next;
    });
  }

  // -------------------------------------------------------------------------------------
  // The register

  private async checked(repos: Repositories, input: LetterInput, partial: boolean, base?: LetterRecord) {
    for (const k of Object.keys(input))
      if (!LETTER_FIELDS.has(k)) fail('unknown_field', k, `Trường «${k.slice(0, 30)}» không được hỗ trợ.`);
    const has = (k: keyof LetterInput) => !partial || input[k] !== undefined;
    const receivedDate = has('receivedDate')
      ? input.receivedDate === undefined || input.receivedDate === null || input.receivedDate === ''
        ? this.today()
        : checkDateArg('receivedDate', input.receivedDate)
      : base!.receivedDate;
    if (receivedDate > this.today()) fail('future_date', 'receivedDate', 'Ngày nhận đơn không được sau hôm nay.');
    const year = Number(receivedDate.slice(0, 4));
    const channel = has('channel') ? enumArg('channel', input.channel, LETTER_CHANNELS, 'Nguồn đơn') : base!.channel;
    const kind = has('kind') ? enumArg('kind', input.kind, LETTER_KINDS, 'Loại đơn') : base!.kind;
    const subject = has('subject') ? reqText('subject', input.subject, 1000, 'Nội dung chính (trích yếu)') : base!.subject;
    const summary = has('summary') ? optText('summary', input.summary, 10_000) : base!.summary;
    const forwardedBy = has('forwardedBy') ? optText('forwardedBy', input.forwardedBy, 300) : base!.forwardedBy;
    if (channel === 'forwarded' && !forwardedBy) fail('required', 'forwardedBy', 'Đơn chuyển đến: chưa nhập cơ quan chuyển đơn.');
    let concernedOrganId = has('concernedOrganId') ? optText('concernedOrganId', input.concernedOrganId, 40) : base!.concernedOrganId;
    let concernedBody = has('concernedBody') ? optText('concernedBody', input.concernedBody, 500) : base!.concernedBody;
    if (concernedOrganId && (has('concernedOrganId') || !partial)) {
      const organ = await repos.interchange.organ(concernedOrganId);
      if (!organ) fail('unknown_organ', 'concernedOrganId', `Không có cơ quan mã «${concernedOrganId}» trong danh bạ.`);
      concernedBody = concernedBody ?? organ.name;
    }
    if (!concernedOrganId) concernedOrganId = null;
    if (has('anonymous') && input.anonymous !== undefined && typeof input.anonymous !== 'boolean')
      fail('invalid_input', 'anonymous', 'Đơn nặc danh: phải là đúng/sai.');
    const anonymous = has('anonymous') ? input.anonymous === true : base!.anonymous;
    const senders = input.senders !== undefined || !partial ? checkSenders(input.senders, year) : null;
    const senderCount = senders ? senders.length : base!.senderCount;
    // A complaint is always signed (Luật KN Đ8); other letters may come without a name, and
    // are then recorded as anonymous (Luật TC Đ25: not handled under the denunciation procedure).
    if (anonymous && kind === 'complaint')
      fail('sender_required', 'senders', 'Đơn khiếu nại phải có họ tên, địa chỉ người khiếu nại; không nhận đơn khiếu nại nặc danh.');
    if (!anonymous && senderCount === 0)
      fail(
        'sender_required',
        'senders',
        `Đơn ${kind === 'complaint' ? 'khiếu nại' : 'này'} chưa có người đứng đơn; nhập người đứng đơn hoặc đánh dấu đơn nặc danh.`,
      );
    if (anonymous && senders && senders.length) fail('invalid_input', 'anonymous', 'Đơn nặc danh không có người đứng đơn.');
    const earlier = checkIds('earlier', input.earlier);
    return {
      receivedDate,
      year,
      channel,
      kind,
      subject,
      summary,
      forwardedBy,
      concernedOrganId,
      concernedBody,
      anonymous,
      senders,
      earlier,
    };
  }

  private async processingDue(repos: Repositories, receivedDate: string, kind: LetterKind): Promise<string> {
    const s = await this.settings(repos);
    const y = Number(receivedDate.slice(0, 4));
    const cal = await calendarFor(repos, [y, y + 1]);
    return cal.addWorkingDays(receivedDate, s.processingDays[kind]);
  }

  private async checkLinks(repos: Repositories, id: number | null, earlier: number[]) {
    if (id !== null && earlier.includes(id)) fail('invalid_link', 'earlier', 'Một đơn không thể trùng với chính nó.');
    const found = await repos.letters.exists(earlier);
    const missing = earlier.filter((e) => !found.includes(e));
    if (missing.length) fail('not_found', 'earlier', `Không có đơn mã ${missing.join(', ')}.`);
  }

  /** Registers a letter: its number in the year, its processing time limit, its senders. */
  async add(input: LetterInput, who: LetterActor): Promise<LetterRecord & { duplicates: DuplicateCandidate[] }> {
    if (typeof input !== 'object' || input === null) fail('invalid_input', 'data', 'Dữ liệu đơn không hợp lệ.');
    const at = toVnIso(this.clock());
    const id = await this.store.write((repos) => this.insertLetter(repos, input, who, at));
    const record = await this.after(id, who);
    return { ...record, duplicates: await this.duplicates(id, who) };
  }

  /** The register's entry inside the caller's transaction: checked, numbered, its senders and links, audited. */
  private async insertLetter(repos: Repositories, input: LetterInput, who: LetterActor, at: string): Promise<number> {
    const v = await this.checked(repos, input, false);
    await this.checkLinks(repos, null, v.earlier);
    const number = await repos.letters.allocateNumber('letter', v.year);
    const newId = await repos.letters.insert({
      year: v.year,
      number,
      receivedDate: v.receivedDate,
      channel: v.channel,
      forwardedBy: v.forwardedBy,
      kind: v.kind,
      subject: v.subject,
      summary: v.summary,
      concernedBody: v.concernedBody,
      concernedOrganId: v.concernedOrganId,
      anonymous: v.anonymous,
      processingDue: await this.processingDue(repos, v.receivedDate, v.kind),
      subjectFold: matchFold(v.subject),
      bodyFold: v.concernedBody ? matchFold(v.concernedBody) : null,
      createdAt: at,
      createdBy: who.actor,
    });
    const senders = v.senders ?? [];
    await repos.letters.setSenders(newId, senders, senderKeys(senders));
    if (v.earlier.length) await repos.letters.setLinks(newId, v.earlier, at, who.actor);
    const audit = await AuditWriter.begin(repos, at);
    await audit.append({
      actor: who.actor,
      action: 'create',
      entity: 'letter',
      entityId: newId,
      // Never the senders themselves: how many, and what the letter is.
      data: {
        year: v.year,
        number,
        kind: v.kind,
        channel: v.channel,
        senders: senders.length,
        anonymous: v.anonymous,
        earlier: v.earlier,
      },
    });
    await audit.finish();
    return newId;
  }

  /**
   * A hotline item that is really a complaint, a denunciation or a petition (petitions.md §8:
   * it goes into the KN/TC track as a letter): the letter is registered with channel «đường
   * dây nóng», the caller as its sender (anonymous when no name was given — refused for a
   * complaint), the procedure as its subject unless another is given, the recorded content as
   * its summary, the unit as the body concerned; the hotline item is closed with a note naming
   * the letter. One transaction: both or neither.
   */
  async fromHotline(hotlineId: number, input: { kind?: unknown; subject?: unknown }, who: LetterActor): Promise<LetterRecord> {
    if (!Number.isSafeInteger(hotlineId) || hotlineId < 1) fail('invalid_id', 'id', 'Mã phản ánh phải là số nguyên dương.');
    const kind = enumArg('kind', input.kind, LETTER_KINDS, 'Loại đơn');
    const subject = optText('subject', input.subject, 1000);
    const at = toVnIso(this.clock());
    const id = await this.store.write(async (repos) => {
      const h = await repos.letters.getHotline(hotlineId, { personal: true, identity: true, only: who.access.only }, this.today());
      if (!h) fail('not_found', 'id', `Không có phản ánh mã ${hotlineId}.`);
      if (h.status === 'closed')
        fail('hotline_closed', 'id', `Phản ánh số ${h.number}/${h.year} đã kết thúc; không chuyển thành đơn được.`);
      const name = h.caller?.name ?? null;
      if (!name && kind === 'complaint')
        fail(
          'sender_required',
          'kind',
          'Người phản ánh không để lại họ tên: không chuyển thành đơn khiếu nại được (không nhận khiếu nại nặc danh).',
        );
      const newId = await this.insertLetter(
        repos,
        {
          receivedDate: h.receivedAt.slice(0, 10),
          channel: 'hotline',
          kind,
          subject: subject ?? `Phản ánh về thủ tục: ${h.procedure}`.slice(0, 1000),
          summary: h.content,
          concernedBody: h.unitName,
          anonymous: !name,
          senders: name ? [{ fullName: name, address: h.caller?.address ?? null, phone: h.caller?.phone ?? null }] : [],
        },
        who,
        at,
      );
      const letter = await repos.letters.get(newId, { personal: false, identity: false }, this.today());
      const note = `Chuyển thành đơn ${LETTER_KIND_LABELS[kind].toLowerCase()} số ${letter!.number}/${letter!.year}.`;
      await repos.letters.updateHotline(hotlineId, { status: 'closed', closedAt: at, closedBy: who.actor, closeNote: note }, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor: who.actor,
        action: 'to_letter',
        entity: 'hotline',
        entityId: hotlineId,
        data: { letter: newId, number: letter!.number, year: letter!.year, kind },
      });
      await audit.finish();
      return newId;
    });
    return this.after(id, who);
  }

  /**
   * Earlier letters that may be on the same matter: written by the same person (a sender
   * key in common) and either about the same body or with a similar subject. Not yet
   * linked ones only; the clerk confirms with `link`.
   */
  async duplicates(id: number, who: LetterActor): Promise<DuplicateCandidate[]> {
    if (!Number.isSafeInteger(id) || id < 1) fail('invalid_id', 'id', 'Mã đơn phải là số nguyên dương.');
    return this.store.read(async (repos) => {
      const me = await repos.letters.get(id, { personal: true, identity: true, only: who.access.only }, this.today());
      if (!me) throw new AppFailure(makeError('not_found', { field: 'id', params: {} }));
      const keys = senderKeys(me.senders ?? []);
      const linked = new Set(me.earlier.map((e) => e.id));
      const subjectFold = matchFold(me.subject);
      const bodyFold = me.concernedBody ? matchFold(me.concernedBody) : null;
      const out: DuplicateCandidate[] = [];
      for (const m of await repos.letters.bySenderKeys(keys, id, 50, who.access)) {
        if (linked.has(m.id)) continue;
        const sameBody = (!!me.concernedOrganId && m.concernedOrganId === me.concernedOrganId) || (!!bodyFold && m.bodyFold === bodyFold);
        const sim = similarity(subjectFold, m.subjectFold);
        if (!sameBody && sim < 0.3) continue;
        out.push({
          id: m.id,
          year: m.year,
          number: m.number,
          receivedDate: m.receivedDate,
          kind: m.kind,
          subject: m.subject,
          status: m.status,
          sameBody,
          similarity: sim,
        });
      }
      return out.sort(
        (a, b) => Number(b.sameBody) - Number(a.sameBody) || b.similarity - a.similarity || b.receivedDate.localeCompare(a.receivedDate),
      );
    });
  }

  /** The clerk confirms which earlier letters are on the same matter ("đơn trùng"). */
  async link(id: number, earlier: unknown, who: LetterActor): Promise<LetterRecord> {
    const ids = checkIds('earlier', earlier);
    const at = toVnIso(this.clock());
    await this.store.write(async (repos) => {
      const me = await this.existing(repos, id, who);
      await this.checkLinks(repos, id, ids);
      await repos.letters.setLinks(id, ids, at, who.actor);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor: who.actor,
        action: 'link',
        entity: 'letter',
        entityId: id,
        data: { old: me.earlier.map((e) => e.id), new: ids },
      });
      await audit.finish();
    });
    return this.after(id, who);
  }

  /** A letter the actor may act on (a specialist: their unit's), read whole for the service's own checks. */
  private async existing(repos: Repositories, id: number, who: LetterActor): Promise<LetterRecord> {
    if (!Number.isSafeInteger(id) || id < 1) fail('invalid_id', 'id', 'Mã đơn phải là số nguyên dương.');
    const r = await repos.letters.get(id, { personal: true, identity: true, only: who.access.only }, this.today());
    if (!r) fail('not_found', 'id', `Không có đơn mã ${id}.`);
    return r;
  }

  /** Corrects what was typed at reception; a letter with an outcome keeps its record. */
  async update(id: number, input: LetterInput, who: LetterActor): Promise<LetterRecord> {
    if (typeof input !== 'object' || input === null) fail('invalid_input', 'data', 'Dữ liệu đơn không hợp lệ.');
    const at = toVnIso(this.clock());
    await this.store.write(async (repos) => {
      const before = await this.existing(repos, id, who);
      if (before.outcome)
        fail('letter_closed', 'id', `Đơn số ${before.number}/${before.year} đã có hướng xử lý (${before.outcome}); không sửa được.`);
      // A denunciation's author is changed only by someone who may see it.
      if (input.senders !== undefined && before.kind === 'denunciation' && !who.access.identity)
        fail('forbidden', 'senders', 'Chỉ người được cấp quyền xem danh tính người tố cáo mới sửa được người đứng đơn của đơn tố cáo.');
      if (input.senders !== undefined && before.kind !== 'denunciation' && !who.access.personal)
        fail('forbidden', 'senders', 'Tài khoản không được xem, sửa thông tin người đứng đơn.');
      const v = await this.checked(repos, input, true, before);
      if (v.year !== before.year) fail('year_change', 'receivedDate', 'Ngày nhận mới phải cùng năm với số đơn.');
      if (input.earlier !== undefined) await this.checkLinks(repos, id, v.earlier);
      const patch: LetterPatch = {
        receivedDate: v.receivedDate,
        channel: v.channel,
        forwardedBy: v.forwardedBy,
        kind: v.kind,
        subject: v.subject,
        summary: v.summary,
        concernedBody: v.concernedBody,
        concernedOrganId: v.concernedOrganId,
        anonymous: v.anonymous,
        subjectFold: matchFold(v.subject),
        bodyFold: v.concernedBody ? matchFold(v.concernedBody) : null,
      };
      if (v.receivedDate !== before.receivedDate || v.kind !== before.kind)
        patch.processingDue = await this.processingDue(repos, v.receivedDate, v.kind);
      const changed = changedFields(before as unknown as Record<string, unknown>, patch as Record<string, unknown>).filter(
        (k) => !k.endsWith('Fold'),
      );
      await repos.letters.update(id, patch, at);
      if (v.senders) {
        await repos.letters.setSenders(id, v.senders, senderKeys(v.senders));
        changed.push('senders');
      }
      if (input.earlier !== undefined) {
        await repos.letters.setLinks(id, v.earlier, at, who.actor);
        changed.push('earlier');
      }
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor: who.actor, action: 'update', entity: 'letter', entityId: id, data: { fields: changed } });
      await audit.finish();
    });
    return this.after(id, who);
  }

  /**
   * One letter as the reader may see it. Opening a denunciation with its author shown is
   * written to the audit trail (who, when, which letter), as the denouncer's protection asks.
   */
  /**
   * The record after a change the reader just made: the change's own audit entry already
   * says who worked on the letter and when, so no separate view entry is written.
   */
  async after(id: number, who: LetterActor): Promise<LetterRecord> {
    const r = await this.store.read(async (repos) => this.withDaysLeft(repos, await repos.letters.get(id, who.access, this.today())));
    if (!r) fail('not_found', 'id', `Không có đơn mã ${id}.`);
    return r;
  }

  /** The working days left to the record's limits, with the office's calendar (holidays, swapped days). */
  private async withDaysLeft(repos: Repositories, r: LetterRecord | null): Promise<LetterRecord | null> {
    if (!r) return r;
    const today = this.today();
    const dates = [today, r.processingDue, ...(r.resolutionDue ? [r.resolutionDue] : [])];
    const cal = await calendarFor(repos, [...new Set(dates.map((d) => Number(d.slice(0, 4))))]);
    return {
      ...r,
      processingDaysLeft: cal.workingDaysBetween(today, r.processingDue),
      resolutionDaysLeft: r.resolutionDue ? cal.workingDaysBetween(today, r.resolutionDue) : null,
    };
  }

  async get(id: number, who: LetterActor): Promise<LetterRecord> {
    if (!Number.isSafeInteger(id) || id < 1) fail('invalid_id', 'id', 'Mã đơn phải là số nguyên dương.');
    const today = this.today();
    const r = await this.store.read(async (repos) => this.withDaysLeft(repos, await repos.letters.get(id, who.access, today)));
    if (!r) fail('not_found', 'id', `Không có đơn mã ${id}.`);
    if (r.kind === 'denunciation' && r.senders !== null && r.senderCount > 0)
      await this.auditOnly('letter', id, who.actor, 'view_identity');
    return r;
  }

  /** An audit entry on its own (a view, an export): the reading itself changed nothing. */
  private async auditOnly(entity: string, id: number | null, actor: string, action: string, data: Record<string, unknown> = {}) {
    const at = toVnIso(this.clock());
    await this.store.write(async (repos) => {
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor, action, entity, entityId: id, data });
      await audit.finish();
    });
  }

  async list(
    p: {
      from?: unknown;
      to?: unknown;
      kind?: unknown;
      channel?: unknown;
      status?: unknown;
      overdue?: boolean;
      query?: unknown;
      limit?: number;
      after?: { receivedDate: string; id: number };
    },
    who: LetterActor,
  ): Promise<LetterListItem[]> {
    const from = p.from ? checkDateArg('from', p.from) : undefined;
    const to = p.to ? checkDateArg('to', p.to) : undefined;
    if (from && to && to < from) fail('invalid_range', 'to', 'Đến ngày không được trước từ ngày.');
    const words = typeof p.query === 'string' ? matchFold(nfc(p.query)).split(' ').filter(Boolean).slice(0, 10) : [];
    return this.store.read((repos) =>
      repos.letters.list(
        {
          from,
          to,
          kind: p.kind ? enumArg('kind', p.kind, LETTER_KINDS, 'Loại đơn') : undefined,
          channel: p.channel ? enumArg('channel', p.channel, LETTER_CHANNELS, 'Nguồn đơn') : undefined,
          status: p.status ? enumArg('status', p.status, LETTER_STATUSES, 'Trạng thái') : undefined,
          overdue: !!p.overdue,
          words,
          asOf: this.today(),
          limit: Math.min(Math.max(p.limit ?? 200, 1), 1000),
          after: p.after,
        },
        who.access,
      ),
    );
  }

  // -------------------------------------------------------------------------------------
  // Handling

  /** Classification (phân loại) while the letter has no outcome yet. */
  async classify(
    id: number,
    input: { eligible?: unknown; competence?: unknown; kind?: unknown; note?: unknown; at?: unknown },
    who: LetterActor,
  ) {
    const at = this.when(input.at);
    if (typeof input.eligible !== 'boolean') fail('required', 'eligible', 'Phân loại: chưa chọn đơn đủ hay không đủ điều kiện xử lý.');
    const competence = enumArg('competence', input.competence, ['within', 'outside'] as const, 'Thẩm quyền');
    const note = optText('note', input.note, 2000);
    await this.store.write(async (repos) => {
      const before = await this.existing(repos, id, who);
      if (before.outcome)
        fail('letter_closed', 'id', `Đơn số ${before.number}/${before.year} đã có hướng xử lý; không phân loại lại được.`);
      if (at.slice(0, 10) < before.receivedDate) fail('before_received', 'at', 'Thời điểm phân loại không được trước ngày nhận đơn.');
      const patch: LetterPatch = {
        status: 'classified',
        eligible: input.eligible as boolean,
        competence,
        classificationNote: note,
        classifiedAt: at,
        classifiedBy: who.actor,
      };
      if (input.kind !== undefined) {
        const kind = enumArg('kind', input.kind, LETTER_KINDS, 'Loại đơn');
        if (kind === 'complaint' && before.anonymous) fail('sender_required', 'kind', 'Đơn nặc danh không phân loại là khiếu nại được.');
        patch.kind = kind;
        if (kind !== before.kind) patch.processingDue = await this.processingDue(repos, before.receivedDate, kind);
      }
      await repos.letters.update(id, patch, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor: who.actor,
        action: 'classify',
        entity: 'letter',
        entityId: id,
        data: {
          old: { status: before.status, kind: before.kind },
          new: { eligible: patch.eligible, competence, kind: patch.kind ?? before.kind },
          note,
        },
      });
      await audit.finish();
    });
    return this.after(id, who);
  }

  /** Gives the one outcome; the letter must be classified and without an outcome. */
  private async outcome(
    id: number,
    who: LetterActor,
    atRaw: unknown,
    outcome: LetterOutcome,
    build: (repos: Repositories, letter: LetterRecord, at: string) => Promise<{ patch: LetterPatch; data: Record<string, unknown> }>,
  ): Promise<LetterRecord> {
    const at = this.when(atRaw);
    await this.store.write(async (repos) => {
      const before = await this.existing(repos, id, who);
      if (before.outcome) fail('letter_closed', 'id', `Đơn số ${before.number}/${before.year} đã có hướng xử lý; không xử lý lại được.`);
      if (before.status !== 'classified')
        fail('not_classified', 'id', `Đơn số ${before.number}/${before.year} chưa được phân loại; hãy phân loại trước.`);
      if (at.slice(0, 10) < before.receivedDate) fail('before_received', 'at', 'Thời điểm xử lý không được trước ngày nhận đơn.');
      const { patch, data } = await build(repos, before, at);
      await repos.letters.update(id, { ...patch, status: outcome as LetterStatus, outcome, outcomeAt: at, outcomeBy: who.actor }, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor: who.actor, action: outcome, entity: 'letter', entityId: id, data });
      await audit.finish();
    });
    return this.after(id, who);
  }

  /** Chuyển đơn to a competent body of the organ directory. */
  async transfer(id: number, input: { organId?: unknown; note?: unknown; ref?: unknown; at?: unknown }, who: LetterActor) {
    const organId = reqText('organId', input.organId, 40, 'Cơ quan có thẩm quyền');
    const note = optText('note', input.note, 2000);
    const ref = optText('ref', input.ref, 60);
    return this.outcome(id, who, input.at, 'transferred', async (repos, letter) => {
      const organ = await repos.interchange.organ(organId);
      if (!organ)
        fail('unknown_organ', 'organId', `Không có cơ quan mã «${organId}» trong danh bạ; hãy thêm vào danh bạ cơ quan trước (organ add).`);
      // A same-content denunciation is forwarded only once (TT 05/2021 Đ14.1).
      if (letter.kind === 'denunciation') {
        const prior = letter.earlier.filter((e) => e.status === 'transferred' || e.status === 'answered');
        if (prior.length) {
          const e = prior[0]!;
          fail(
            'already_transferred',
            'id',
            `Đơn tố cáo cùng nội dung (số ${e.number}/${e.year}) đã được chuyển; đơn tố cáo cùng nội dung chỉ chuyển một lần — hãy lưu đơn.`,
          );
        }
      }
      return {
        patch: { transferOrganId: organ.organId, transferOrganName: organ.name, outcomeNote: note, outcomeRef: ref },
        data: { organ: organ.organId, note, ref },
      };
    });
  }

  /** Hướng dẫn: the citizen is told where to take the matter. */
  async guide(id: number, input: { guidedTo?: unknown; note?: unknown; ref?: unknown; at?: unknown }, who: LetterActor) {
    const guidedTo = reqText('guidedTo', input.guidedTo, 500, 'Cơ quan hướng dẫn công dân đến');
    const note = optText('note', input.note, 4000);
    const ref = optText('ref', input.ref, 60);
    return this.outcome(id, who, input.at, 'guided', async () => ({
      patch: { guidedTo, outcomeNote: note, outcomeRef: ref },
      data: { guidedTo, note, ref },
    }));
  }

  /** Lưu đơn, with the reason (not eligible, anonymous, duplicate already handled…). */
  async file(id: number, input: { reason?: unknown; at?: unknown }, who: LetterActor) {
    const reason = reqText('reason', input.reason, 2000, 'Lý do lưu đơn');
    return this.outcome(id, who, input.at, 'filed', async () => ({ patch: { outcomeNote: reason }, data: { reason } }));
  }

  /** Trả lại đơn (e.g. a letter forwarded to the wrong body), with the reason. */
  async returnLetter(id: number, input: { reason?: unknown; ref?: unknown; at?: unknown }, who: LetterActor) {
    const reason = reqText('reason', input.reason, 2000, 'Lý do trả lại đơn');
    const ref = optText('ref', input.ref, 60);
    return this.outcome(id, who, input.at, 'returned', async () => ({
      patch: { outcomeNote: reason, outcomeRef: ref },
      data: { reason, ref },
    }));
  }

  /**
   * Thụ lý: within competence; the letter is assigned to a lead unit (and supporting ones)
   * with a deadline — working days from acceptance (the kind's default) or a date.
   */
  async accept(
    id: number,
    input: {
      lead?: unknown;
      support?: unknown;
      due?: unknown;
      dueWorkingDays?: unknown;
      direction?: unknown;
      note?: unknown;
      at?: unknown;
    },
    who: LetterActor,
  ) {
    const direction = optText('direction', input.direction, 2000);
    const note = optText('note', input.note, 2000);
    if (
      input.support !== undefined &&
      (!Array.isArray(input.support) || input.support.length > 20 || !input.support.every((s) => typeof s === 'string'))
    )
      fail('invalid_input', 'support', 'Đơn vị phối hợp: phải là danh sách mã đơn vị.');
    if (input.due !== undefined && input.dueWorkingDays !== undefined)
      fail('invalid_input', 'due', 'Chỉ nhập một trong hai: hạn (ngày) hoặc số ngày làm việc.');
    if (
      input.dueWorkingDays !== undefined &&
      (!Number.isInteger(input.dueWorkingDays) || (input.dueWorkingDays as number) < 1 || (input.dueWorkingDays as number) > 365)
    )
      throw new AppFailure(makeError('invalid_number', { field: 'dueWorkingDays', params: { min: 1, max: 365 } }));
    return this.outcome(id, who, input.at, 'accepted', async (repos, letter, at) => {
      if (letter.competence !== 'within')
        fail('not_competent', 'id', 'Đơn được phân loại không thuộc thẩm quyền; không thụ lý được — hãy chuyển đơn hoặc hướng dẫn.');
      if (letter.eligible === false)
        fail('not_eligible', 'id', 'Đơn không đủ điều kiện xử lý; không thụ lý được — hãy lưu đơn hoặc trả lại.');
      const day = at.slice(0, 10);
      let due: string;
      if (input.due !== undefined) due = checkDateArg('due', input.due);
      else {
        const s = await this.settings(repos);
        const y = Number(day.slice(0, 4));
        const cal = await calendarFor(repos, [y, y + 1]);
        due = cal.addWorkingDays(day, (input.dueWorkingDays as number | undefined) ?? s.resolutionDays[letter.kind]);
      }
      if (due < day) fail('due_before_acceptance', 'due', 'Hạn giải quyết không được trước ngày thụ lý.');
      const lead = await unitIdOf(repos, input.lead, 'lead');
      const supports: Unit[] = [];
      for (const code of (input.support as string[] | undefined) ?? []) {
        const u = await unitIdOf(repos, code, 'support');
        if (u.id === lead.id || supports.some((x) => x.id === u.id))
          fail('duplicate_unit', 'support', `Đơn vị «${u.code}» đã có trong phân công.`);
        supports.push(u);
      }
      await repos.letters.replaceAssignments(id, at);
      for (const [u, role] of [[lead, 'lead'] as const, ...supports.map((u) => [u, 'support'] as const)]) {
        await repos.letters.insertAssignment({
          letterId: id,
          unitId: u.id,
          role,
          dueDate: due,
          direction,
          directedBy: who.actor,
          assignedAt: at,
        });
      }
      return {
        patch: { resolutionDue: due, outcomeNote: note },
        data: { lead: lead.code, support: supports.map((u) => u.code), due, direction, note },
      };
    });
  }

  /** The result: the unit's answer to an accepted letter, or the competent body's result reported back. */
  async answer(id: number, input: { answer?: unknown; ref?: unknown; at?: unknown }, who: LetterActor): Promise<LetterRecord> {
    const answer = reqText('answer', input.answer, 10_000, 'Kết quả giải quyết');
    const ref = optText('ref', input.ref, 60);
    const at = this.when(input.at);
    await this.store.write(async (repos) => {
      const before = await this.existing(repos, id, who);
      if (before.status !== 'accepted' && before.status !== 'transferred')
        fail('not_answerable', 'id', `Đơn số ${before.number}/${before.year} không chờ kết quả (chỉ đơn đã thụ lý hoặc đã chuyển).`);
      if (clearlyBefore(at, before.outcomeAt!))
        fail('before_outcome', 'at', 'Thời điểm có kết quả không được trước khi thụ lý hoặc chuyển đơn.');
      await repos.letters.update(id, { status: 'answered', answer, answerRef: ref, answeredAt: at, answeredBy: who.actor }, at);
      await repos.letters.completeAssignments(id, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor: who.actor, action: 'answer', entity: 'letter', entityId: id, data: { ref } });
      await audit.finish();
    });
    return this.after(id, who);
  }

  /** Open letters past a limit (overdue) or due within `days`, for the follow-up lists (no personal data). */
  async followUp(p: { overdue?: boolean; days?: number; limit?: number }, who: LetterActor) {
    const today = this.today();
    const limit = Math.min(Math.max(p.limit ?? 500, 1), 5000);
    if (p.overdue) return this.store.read((r) => r.letters.followUp({ before: today, limit }, who.access));
    const days = p.days ?? (await this.settings()).dueSoonDays;
    if (!Number.isInteger(days) || days < 0 || days > 365)
      throw new AppFailure(makeError('invalid_number', { field: 'days', params: { min: 0, max: 365 } }));
    return this.store.read((r) => r.letters.followUp({ from: today, to: addDays(today, days), limit }, who.access));
  }

  /**
   * The letters of a period as CSV: without personal data unless `personal` is asked, and
   * then only what the reader may see (a denunciation's author only with the grant).
   */
  async exportCsv(
    p: { from: unknown; to: unknown; personal?: boolean },
    who: LetterActor,
  ): Promise<{ fileName: string; bytes: Uint8Array }> {
    const personal = p.personal === true && who.access.personal;
    const rows = await this.exportRows(p.from, p.to, {
      actor: who.actor,
      access: personal ? who.access : { ...NO_ACCESS, only: who.access.only },
    });
    const { lettersCsv } = await import('./letterExport.js');
    return {
      fileName: `so-don-${checkDateArg('from', p.from)}-${checkDateArg('to', p.to)}${personal ? '' : '-khong-du-lieu-ca-nhan'}.csv`,
      bytes: new TextEncoder().encode(lettersCsv(rows, personal)),
    };
  }

  /** The letters of a period with their senders as the reader may see them (exports); the export is audited. */
  async exportRows(from: unknown, to: unknown, who: LetterActor): Promise<LetterRecord[]> {
    const f = checkDateArg('from', from);
    const t = checkDateArg('to', to);
    if (t < f) fail('invalid_range', 'to', 'Đến ngày không được trước từ ngày.');
    const rows = await this.store.read((r) => r.letters.exportRows(f, t, who.access, this.today()));
    await this.auditOnly('letters', null, who.actor, 'export', {
      from: f,
      to: t,
      letters: rows.length,
      identity: who.access.identity,
      personal: who.access.personal,
    });
    return rows;
  }
}

export { matchFold };
export type { LetterChannel };
