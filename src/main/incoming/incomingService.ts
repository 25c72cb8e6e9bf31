/**
 * Registering incoming documents ("vào sổ văn bản đến"): validation, numbering,
 * duplicates, corrections, voiding, with every write in one transaction and audited.
 */
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { AttachmentVerification, IncomingFields, IncomingRecord } from '../../shared/domain/incoming.js';
import { fromVietnameseDate, isValidDate, vnYear, parseInstant, toVnIso } from '../../shared/text/dates.js';
import { fold, hasControlChars, nfc, tidySpaces } from '../../shared/text/vietnamese.js';
import {
  checkIncomingCrossFields,
  validateIncomingCreate,
  validateIncomingPatch,
  type ValidatedCreate,
} from '../../shared/validation/incoming.js';
import type { BlobStore } from '../store/ports.js';
import { safeFileName } from '../../shared/fileNames.js';
import { AuditWriter, type AuditInput } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import { incomingRegisterCode, registerRefusal, resolveIncomingRegister } from '../registers/registerService.js';
import { decodeCursor, encodeCursor } from '../store/cursor.js';
import type { AuditEntry, ListScope, NewIncomingRow, Repositories, Store } from '../store/ports.js';
import { LIST_MAX_SKIP, type ListOutline } from '../../shared/domain/list.js';
import { LIMITS } from '../../shared/domain/incoming.js';
import { lineOfImported } from './import/provenance.js';
import type { SearchText } from '../search/searchText.js';
import type { StoredPage } from '../../shared/domain/capture.js';
import {
  hiddenById,
  incomingHidden,
  incomingVisibility,
  isConfidential,
  recordOpening,
  refuseHidden,
  type Viewer,
} from '../accounts/visibility.js';
import { parseQuery } from '../search/parseQuery.js';

export interface AttachmentUpload {
  fileName: string;
  bytes: Uint8Array;
}

export interface AddOptions {
  actor: string;
  attachments?: AttachmentUpload[];
  /** Register even though the same document seems registered already (audited). */
  force?: boolean;
  /**
   * Runs inside the registration's transaction once the document is inserted (the edXML
   * receipt records its message there): if it throws, nothing is registered and no number used.
   */
  within?: (repos: Repositories, id: number, audit: AuditWriter) => Promise<void>;
  /** Also read scanned pages by OCR (a PDF's text layer is always kept); see TextReader. */
  ocr?: boolean;
  /**
   * Also take ZIP/DOCX/XLSX and DOC/XLS files, checked by attachments/officeFiles.ts (an
   * edXML message's attachments; a clerk's own registration takes PDFs and images).
   */
  officeFiles?: boolean;
}

export interface ListParams {
  register?: string;
  year?: number;
  limit?: number;
  cursor?: string | null;
  /** Arrival dates, inclusive (ISO or dd/mm/yyyy): a year or a month of the register, newest first. */
  from?: string;
  to?: string;
  /** Rows to pass over after `cursor` (≤ LIST_MAX_SKIP): reaching a row inside an outline mark. */
  skip?: number;
  includeVoided?: boolean;
}

/** Parts the key range of a list is first cut into (at a million rows, ~4,000 each) … */
const OUTLINE_PARTS = 256;
/** … and a part with more than LIST_MAX_SKIP rows is cut into again. */
const OUTLINE_SPLIT = 16;

type ListWhich = Pick<ListParams, 'register' | 'year' | 'from' | 'to' | 'includeVoided'>;

/** The cursor kind of a list: a cursor of one list is refused by another. */
function listKind(p: ListWhich): string {
  const base = `list:${p.register ?? '*'}:${p.year ?? '*'}`;
  return p.from || p.to ? `${base}:${p.from ?? ''}..${p.to ?? ''}` : base;
}

/** An arrival date as typed (ISO or dd/mm/yyyy), as search reads it. */
function listDate(field: 'from' | 'to', v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  const d = fromVietnameseDate(v);
  if (!isValidDate(d)) throw new AppFailure(makeError('invalid_date', { field }));
  return d;
}

async function listScope(repos: Repositories, p: ListWhich, viewer?: Viewer): Promise<ListScope> {
  const arrivalFrom = listDate('from', p.from);
  const arrivalTo = listDate('to', p.to);
  let registerId: number | undefined;
  if (p.register !== undefined) {
    const reg = await repos.registers.byCode(p.register);
    if (!reg) throw new AppFailure(makeError('unknown_register', { field: 'register', params: { value: p.register } }));
    registerId = reg.id;
  }
  return { registerId, year: p.year, includeVoided: p.includeVoided ?? true, arrivalFrom, arrivalTo, visible: incomingVisibility(viewer) };
}

