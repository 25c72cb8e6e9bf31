/**
 * Outgoing documents (Decree 30 Art. 10–19): draft → approved → numbered → signed by the
 * official → issued electronically with the organisation's signature, or issued on paper.
 * Every transition is one transaction and audited; a numbered document changes only
 * through these steps.
 */
import {
  hiddenById,
  isConfidential,
  outgoingHidden,
  outgoingVisibility,
  recordOpening,
  refuseHidden,
  type Viewer,
} from '../accounts/visibility.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure, type AppError } from '../../shared/result.js';
import type { OutgoingRecord, OutgoingStatus } from '../../shared/domain/outgoing.js';
import { OUTGOING_STATUSES, OUTGOING_STATUS_LABELS } from '../../shared/domain/outgoing.js';
import { toVnIso, vnDate, vnYear } from '../../shared/text/dates.js';
import { validateOutgoing, type ValidatedOutgoing } from '../../shared/validation/outgoing.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import { clampLimit } from '../incoming/incomingService.js';
import { parseQuery } from '../search/parseQuery.js';
import { decodeCursor, encodeCursor } from '../store/cursor.js';
import type { AuditEntry, BlobStore, RegisterRow, Repositories, Store } from '../store/ports.js';
import { formatSymbol, symbolNotation } from './symbol.js';
import { orgDetails, renderOutgoing } from './outgoingPdf.js';
import { safeFileName } from '../../shared/fileNames.js';
import { attachmentFailure, inspectAttachment } from '../attachments/sniff.js';

export function wrongStatus(current: OutgoingStatus, action: string): AppFailure {
  return new AppFailure({
    code: 'invalid_status',
    field: 'status',
    message: `Không thể ${action}: văn bản đang ở trạng thái «${OUTGOING_STATUS_LABELS[current]}».`,
    details: { status: current },
  });
}

function throwIfErrors(errors: AppError[]): void {
  if (errors.length) throw new AppFailure(errors[0]!, errors);
}

export async function resolveOutgoingRegister(repos: Repositories, code: string | null | undefined, secrecy: string): Promise<RegisterRow> {
  const confidential = secrecy !== 'normal';
  const wanted = code ?? (confidential ? 'DI-MAT' : 'DI');
  const reg = await repos.registers.byCode(wanted);
  if (!reg || reg.direction !== 'outgoing') {
    throw new AppFailure(makeError('unknown_register', { field: 'register', params: { value: wanted } }));
  }
  // Decree 30 Art. 15.2: confidential documents have their own number system.
  if (reg.confidential !== confidential) throw new AppFailure(makeError('register_mismatch', { field: 'register' }));
  return reg;
}

export class OutgoingService {
  constructor(
    private readonly store: Store,
    private readonly files: BlobStore,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return toVnIso(this.clock());
  }

  private async load(repos: Repositories, id: number): Promise<OutgoingRecord> {
    const d = await repos.outgoing.get(id);
    if (!d) throw new AppFailure(makeError('not_found', { field: 'id' }));
    return d;
  }

  private async checkReplies(repos: Repositories, v: ValidatedOutgoing): Promise<void> {
    const found = await repos.outgoing.incomingExists(v.replyTo);
    const missing = v.replyTo.filter((id) => !found.includes(id));
    if (missing.length) {
      throw new AppFailure({ code: 'not_found', field: 'replyTo', message: `Không có văn bản đến với mã ${missing.join(', ')}.` });
    }
  }

