/**
 * The contract's methods bound to the services. Every face that speaks the contract
 * (Electron IPC through a worker, the loopback web host, tests) calls `dispatch`, which
 * validates the input against the method's schema before anything runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCall } from '../../shared/callInput.js';
import type { InputOf, MethodName, OutputOf } from '../../shared/contract.js';
import { internalError, makeError } from '../../shared/errors.js';
import { AppFailure, fail, isAppFailure, ok, type AppError, type Result } from '../../shared/result.js';
import { safeFileName } from '../../shared/fileNames.js';
import { vnDate } from '../../shared/text/dates.js';
import type { Services } from '../services.js';
import { letterActorFor } from '../letters/access.js';
import { describeError, newRef, nullLog, type LocalLog } from '../log/localLog.js';
import { JobRegistry } from './jobs.js';

export type Handlers = { [M in MethodName]: (input: InputOf<M>) => Promise<OutputOf<M>> };

export interface HandlerContext {
  shell: 'web' | 'electron';
  /** Who is working: the OS user in the desktop app. */
  actor: string;
}

/*
 * Modules that bring heavy libraries (pdf-lib, node-forge, exceljs, csv-parse) are imported by
 * the handlers that use them, so the web host and the app's database worker start without them.
 */
export function createHandlers(services: Services, ctx: HandlerContext): Handlers {
  const jobs = new JobRegistry((e) => toResultError(e, services.log, 'job'));
  const actor = { actor: ctx.actor };
  const letters = letterActorFor(ctx.actor);
  const notFoundJob = (): never => {
    throw new AppFailure(makeError('not_found', { field: 'jobId' }));
  };
  const handlers: Handlers = {
    'app.info': async () => {
      const [registers, org, totalIncoming] = await Promise.all([
        services.registers(),
        services.orgInfo(),
        services.store.read((r) => r.incoming.count()),
      ]);
      return {
        ...org,
        registers,
        totalIncoming,
        shell: ctx.shell,
        schemaVersion: services.store.info.schemaVersion,
        today: vnDate(services.clock()),
      };
    },
    'incoming.add': (i) => services.incoming.add(i.data, { ...actor, attachments: i.attachments, force: i.force, ocr: i.ocr }),
    'incoming.get': (i) => services.incoming.get(i.id),
    'incoming.update': (i) => services.incoming.update(i.id, i.data, { ...actor, force: i.force }),
    'incoming.void': (i) => services.incoming.void(i.id, i.reason, actor),
    'incoming.list': (i) => services.incoming.list(i),
    'incoming.outline': (i) => services.incoming.outline(i),
    'incoming.nextNumber': (i) => services.incoming.nextNumber(i),
    'incoming.organNames': (i) => services.incoming.organNames(i.prefix, i.limit),
    'incoming.audit': async (i) =>
      (await services.incoming.auditTrail(i.id)).map(({ seq, at, actor: who, action, data }) => ({ seq, at, actor: who, action, data })),
    'incoming.attachment': async (i) => {
      const doc = await services.incoming.get(i.id);
      const att = doc.attachments.find((a) => a.id === i.attachmentId);
      if (!att) throw new AppFailure(makeError('not_found', { field: 'attachmentId' }));
      // The stored name came from outside: offered for download only in its safe form.
      return {
        fileName: safeFileName(att.fileName, att.mime),
        mime: att.mime,
        bytes: new Uint8Array(await services.files.read(att.sha256)),
      };
    },
    'search.incoming': (i) => services.search.search(i),
    'search.count': (i) => services.search.count(i),
    'register.list': () => services.registers(),
    'register.print': async (i) => {
      const { buildIncomingRegisterPdf } = await import('../pdf/printRegister.js');
      const book = await buildIncomingRegisterPdf(services, i);
      return { fileName: book.fileName, bytes: book.bytes, documents: book.documents };
    },
    'import.start': async (i) => {
      // The importer streams from a file: park the upload in a private temp folder, under a
      // name that is a plain file name whatever the client sent ("." and ".." included);
      // its extension still tells CSV from JSON Lines.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-import-'));
      const removeDir = () => rmSync(dir, { recursive: true, force: true });
      try {
        const file = path.join(dir, safeFileName(i.fileName.replace(/[^\p{L}\p{N}._-]/gu, '_'), null, 'import.csv'));
        writeFileSync(file, i.bytes, { flag: 'wx' });
        const { importIncomingFile } = await import('../incoming/import/importService.js');
        return jobs.start(async (signal, progress) => {
          try {
            return await importIncomingFile(services, file, { skipInvalid: i.skipInvalid ?? false, ...actor, signal, onRows: progress });
          } finally {
            removeDir();
          }
        });
      } catch (e) {
        removeDir();
        throw e;
      }
    },
    'job.status': async (i) => jobs.status(i.jobId) ?? notFoundJob(),
    'job.cancel': async (i) => jobs.cancel(i.jobId) ?? notFoundJob(),
    'maintenance.check': () => services.check(),

    'outgoing.draft': (i) => services.outgoing.draft(i.data, actor),
    'outgoing.update': (i) => services.outgoing.update(i.id, i.data, actor),
    'outgoing.approve': (i) => services.outgoing.approve(i.id, actor),
    'outgoing.number': (i) => services.outgoing.number(i.id, { ...actor, register: i.register }),
    'outgoing.get': (i) => services.outgoing.get(i.id),
    'outgoing.list': (i) => services.outgoing.list(i),
    'outgoing.search': (i) => services.outgoing.search(i.query, i.limit),
    'outgoing.preview': (i) => services.outgoing.preview(i.data),
    'outgoing.pdf': (i) => services.outgoing.pdf(i.id),
    'outgoing.sign': async (i) => {
      // The document first: no key file is opened and no token process started for a document that is not there.
      await services.outgoing.get(i.id);
      const { Pkcs12Signer } = await import('../signing/pkcs12Signer.js');
      const signer = i.p12 ? await Pkcs12Signer.open(i.p12.bytes, i.p12.password) : await services.openTokenSigner(i.pkcs11!);
      try {
        return await services.signing.sign(i.id, { as: i.as, signer, image: i.image ?? null, actor: ctx.actor });
      } finally {
        await (signer as { close?: () => Promise<void> }).close?.();
      }
    },
    'token.list': async () => services.tokens.choices(),
    'connection.get': async () => {
      const { connectionView } = await import('../connectionSetting.js');
      return connectionView(services.store.info);
    },
    'connection.set': async (i) => {
      const { checkConnection, connectionView, writeConnectionSetting } = await import('../connectionSetting.js');
      writeConnectionSetting(checkConnection(i));
      return connectionView(services.store.info);
    },
    'outgoing.issuePaper': (i) => services.outgoing.issuePaper(i.id, { ...actor, copies: i.copies }),
    'outgoing.registerPrint': async (i) => {
      const { buildOutgoingRegisterPdf } = await import('../pdf/printRegister.js');
      const book = await buildOutgoingRegisterPdf(services, i);
      return { fileName: book.fileName, bytes: book.bytes, documents: book.documents };
    },
    'outgoing.audit': async (i) =>
      (await services.outgoing.auditTrail(i.id)).map(({ seq, at, actor: who, action, data }) => ({ seq, at, actor: who, action, data })),
    'signature.verify': (i) => services.verify(i.bytes),
    'trust.add': (i) => services.trust.add(i.pem, ctx.actor),
    'trust.list': () => services.trust.list(),
    'trust.import': (i) => services.trust.import(i.bytes, { legacy: i.legacy, actor: ctx.actor }),
    'trust.setLegacy': (i) => services.trust.setLegacy(i.id, i.legacy, ctx.actor),

    'organ.list': () => services.interchange.listOrgans(),
    'organ.add': (i) => services.interchange.addOrgan(i, ctx.actor),
    'organ.import': (i) => services.interchange.importOrgans(i.bytes, ctx.actor),
    'edxml.receive': (i) => services.interchange.receive(i.bytes, { actor: ctx.actor }),
    'edxml.received': () => services.interchange.listReceived(),
    'edxml.preview': (i) => services.interchange.preview(i.id),
    'edxml.register': (i) =>
      services.interchange.register(i.id, { actor: ctx.actor, force: i.force ?? false, ...(i.fields ? { fields: i.fields } : {}) }),
    'edxml.refuse': (i) => services.interchange.refuse(i.id, i.reason, ctx.actor),
    'edxml.deliveries': (i) => services.interchange.deliveries(i.id),

    'unit.list': () => services.directory.listUnits(),
    'unit.add': (i) => services.directory.addUnit(i.code, i.name, ctx.actor),
    'incoming.assign': (i) => {
      const { id, ...input } = i;
      return services.assignments.assign(id, input, ctx.actor);
    },
    'incoming.progress': (i) => {
      const { id, ...input } = i;
      return services.assignments.progress(id, input, ctx.actor);
    },
    'incoming.assignments': (i) => services.assignments.current(i.id),
    'incoming.routingSlip': async (i) => {
      const { buildRoutingSlip } = await import('../pdf/routingSlip.js');
      const slip = await buildRoutingSlip(services, i.id);
      return { fileName: slip.fileName, bytes: slip.bytes };
    },
    'incoming.stamp': (i) => services.capture.arrivalStamp(i.id, { alone: i.alone }),
    'capture.read': async (i) => {
      const { parsePageRange, withoutExtras } = await import('../capture/captureService.js');
      const range = parsePageRange(i.pages);
      const r = await services.capture.read(i, { mode: 'auto', ...(range ? { range } : {}) });
      return withoutExtras(r);
    },
    'capture.fields': (i) => services.capture.capture(i),
    'task.list': (i) => services.tasks.list(i),
    'task.add': (i) => services.tasks.add(i.data, ctx.actor),
    'task.update': (i) => services.tasks.update(i.id, i.data, ctx.actor),
    'followup.overdue': (i) => services.assignments.overdue(i),
    'followup.dueSoon': (i) => services.assignments.dueSoon(i),
    'followup.book': async (i) => {
      const { buildFollowUpBook } = await import('../workflow/followUpBook.js');
      const book = await buildFollowUpBook(services, i);
      return { fileName: book.fileName, bytes: book.bytes };
    },
    'followup.remind': async (i) => {
      const { draftReminder } = await import('../workflow/reminder.js');
      return draftReminder(services, {
        unit: i.unit,
        actor: ctx.actor,
        draftingUnit: i.draftingUnit,
        signer: { authority: i.signerAuthority ?? null, position: i.signerPosition, name: i.signerName },
      });
    },
    'calendar.holidays': (i) => services.calendar.holidays(i.year),
    'calendar.workingDays': (i) => services.calendar.addWorkingDays(i.from, i.days),
    'report.get': (i) => services.reports.report(i),
    'report.export': async (i) => {
      const report = await services.reports.report(i);
      const org = await services.orgInfo();
      const fileName = `bao-cao-${i.from}-${i.to}.${i.format}`;
      const { exportReport } = await import('../reports/exportReport.js');
      return { fileName, bytes: await exportReport(report, fileName, { orgName: org.orgName, printedAt: new Date(services.clock()) }) };
    },
    'fileplan.get': (i) => services.archive.plan(i.year, actor),
    'fileplan.create': (i) => services.archive.createPlan(i, actor),
    'fileplan.addHeading': (i) => services.archive.addHeading(i, actor),
    'fileplan.addDossier': (i) => services.archive.addPlanDossier(i, actor),
    'fileplan.approve': (i) => services.archive.approvePlan(i, actor),
    'fileplan.copy': (i) => services.archive.copyPlan(i, actor),
    'dossier.open': (i) => services.archive.open(i, actor),
    'dossier.addDoc': (i) => services.archive.addDoc(i, actor),
    'dossier.removeDoc': (i) => services.archive.removeDoc(i, actor),
    'dossier.close': (i) => services.archive.close(i, actor),
    'dossier.get': (i) => services.archive.get(i.id, actor),
    'dossier.list': (i) => services.archive.list(i, actor),
    'dossier.ofDocument': (i) => services.archive.dossiersOf(i.kind, i.docId, actor),
    'fileplan.print': async (i) => (await import('../archive/archiveDocuments.js')).printFilePlan(services, i.year, actor),
    'dossier.index': async (i) => (await import('../archive/archiveDocuments.js')).printDossierIndex(services, i.id, actor),
    'hold.add': (i) => services.disposition.placeHold(i, actor),
    'hold.lift': (i) => services.disposition.liftHold(i, actor),
    'hold.list': (i) => services.disposition.holds(i),
    'handover.due': (i) => services.disposition.due(i),
    'handover.keepBack': (i) => services.disposition.keepBack(i, actor),
    'handover.create': (i) => services.disposition.createHandover(i, actor),
    'handover.accept': (i) => services.disposition.acceptHandover(i, actor),
    'handover.get': (i) => services.disposition.handover(i.id, actor),
    'handover.print': async (i) => (await import('../archive/archiveDocuments.js')).printHandover(services, i.id, actor),
    'handover.package': async (i) => {
      const p = await (await import('../archive/archiveDocuments.js')).packageHandover(services, i.id, actor);
      return { fileName: p.fileName, bytes: p.bytes, sha256: p.sha256 };
    },
    'handover.verifyPackage': async (i) => {
      const r = await (await import('../archive/archiveDocuments.js')).verifyHandoverPackage(services, i.bytes);
      return { ok: r.ok, sha256: r.sha256, files: r.files, dossiers: r.dossiers, known: r.known };
    },
    'retention.expired': (i) => services.disposition.expired(i, actor),
    'destruction.propose': (i) => services.disposition.proposeDestruction(i, actor),
    'destruction.approve': (i) => services.disposition.approveDestruction(i, actor),
    'destruction.execute': (i) => services.disposition.executeDestruction(i, actor),
    'destruction.get': (i) => services.disposition.destruction(i.id, actor),
    'usage.add': (i) => services.disposition.addUsage(i, actor),
    'usage.return': (i) => services.disposition.returnUsage(i, actor),
    'usage.list': (i) => services.disposition.usage(i),
    'usage.print': async (i) => (await import('../archive/archiveDocuments.js')).printUsage(services, i),
    'letter.add': (i) => services.letters.add(i.data, letters),
    'letter.get': (i) => services.letters.get(i.id, letters),
    'letter.update': (i) => services.letters.update(i.id, i.data, letters),
    'letter.list': (i) => services.letters.list(i, letters),
    'letter.duplicates': (i) => services.letters.duplicates(i.id),
    'letter.link': (i) => services.letters.link(i.id, i.earlier, letters),
    'letter.classify': (i) => services.letters.classify(i.id, i, letters),
    'letter.handle': (i) => {
      switch (i.action) {
        case 'accept':
          return services.letters.accept(i.id, i, letters);
        case 'transfer':
          return services.letters.transfer(i.id, i, letters);
        case 'guide':
          return services.letters.guide(i.id, i, letters);
        case 'file':
          return services.letters.file(i.id, i, letters);
        case 'return':
          return services.letters.returnLetter(i.id, i, letters);
      }
    },
    'letter.answer': (i) => services.letters.answer(i.id, i, letters),
    'letter.followUp': (i) => services.letters.followUp(i),
    'letter.stats': (i) => services.letterStats.stats(i),
    'letter.slip': async (i) => {
      const { buildLetterSlip } = await import('../letters/letterSlip.js');
      return buildLetterSlip(services, i.id, i.kind, letters);
    },
    'letter.settings': (i) => (i.patch ? services.letters.updateSettings(i.patch, actor) : services.letters.settings()),
    'hotline.add': (i) => services.hotline.add(i, letters),
    'hotline.get': (i) => services.hotline.get(i.id, letters),
    'hotline.list': (i) => services.hotline.list(i, letters),
    'hotline.handle': (i) => {
      switch (i.action) {
        case 'forward':
          return services.hotline.forward(i.id, i, letters);
        case 'answer':
          return services.hotline.answer(i.id, i, letters);
        case 'close':
          return services.hotline.close(i.id, i, letters);
      }
    },
  };
  logs.set(handlers, services.log);
  return handlers;
}