/** Keys hi > key ≥ lo cut into up to `parts` equal runs, from the top down, with their row counts. */
async function countRuns(
  repos: Repositories,
  scope: ListScope,
  hi: number,
  lo: number,
  parts: number,
): Promise<{ hi: number; lo: number; count: number }[]> {
  const n = Math.min(parts, hi - lo);
  // (hi − lo) / n first: sort keys are ~2^51, and (hi − lo) × k would lose integer precision.
  const step = (hi - lo) / n;
  const bounds = Array.from({ length: n + 1 }, (_, k) => (k === n ? lo : hi - Math.floor(step * k)));
  const counts = await repos.incoming.countListKeys(scope, bounds);
  return counts.map((count, k) => ({ hi: bounds[k]!, lo: bounds[k + 1]!, count }));
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Duplicate key: the same sender, symbol and date are the same document (App. VI I.III.1.h). */
export function duplicateKey(f: Pick<IncomingFields, 'organName' | 'symbol' | 'issuedDate'>): string | null {
  if (!f.symbol) return null;
  return `${fold(f.organName)}|${fold(f.symbol)}|${f.issuedDate}`;
}

/** The refusal of a document already registered, naming it (App. VI I.III.1.h asks to warn). */
function duplicateFailure(existing: import('../store/ports.js').ExistingRef): AppFailure {
  return new AppFailure(
    makeError('duplicate', {
      field: 'symbol',
      params: { arrivalNumber: `${existing.arrivalNumber}/${existing.year} sổ ${existing.register}` },
      details: { existing: { id: existing.id, arrivalNumber: existing.arrivalNumber, register: existing.register, year: existing.year } },
    }),
  );
}

function throwIfErrors(errors: import('../../shared/result.js').AppError[]): void {
  if (errors.length) throw new AppFailure(errors[0]!, errors);
}

export function clampLimit(limit: number | undefined, dflt: number, max: number): number {
  if (limit === undefined) return dflt;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new AppFailure(makeError('invalid_number', { field: 'limit', params: { min: 1, max } }));
  }
  return limit;
}

/** The fields a record holds, without bookkeeping, for audit old/new values. */
function fieldsOf(r: IncomingRecord): IncomingFields {
  const {
    organName,
    symbol,
    codeNumber,
    codeNotation,
    issuedDate,
    typeName,
    subject,
    arrivalDate,
    signerName,
    signerPosition,
    pageAmount,
    urgency,
    secrecy,
    channel,
    toPlaces,
    dueDate,
    description,
  } = r;
  return {
    organName,
    symbol,
    codeNumber,
    codeNotation,
    issuedDate,
    typeName,
    subject,
    arrivalDate,
    signerName,
    signerPosition,
    pageAmount,
    urgency,
    secrecy,
    channel,
    toPlaces,
    dueDate,
    description,
  };
}

/** Checks a PDF's signatures (see outgoing/outgoingSigning.ts); injected to keep this module small. */
export type PdfVerifier = (bytes: Uint8Array) => Promise<AttachmentVerification>;

/**
 * The text of an attachment's pages for the content index (capture/captureService.ts):
 * null when nothing could be read. Never fails a registration: a file that cannot be read is
 * registered without text.
 */
export type TextReader = (
  /** Checked already (checkAttachments): `mime` is what the content is, `sha256` its hash. */
  file: { fileName: string; bytes: Uint8Array; sha256: string; mime: string },
  o: { ocr: boolean },
) => Promise<StoredPage[] | null>;

export class IncomingService {
  constructor(
    private readonly store: Store,
    private readonly files: BlobStore,
    private readonly clock: Clock,
    private readonly verifyPdf?: PdfVerifier,
    private readonly readText?: TextReader,
  ) {}

  private nowIso(): string {
    return toVnIso(this.clock());
  }