  /**
   * A new draft. `appendices` (PDFs made by the app itself, e.g. the periodic report's table)
   * are attached in the same transaction: the draft never exists without them.
   */
  async draft(
    input: unknown,
    opts: { actor: string; appendices?: readonly { fileName: string; bytes: Uint8Array }[] },
  ): Promise<OutgoingRecord> {
    const { value, errors } = validateOutgoing(input);
    throwIfErrors(errors);
    const at = this.now();
    const appendices: { fileName: string; size: number; sha: string }[] = [];
    for (const f of opts.appendices ?? [])
      appendices.push({ fileName: safeFileName(f.fileName, 'application/pdf'), size: f.bytes.length, sha: await this.files.put(f.bytes) });
    return this.store.write(async (repos) => {
      const reg = await resolveOutgoingRegister(repos, value.register, value.secrecy);
      await this.checkReplies(repos, value);
      const { register: _r, ...fields } = value;
      const id = await repos.outgoing.insert({ ...fields, registerId: reg.id, status: 'draft', createdAt: at, createdBy: opts.actor });
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor: opts.actor,
        action: 'create',
        entity: 'outgoing',
        entityId: id,
        data: { new: { register: reg.code, ...fields } },
      });
      for (const f of appendices) {
        await repos.attachments.ensureBlob({ sha256: f.sha, size: f.size, mime: 'application/pdf' }, at);
        const attachmentId = await repos.outgoing.addAttachment(id, f.sha, f.fileName, at);
        await audit.append({
          actor: opts.actor,
          action: 'attach',
          entity: 'outgoing',
          entityId: id,
          data: { attachmentId, fileName: f.fileName, sha256: f.sha },
        });
      }
      await audit.finish();
      return (await repos.outgoing.get(id))!;
    });
  }

  /** Edits a draft (or an approved one, which then goes back to the signer as a draft). */
  async update(id: number, input: unknown, opts: { actor: string; viewer?: Viewer }): Promise<OutgoingRecord> {
    await this.visible(id, opts.viewer, 'outgoing.update');
    const at = this.now();
    return this.store.write(async (repos) => {
      const current = await this.load(repos, id);
      if (current.status !== 'draft' && current.status !== 'approved') throw wrongStatus(current.status, 'sửa');
      const patch = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
      if (!patch) throw new AppFailure(makeError('invalid_input'));
      const {
        id: _i,
        register,
        year: _y,
        codeNumber: _c,
        symbol: _s,
        issuedDate: _d,
        status: _st,
        files: _f,
        attachments: _a,
        createdAt: _ca,
        updatedAt: _ua,
        ...base
      } = current;
      const { value, errors } = validateOutgoing({ ...base, register, ...patch });
      throwIfErrors(errors);
      const reg = await resolveOutgoingRegister(repos, value.register, value.secrecy);
      await this.checkReplies(repos, value);
      const { register: _r, ...fields } = value;
      await repos.outgoing.updateFields(id, fields, reg.id, at);
      // Decree 30 Art. 10: a change after approval goes back to the signer.
      if (current.status === 'approved') await repos.outgoing.setStatus(id, 'draft', at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor: opts.actor, action: 'update', entity: 'outgoing', entityId: id, data: { old: base, new: fields } });
      await audit.finish();
      return (await repos.outgoing.get(id))!;
    });
  }

  async approve(id: number, opts: { actor: string; viewer?: Viewer }): Promise<OutgoingRecord> {
    await this.visible(id, opts.viewer, 'outgoing.approve');
    return this.transition(id, ['draft'], 'approved', 'duyệt', opts.actor);
  }

  /** Moves between statuses inside one transaction, audited. */
  async transition(
    id: number,
    from: OutgoingStatus[],
    to: OutgoingStatus,
    action: string,
    actor: string,
    extra: Record<string, unknown> = {},
  ): Promise<OutgoingRecord> {
    const at = this.now();
    return this.store.write(async (repos) => {
      const current = await this.load(repos, id);
      if (!from.includes(current.status)) throw wrongStatus(current.status, action);
      await repos.outgoing.setStatus(id, to, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor,
        action: to,
        entity: 'outgoing',
        entityId: id,
        data: { old: { status: current.status }, new: { status: to }, ...extra },
      });
      await audit.finish();
      return (await repos.outgoing.get(id))!;
    });
  }

  /**
   * Gives the next number of the register in the current year (Vietnam time) and today's
   * date. Allocated in the same transaction as the update, so concurrent clerks never
   * get the same number.
   */
  async number(id: number, opts: { actor: string; register?: string; viewer?: Viewer }): Promise<OutgoingRecord> {
    await this.visible(id, opts.viewer, 'outgoing.number');
    const at = this.now();
    return this.store.write(async (repos) => {
      const current = await this.load(repos, id);
      if (current.status !== 'approved' && !(current.status === 'signed' && current.codeNumber === null)) {
        throw wrongStatus(current.status, 'cấp số');
      }
      await this.allocate(repos, current, opts.register, at, opts.actor);
      if (current.status === 'approved') await repos.outgoing.setStatus(id, 'numbered', at);
      return (await repos.outgoing.get(id))!;
    });
  }

  /** Allocates number, symbol and date inside the caller's transaction. */
  async allocate(repos: Repositories, doc: OutgoingRecord, registerCode: string | undefined, at: string, actor: string): Promise<void> {
    const reg = await resolveOutgoingRegister(repos, registerCode ?? doc.register, doc.secrecy);
    const orgCode = await repos.meta.get('org_code');
    if (!orgCode) {
      throw new AppFailure({
        code: 'org_code_missing',
        field: 'orgCode',
        message: 'Chưa khai báo chữ viết tắt tên cơ quan (init --org-code).',
      });
    }
    const now = this.clock();
    const year = vnYear(now);
    const codeNumber = await repos.registers.allocateNumber(reg.id, year);
    const symbol = formatSymbol(codeNumber, symbolNotation(doc.typeName, orgCode, doc.draftingUnit));
    const issuedDate = vnDate(now);
    await repos.outgoing.setNumber(doc.id, { registerId: reg.id, year, codeNumber, symbol, issuedDate }, at);
    const audit = await AuditWriter.begin(repos, at);
    await audit.append({
      actor,
      action: 'number',
      entity: 'outgoing',
      entityId: doc.id,
      data: { new: { register: reg.code, year, codeNumber, symbol, issuedDate } },
    });
    await audit.finish();
  }

  /**
   * The document as it stands: the stored signed or issued version once there is one,
   * else rendered now (a draft carries "DỰ THẢO"; number and date only once given).
   */
  async pdf(id: number, viewer?: Viewer): Promise<{ bytes: Uint8Array; kind: string; fileName: string }> {
    if (viewer) await this.get(id, viewer, 'pdf');
    const { doc, org } = await this.store.read(async (repos) => ({ doc: await this.load(repos, id), org: await orgDetails(repos) }));
    const stored = doc.files[doc.files.length - 1];
    const fileName = `${(doc.symbol ?? `du-thao-${doc.id}`).replace(/[^\p{L}\p{N}-]+/gu, '_')}.pdf`;
    if (stored && doc.status !== 'draft' && doc.status !== 'approved' && doc.status !== 'numbered') {
      return { bytes: new Uint8Array(await this.files.read(stored.sha256)), kind: stored.kind, fileName };
    }
    const numbered = doc.codeNumber !== null;
    const out = await renderOutgoing(doc, org, doc.year ?? vnYear(this.clock()), { watermark: doc.status === 'draft', numbered });
    return { bytes: out.bytes, kind: doc.status === 'draft' ? 'draft' : 'preview', fileName };
  }

  /**
   * Paper issue (Decree 30 Art. 18): the print-ready document with its number and date,
   * no digital signature; the clerk prints the copies, the signer signs in ink and the
   * seal is stamped. The PDF issued is kept, and the copies are counted in the audit.
   */
  async issuePaper(id: number, opts: { actor: string; copies?: number; viewer?: Viewer }): Promise<OutgoingRecord> {
    await this.visible(id, opts.viewer, 'outgoing.issuePaper');
    if (opts.copies !== undefined && (!Number.isInteger(opts.copies) || opts.copies < 1 || opts.copies > 999)) {
      throw new AppFailure(makeError('invalid_number', { field: 'copies', params: { min: 1, max: 999 } }));
    }
    const at = this.now();
    const { doc, org } = await this.store.read(async (repos) => ({ doc: await this.load(repos, id), org: await orgDetails(repos) }));
    if (doc.status !== 'numbered') throw wrongStatus(doc.status, 'ban hành bản giấy');
    const copies = opts.copies ?? doc.copies ?? 1;
    const out = await renderOutgoing({ ...doc, copies }, org, doc.year!, { watermark: false, numbered: true });
    const sha = await this.files.put(out.bytes);
    return this.store.write(async (repos) => {
      const current = await this.load(repos, id);
      // Re-checked inside the write lock: another clerk may have issued it meanwhile.
      if (current.status !== 'numbered') throw wrongStatus(current.status, 'ban hành bản giấy');
      await repos.attachments.ensureBlob({ sha256: sha, size: out.bytes.length, mime: 'application/pdf' }, at);
      await repos.outgoing.addFile(id, 'paper', sha, at);
      await repos.outgoing.setStatus(id, 'issued_paper', at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor: opts.actor,
        action: 'issued_paper',
        entity: 'outgoing',
        entityId: id,
        data: { old: { status: 'numbered' }, new: { status: 'issued_paper' }, copies, pdfSha256: sha, pages: out.pageCount },
      });
      await audit.finish();
      return (await repos.outgoing.get(id))!;
    });
  }

  /** Renders unsaved draft data for the live preview; nothing is stored. */
  async preview(input: unknown): Promise<{ bytes: Uint8Array; pageCount: number }> {
    const { value, errors } = validateOutgoing(input);
    // A preview renders as much as is valid so far; missing text shows as blanks.
    const fatal = errors.filter((e) => e.code !== 'required');
    throwIfErrors(fatal);
    const org = await this.store.read((repos) => orgDetails(repos));
    const now = this.clock();
    const { register: _r, ...fields } = value;
    const doc: OutgoingRecord = {
      ...fields,
      typeName: fields.typeName || 'Công văn',
      id: 0,
      register: '',
      year: null,
      codeNumber: null,
      symbol: null,
      issuedDate: null,
      status: 'draft',
      files: [],
      attachments: [],
      createdAt: toVnIso(now),
      updatedAt: toVnIso(now),
    };
    const out = await renderOutgoing(doc, org, vnYear(now), { watermark: true, numbered: false });
    return { bytes: out.bytes, pageCount: out.pageCount };
  }

  /**
   * Adds an appendix or attachment issued as a separate PDF file. Allowed until the
   * document is issued; the organisation signs each file when it signs the document.
   */
  async attach(id: number, file: { fileName: string; bytes: Uint8Array }, opts: { actor: string }): Promise<OutgoingRecord> {
    const shown = safeFileName(file.fileName);
    // An appendix is signed by the organisation and issued: a real PDF, nothing else.
    const checked = await inspectAttachment(file.bytes);
    if (!checked.ok) throw attachmentFailure(shown, checked, 'file');
    if (checked.mime !== 'application/pdf')
      throw new AppFailure(makeError('unsupported_file', { field: 'file', params: { value: shown } }));
    const fileName = safeFileName(file.fileName, 'application/pdf');
    const sha = await this.files.put(file.bytes);
    const at = this.now();
    return this.store.write(async (repos) => {
      const doc = await this.load(repos, id);
      if (doc.status === 'issued' || doc.status === 'issued_paper') throw wrongStatus(doc.status, 'đính kèm tệp');
      await repos.attachments.ensureBlob({ sha256: sha, size: file.bytes.length, mime: 'application/pdf' }, at);
      const attachmentId = await repos.outgoing.addAttachment(id, sha, fileName, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor: opts.actor,
        action: 'attach',
        entity: 'outgoing',
        entityId: id,
        data: { attachmentId, fileName, sha256: sha },
      });
      await audit.finish();
      return (await repos.outgoing.get(id))!;
    });
  }

  /** An attachment file as issued (signed once the organisation signed), else as added. */
  async attachmentPdf(
    id: number,
    attachmentId: number,
    viewer?: Viewer,
  ): Promise<{ fileName: string; bytes: Uint8Array; signed: boolean }> {
    const doc = await this.get(id, viewer, 'attachment');
    const a = doc.attachments.find((x) => x.id === attachmentId);
    if (!a) throw new AppFailure(makeError('not_found', { field: 'attachmentId' }));
    return {
      fileName: safeFileName(a.fileName, 'application/pdf'),
      bytes: new Uint8Array(await this.files.read(a.signedSha256 ?? a.sha256)),
      signed: !!a.signedSha256,
    };
  }

  async auditTrail(id: number, viewer?: Viewer): Promise<(Omit<AuditEntry, 'data'> & { data: unknown })[]> {
    // A document's history is a view of it: refused, or its opening recorded, like its detail.
    if (viewer) await this.get(id, viewer, 'history');
    const entries = await this.store.read((repos) => repos.audit.forEntity('outgoing', id));
    return entries.map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }));
  }

  /**
   * One document. With a viewer (a signed-in caller), one they may not see is refused with
   * `forbidden` (the refusal audited), and the opening of a confidential one is written to
   * the audit trail: who, when, which, and what was opened.
   */
  async get(id: number, viewer?: Viewer, opened = 'detail'): Promise<OutgoingRecord> {
    const { doc, confidential } = await this.seen(id, viewer, `outgoing.${opened === 'detail' ? 'get' : opened}`);
    if (!viewer) return doc;
    if (confidential)
      await recordOpening(this.store, this.now(), viewer, { kind: 'outgoing', id }, opened, { register: doc.register, symbol: doc.symbol });
    return doc;
  }

  /**
   * Refuses (audited) a document the viewer may not see, recording nothing else: the writes
   * (edit, approve, number, issue) check it first, so a hidden document cannot be changed
   * blindly by its id.
   */
  async visible(id: number, viewer: Viewer | undefined, method: string): Promise<void> {
    if (!viewer) return;
    await this.seen(id, viewer, method);
  }

  /**
   * The document, and whether it is confidential, if the viewer may see it: one hidden from
   * them — by the application's rule, or (a person's own office-database connection) by the row
   * policy — is refused with `forbidden`, the refusal audited; a missing one is not_found.
   */
  private async seen(id: number, viewer: Viewer | undefined, method: string): Promise<{ doc: OutgoingRecord; confidential: boolean }> {
    const r = await this.store.read(async (repos) => {
      const doc = await repos.outgoing.get(id);
      if (!doc) return { doc, hidden: await hiddenById(repos, viewer, { kind: 'outgoing', id }), confidential: false };
      const reg = await repos.registers.byCode(doc.register);
      return { doc, hidden: await outgoingHidden(repos, viewer, doc), confidential: isConfidential(doc, reg?.confidential) };
    });
    if (r.hidden) await refuseHidden(this.store, this.now(), viewer!, { kind: 'outgoing', id }, method, r.hidden);
    if (!r.doc) throw new AppFailure(makeError('not_found', { field: 'id' }));
    return { doc: r.doc, confidential: r.confidential };
  }

  /** With a viewer, only what they may see (accounts/visibility.ts). */
  async list(p: { register?: string; year?: number; status?: string; limit?: number; cursor?: string | null }, viewer?: Viewer) {
    const limit = clampLimit(p.limit, 50, 1000);
    if (p.status !== undefined && !(OUTGOING_STATUSES as readonly string[]).includes(p.status)) {
      throw new AppFailure(makeError('invalid_enum', { field: 'status', params: { value: p.status } }));
    }
    const kind = `outgoing:${p.register ?? '*'}:${p.year ?? '*'}:${p.status ?? '*'}`;
    const after = decodeCursor(p.cursor, kind);
    return this.store.read(async (repos) => {
      let registerId: number | undefined;
      if (p.register) {
        const reg = await repos.registers.byCode(p.register);
        if (!reg || reg.direction !== 'outgoing')
          throw new AppFailure(makeError('unknown_register', { field: 'register', params: { value: p.register } }));
        registerId = reg.id;
      }
      const items = await repos.outgoing.list({
        registerId,
        visible: outgoingVisibility(viewer),
        year: p.year,
        status: p.status as OutgoingStatus | undefined,
        limit,
        after: after?.key,
      });
      const last = items[items.length - 1];
      return { items, nextCursor: items.length === limit && last ? encodeCursor({ kind, key: last.id }) : null };
    });
  }

  async search(query: string, limit = 20, viewer?: Viewer) {
    const l = clampLimit(limit, 20, 500);
    return this.store.read((repos) => repos.outgoing.search(parseQuery(query), l, outgoingVisibility(viewer)));
  }
}