/**
 * A thrown value → the Result error. Coded refusals (AppFailure) pass as they are; anything
 * else is a failure of the app: logged locally with a reference, and answered with the
 * reference only — its text may name files, folders or a loader's message.
 */
export function toResultError(e: unknown, log: LocalLog = nullLog, where?: string): AppError {
  if (isAppFailure(e)) {
    const { error, all, result } = e;
    const details = { ...(error.details ?? {}), ...(all.length > 1 ? { errors: all } : {}), ...(result !== undefined ? { result } : {}) };
    return Object.keys(details).length ? { ...error, details } : error;
  }
  const ref = newRef();
  log.write({ event: 'internal_error', ref, ...(where ? { where } : {}), error: describeError(e) });
  return internalError(ref);
}

/** The local log of the services behind a handler table (set by createHandlers). */
const logs = new WeakMap<Handlers, LocalLog>();

/** Validates and runs one call. Never throws: every outcome is a Result. */
export async function dispatch(handlers: Handlers, method: unknown, rawInput: unknown): Promise<Result<unknown>> {
  const checked = parseCall(method, rawInput);
  if (!checked.ok) return checked;
  try {
    const run = handlers[checked.value.method] as (i: unknown) => Promise<unknown>;
    return ok(await run(checked.value.input));
  } catch (e) {
    return fail(toResultError(e, logs.get(handlers), checked.value.method));
  }
}