  /**
   * Checks each attachment is what it claims (attachments/sniff.ts) before anything is
   * written; the first refused file is named with its reason.
   */
  private async checkAttachments(list: AttachmentUpload[] = [], officeFiles = false) {
    const out: { fileName: string; mime: string; size: number; bytes: Uint8Array }[] = [];
    if (list.length === 0) return out;
    // Loaded by the first registration with files: a search or a registration without any needs neither.
    const [{ attachmentFailure, executableKind, inspectAttachment }, { inspectOfficeFile, officeSignature }] = await Promise.all([
      import('../attachments/sniff.js'),
      import('../attachments/officeFiles.js'),
    ]);
    for (const a of list) {
      const shown = safeFileName(a.fileName);
      if (a.bytes.length === 0) throw new AppFailure(makeError('empty_file', { field: 'attachments', params: { value: shown } }));
      const r =
        officeFiles && !executableKind(a.bytes) && officeSignature(a.bytes)
          ? await inspectOfficeFile(a.bytes)
          : await inspectAttachment(a.bytes);
      if (!r.ok) throw attachmentFailure(shown, r);
      // Stored as the clerk named it, minus controls and folders; downloads also get the
      // extension of what the content really is (handlers.ts).
      out.push({ fileName: shown, mime: r.mime, size: a.bytes.length, bytes: a.bytes });
    }
    return out;
  }

  /** Validates an input without writing (the form's live check, the import's first pass). */
  validate(input: unknown): ValidatedCreate {
    const { value, errors } = validateIncomingCreate(input, { now: this.clock() });
    throwIfErrors(errors);
    return value;
  }

  async add(input: unknown, opts: AddOptions): Promise<IncomingRecord> {
    const v = this.validate(input);
    const atts = await this.checkAttachments(opts.attachments, opts.officeFiles ?? false);
    const at = this.nowIso();
    // Files first: a committed row must always find its file; an unused file is harmless.
    const stored: ((typeof atts)[number] & { sha256: string; verification: AttachmentVerification | null })[] = [];
    for (const a of atts) stored.push({ ...a, sha256: await this.files.put(a.bytes), verification: null });
    // An electronic document's PDF is checked on receipt (Decree 30 Art. 20) and the result kept.
    if (v.channel === 'electronic' && this.verifyPdf) {
      for (const a of stored) {
        if (a.mime !== 'application/pdf') continue;
        a.verification = await this.verifyPdf(a.bytes).catch(() => ({
          verdict: 'invalid' as const,
          checkedAt: at,
          signatures: [],
          modifiedAfterLastSignature: false,
        }));
      }
    }
    // The files' text for content search, read before the transaction (OCR takes seconds).
    const texts = new Map<string, StoredPage[]>();
    if (this.readText) {
      for (const a of stored) {
        if (texts.has(a.sha256)) continue;
        const pages = await this.readText(a, { ocr: opts.ocr ?? false }).catch(() => null);
        if (pages?.length) texts.set(a.sha256, pages);
      }
    }
    // Where the store offers it (PostgreSQL), the part of a registration that holds the write
    // lock is one call, and the lock is taken there rather than at the start: other PCs wait
    // for one statement and the commit, not for a dozen round trips. A number typed by the clerk
    // and a duplicate registered on purpose take the separate steps.
    const atOnce = !v.arrivalNumber && !opts.force;
    // Nothing but that call: the store may send it on its own, committed as it ends (WriteOptions.alone).
    const alone = atOnce && stored.length === 0 && !opts.within;
    return this.store.write(
      async (repos) => {
        const once = atOnce && repos.incoming.registerAtOnce ? await this.registerAtOnce(repos, v, opts.actor, at) : null;
        const audit = once?.audit ?? (await AuditWriter.begin(repos, at));
        const id = once?.record.id ?? (await this.insertValidated(repos, v, { actor: opts.actor, force: opts.force ?? false, at, audit }));
        for (const a of stored) {
          await repos.attachments.ensureBlob({ sha256: a.sha256, size: a.size, mime: a.mime }, at);
          await repos.attachments.link(id, a.sha256, a.fileName, at, a.verification);
          const pages = texts.get(a.sha256);
          if (pages) await repos.attachments.putText(a.sha256, pages);
        }
        if (opts.within) await opts.within(repos, id, audit);
        if (texts.size) await repos.incoming.indexContent(id);
        if (stored.length) {
          await audit.append({
            actor: opts.actor,
            action: 'attach',
            entity: 'incoming',
            entityId: id,
            data: { files: stored.map((a) => ({ fileName: a.fileName, sha256: a.sha256, size: a.size, mime: a.mime })) },
          });
        }
        await audit.finish();
        // The row the store returned is the record, unless files or `within` added to it.
        return once && !stored.length && !opts.within ? once.record : (await repos.incoming.get(id))!;
      },
      { lateLock: atOnce, alone },
    );
  }

  /** A registration in one call of the store (IncomingRepository.registerAtOnce), its refusals those of insertValidated. */
  private async registerAtOnce(
    repos: Repositories,
    v: ValidatedCreate,
    actor: string,
    at: string,
  ): Promise<{ audit: AuditWriter; record: IncomingRecord }> {
    const register = incomingRegisterCode(v.register, v.secrecy);
    const arrivalMs = parseInstant(v.arrivalDate)!;
    const year = vnYear(arrivalMs);
    const { arrivalNumber: _n, register: _r, ...fields } = v;
    // The 'create' entry's data as insertValidated writes it, cut where the number goes (the
    // store puts in the one it allocates). The mark is a key: inside a JSON string a quote is escaped.
    const data = JSON.stringify({ new: { register, year, arrivalNumber: 0, ...fields } });
    const mark = data.indexOf('"arrivalNumber":0');
    const r = await repos.incoming.registerAtOnce!({
      register,
      confidential: v.secrecy !== 'normal',
      row: { ...fields, year, dupKey: duplicateKey(v), createdAt: at, createdBy: actor, arrivalMs },
      audit: {
        at,
        actor,
        dataHead: data.slice(0, mark + '"arrivalNumber":'.length),
        dataTail: data.slice(mark + '"arrivalNumber":0'.length),
      },
    });
    if ('refused' in r) throw registerRefusal(r.refused, register);
    if ('duplicate' in r) throw duplicateFailure(r.duplicate);
    // Checked with the actor this process named: the database records the connected role, and a
    // different name fails the registration, as an append does (audit_append, migration 0090).
    const e = r.audit;
    const audit = AuditWriter.after(repos, at, {
      seq: e.seq,
      at,
      actor,
      action: 'create',
      entity: 'incoming',
      entityId: r.record.id,
      data: e.data,
      prevHash: e.prevHash,
      hash: e.hash,
    });
    return { audit, record: r.record };
  }

  /**
   * Inserts one validated document inside the caller's transaction: register, number,
   * duplicate check, and its audit entry when given a writer. Shared by `add` and the bulk
   * import, which audits the whole file in one entry instead (see importIncomingFile).
   */
  async insertValidated(
    repos: Repositories,
    v: ValidatedCreate,
    ctx: {
      actor: string;
      force: boolean;
      at: string;
      audit?: AuditWriter;
      /** The document's folded search text when already computed (an import's reading thread). */
      searchText?: SearchText;
      /** The arrival instant (ms), when already parsed. */
      arrivalMs?: number;
      registers?: Map<string, import('../store/ports.js').RegisterRow | null>;
    },
  ): Promise<number> {
    const reg = await resolveIncomingRegister(repos, v.register, v.secrecy, ctx.registers);
    const arrivalMs = ctx.arrivalMs ?? parseInstant(v.arrivalDate)!;
    const year = vnYear(arrivalMs);
    // duplicateKey() from the folded text already at hand: the same folding, done once.
    const t = ctx.searchText;
    const dupKey = t ? (t.symbol === null || v.symbol === '' ? null : `${t.organ}|${t.symbol}|${v.issuedDate}`) : duplicateKey(v);
    let forcedOver = null;
    if (dupKey) {
      const existing = await repos.incoming.findDuplicate(dupKey);
      if (existing && !ctx.force) {
        throw duplicateFailure(existing);
      }
      forcedOver = existing;
    }
    let arrivalNumber: number;
    if (v.arrivalNumber) {
      if (await repos.incoming.numberTaken(reg.id, year, v.arrivalNumber)) {
        throw new AppFailure(
          makeError('number_taken', { field: 'arrivalNumber', params: { arrivalNumber: v.arrivalNumber, year, register: reg.code } }),
        );
      }
      await repos.registers.reserveNumber(reg.id, year, v.arrivalNumber);
      arrivalNumber = v.arrivalNumber;
    } else {
      arrivalNumber = await repos.registers.allocateNumber(reg.id, year);
    }
    if (!ctx.audit) {
      // An import's row is this call's alone: completed in place rather than copied field by
      // field (a million times over). Its `register` code stays, and the store ignores it.
      const row: NewIncomingRow = Object.assign(v, {
        registerId: reg.id,
        year,
        arrivalNumber,
        dupKey,
        createdAt: ctx.at,
        createdBy: ctx.actor,
        arrivalMs,
        searchText: t,
      });
      return repos.incoming.insert(row);
    }
    const { arrivalNumber: _n, register: _r, ...fields } = v;
    const id = await repos.incoming.insert({
      ...fields,
      registerId: reg.id,
      year,
      arrivalNumber,
      dupKey,
      createdAt: ctx.at,
      createdBy: ctx.actor,
      arrivalMs,
      ...(t ? { searchText: t } : {}),
    });
    const entry: AuditInput = {
      actor: ctx.actor,
      action: 'create',
      entity: 'incoming',
      entityId: id,
      data: { new: { register: reg.code, year, arrivalNumber, ...fields } },
    };
    await ctx.audit.append(entry);
    if (forcedOver) {
      await ctx.audit.append({
        actor: ctx.actor,
        action: 'force_duplicate',
        entity: 'incoming',
        entityId: id,
        data: { duplicateOf: forcedOver },
      });
    }
    return id;
  }

  /**
   * One document. With a viewer (a signed-in caller), one they may not see is refused with
   * `forbidden` (the refusal audited), and the opening of a confidential one is written to
   * the audit trail: who, when, which, and what was opened (`opened`: detail, a file, …).
   */
  async get(id: number, viewer?: Viewer, opened = 'detail'): Promise<IncomingRecord> {
    const r = await this.visible(id, viewer, `incoming.${opened === 'detail' ? 'get' : opened}`);
    if (viewer && (await this.isConfidential(r))) {
      await recordOpening(this.store, this.nowIso(), viewer, { kind: 'incoming', id }, opened, {
        register: r.register,
        year: r.year,
        arrivalNumber: r.arrivalNumber,
      });
    }
    return r;
  }

  /**
   * The document if the viewer may see it, recording nothing but a refusal: for what reads
   * a document's surroundings (its assignments, its routing slip) rather than opening it.
   */
  async visible(id: number, viewer: Viewer | undefined, method: string): Promise<IncomingRecord> {
    const { doc, hidden } = await this.store.read(async (repos) => {
      const doc = await repos.incoming.get(id);
      return { doc, hidden: doc ? await incomingHidden(repos, viewer, doc) : await hiddenById(repos, viewer, { kind: 'incoming', id }) };
    });
    if (hidden) await refuseHidden(this.store, this.nowIso(), viewer!, { kind: 'incoming', id }, method, hidden);
    if (!doc) throw new AppFailure(makeError('not_found', { field: 'id' }));
    return doc;
  }

  private async isConfidential(doc: IncomingRecord): Promise<boolean> {
    if (isConfidential(doc)) return true;
    return this.store.read(async (repos) => (await repos.registers.byCode(doc.register))?.confidential ?? false);
  }

  async update(
    id: number,
    patchInput: unknown,
    opts: {
      actor: string;
      force?: boolean;
      viewer?: Viewer;
      /** More writes in the same transaction (interchange: an update applied from the sender). */
      within?: (repos: Repositories, audit: AuditWriter) => Promise<void>;
    },
  ): Promise<IncomingRecord> {
    const { value: patch, errors } = validateIncomingPatch(patchInput, { now: this.clock() });
    throwIfErrors(errors);
    // A document the caller may not see cannot be changed blindly by its id either (refusal audited).
    if (opts.viewer) await this.visible(id, opts.viewer, 'incoming.update');
    const at = this.nowIso();
    return this.store.write(async (repos) => {
      const current = await repos.incoming.get(id);
      if (!current) throw new AppFailure(makeError('not_found', { field: 'id' }));
      if (current.status === 'voided') throw new AppFailure(makeError('voided'));
      const before = fieldsOf(current);
      const merged: IncomingFields = { ...before, ...patch };
      const cross: import('../../shared/result.js').AppError[] = [];
      checkIncomingCrossFields(merged, cross);
      throwIfErrors(cross);
      if (vnYear(parseInstant(merged.arrivalDate)!) !== current.year) {
        throw new AppFailure(makeError('year_change', { field: 'arrivalDate' }));
      }
      if ((merged.secrecy !== 'normal') !== (before.secrecy !== 'normal')) {
        throw new AppFailure(makeError('register_change', { field: 'secrecy' }));
      }
      const changed: Partial<IncomingFields> = {};
      const old: Partial<IncomingFields> = {};
      for (const k of Object.keys(patch) as (keyof IncomingFields)[]) {
        if (merged[k] !== before[k]) {
          (changed as Record<string, unknown>)[k] = merged[k];
          (old as Record<string, unknown>)[k] = before[k];
        }
      }
      if (Object.keys(changed).length === 0) {
        if (opts.within) {
          const audit = await AuditWriter.begin(repos, at);
          await opts.within(repos, audit);
          await audit.finish();
        }
        return current;
      }
      const dupKey = duplicateKey(merged);
      if (dupKey !== duplicateKey(before) && dupKey) {
        const existing = await repos.incoming.findDuplicate(dupKey, id);
        if (existing && !opts.force) {
          throw duplicateFailure(existing);
        }
      }
      await repos.incoming.update(id, { ...changed, dupKey }, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor: opts.actor, action: 'update', entity: 'incoming', entityId: id, data: { old, new: changed } });
      if (opts.within) await opts.within(repos, audit);
      await audit.finish();
      return (await repos.incoming.get(id))!;
    });
  }

  async void(id: number, reasonInput: unknown, opts: { actor: string; viewer?: Viewer }): Promise<IncomingRecord> {
    if (typeof reasonInput !== 'string' || reasonInput.trim() === '') {
      throw new AppFailure(makeError('required', { field: 'reason' }));
    }
    if (hasControlChars(reasonInput)) throw new AppFailure(makeError('control_chars', { field: 'reason' }));
    const reason = tidySpaces(nfc(reasonInput));
    if ([...reason].length > LIMITS.voidReason) {
      throw new AppFailure(makeError('too_long', { field: 'reason', params: { max: LIMITS.voidReason } }));
    }
    if (opts.viewer) await this.visible(id, opts.viewer, 'incoming.void');
    const at = this.nowIso();
    return this.store.write(async (repos) => {
      const current = await repos.incoming.get(id);
      if (!current) throw new AppFailure(makeError('not_found', { field: 'id' }));
      if (current.status === 'voided') throw new AppFailure(makeError('already_voided'));
      await repos.incoming.setVoided(id, reason, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor: opts.actor,
        action: 'void',
        entity: 'incoming',
        entityId: id,
        data: { old: { status: current.status }, new: { status: 'voided' }, reason },
      });
      await audit.finish();
      return (await repos.incoming.get(id))!;
    });
  }

  /** With a viewer, only what they may see (accounts/visibility.ts). */
  async list(p: ListParams, viewer?: Viewer): Promise<Page<IncomingRecord>> {
    const limit = clampLimit(p.limit, 50, 1000);
    const skip = p.skip ?? 0;
    if (!Number.isInteger(skip) || skip < 0 || skip > LIST_MAX_SKIP) {
      throw new AppFailure(makeError('invalid_number', { field: 'skip', params: { min: 0, max: LIST_MAX_SKIP } }));
    }
    const kind = listKind(p);
    const after = decodeCursor(p.cursor, kind);
    return this.store.read(async (repos) => {
      const scope = await listScope(repos, p, viewer);
      const { items, lastKey } = await repos.incoming.list({ ...scope, limit, after: after?.key, skip });
      return { items, nextCursor: items.length === limit && lastKey !== null ? encodeCursor({ kind, key: lastKey }) : null };
    });
  }

  /**
   * The list cut into runs of at most LIST_MAX_SKIP rows, each with the cursor it starts at,
   * so that the app can show row 800,000 of a million with one request instead of walking
   * 800,000 rows (see ListOutline). Counting is one pass over the list's index, the cost
   * of counting the list, paid once per question: the key range is cut into equal parts,
   * a part holding too many rows (a day of bulk import, say) is cut again, and small
   * neighbours are joined.
   */
  async outline(p: ListWhich, opts: { maxRun?: number; viewer?: Viewer } = {}): Promise<ListOutline> {
    const kind = listKind(p);
    // Tests cut small lists into small runs; the app always uses the contract's maximum.
    const maxRun = Math.max(1, Math.min(LIST_MAX_SKIP, opts.maxRun ?? LIST_MAX_SKIP));
    return this.store.read(async (repos) => {
      const scope = await listScope(repos, p, opts.viewer);
      const range = await repos.incoming.listKeyRange(scope);
      if (!range) return { total: 0, marks: [] };
      const top = range.first + 1;
      const runs = await countRuns(repos, scope, top, range.last, OUTLINE_PARTS);
      for (let i = 0; i < runs.length;) {
        const r = runs[i]!;
        // Keys are unique in a list, so a part one key wide holds one row: the cutting ends.
        if (r.count > maxRun) runs.splice(i, 1, ...(await countRuns(repos, scope, r.hi, r.lo, OUTLINE_SPLIT)));
        else i++;
      }
      const marks: ListOutline['marks'] = [];
      let total = 0;
      let open: { hi: number; count: number } | null = null;
      for (const r of runs) {
        total += r.count;
        if (r.count === 0) continue;
        if (open && open.count + r.count <= maxRun) open.count += r.count;
        else {
          if (open) marks.push({ cursor: open.hi === top ? null : encodeCursor({ kind, key: open.hi }), count: open.count });
          open = { hi: r.hi, count: r.count };
        }
      }
      if (open) marks.push({ cursor: open.hi === top ? null : encodeCursor({ kind, key: open.hi }), count: open.count });
      return { total, marks };
    });
  }

  /** The number the next document would get, shown on the form before saving. */
  async nextNumber(p: { register?: string | null; secrecy?: import('../../shared/domain/enums.js').Secrecy; arrivalDate?: string | null }) {
    const secrecy = p.secrecy ?? 'normal';
    const t = p.arrivalDate ? parseInstant(p.arrivalDate) : this.clock();
    if (t === null) throw new AppFailure(makeError('invalid_datetime', { field: 'arrivalDate' }));
    return this.store.read(async (repos) => {
      const reg = await resolveIncomingRegister(repos, p.register, secrecy);
      const year = vnYear(t);
      return { register: reg.code, year, arrivalNumber: await repos.registers.peekNextNumber(reg.id, year) };
    });
  }

  /**
   * Senders starting with what was typed, most used first. With a viewer who may not see
   * every document, only senders of documents they see: a sender known only from
   * confidential documents (or other units') is not suggested.
   */
  async organNames(prefix: string, limit = 10, viewer?: Viewer): Promise<string[]> {
    const n = Math.min(Math.max(limit, 1), 50);
    const folded = fold(nfc(prefix)).trim();
    const visible = incomingVisibility(viewer);
    if (!visible) return this.store.read((repos) => repos.incoming.organNames(folded, n));
    if (visible.none) return [];
    return this.store.read(async (repos) => {
      const out: string[] = [];
      // The sender filter of search, with the viewer's visibility: one index probe per name.
      for (const name of await repos.incoming.organNames(folded, n * 3)) {
        const page = await repos.incoming.search({
          text: parseQuery(''),
          organName: parseQuery(name),
          includeVoided: true,
          visible,
          sort: 'date',
          limit: 50,
          countCap: 0,
        });
        const key = fold(nfc(name));
        if (page.items.some((d) => fold(nfc(d.organName)) === key)) out.push(name);
        if (out.length >= n) break;
      }
      return out;
    });
  }

  /**
   * The document's audit trail. An imported document's creation is recorded in its file's
   * one import entry; the trail shows it as the document's 'create' (same seq, time, actor
   * and hash as that entry), with the register, number and the line of the file it came from.
   */
  async auditTrail(id: number, viewer?: Viewer): Promise<(Omit<AuditEntry, 'data'> & { data: unknown })[]> {
    // A document's history is a view of it: refused, or its opening recorded, like its detail.
    if (viewer) await this.get(id, viewer, 'history');
    return this.store.read(async (repos) => {
      const entries = (await repos.audit.forEntity('incoming', id)).map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }));
      if (entries.some((e) => e.action === 'create')) return entries;
      const doc = await repos.incoming.get(id);
      if (!doc) return entries;
      for (const imp of await repos.audit.imports('incoming')) {
        const data = JSON.parse(imp.data) as { rows?: unknown; file?: string; fileSha256?: string };
        const line = lineOfImported(data.rows, id);
        if (line === null) continue;
        entries.unshift({
          ...imp,
          action: 'create',
          entityId: id,
          data: {
            new: { register: doc.register, year: doc.year, arrivalNumber: doc.arrivalNumber },
            source: { file: data.file, sha256: data.fileSha256, line, importSeq: imp.seq },
          },
        });
        break;
      }
      return entries;
    });
  }
}
