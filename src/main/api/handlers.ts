/**
 * The contract's methods bound to the services. Every face that speaks the contract
 * (Electron IPC through a worker, the loopback web host, tests) calls `dispatch`, which
 * validates the input against the method's schema, then applies the permission table
 * (src/shared/permissions.ts) to the caller's session, before anything runs.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCall } from '../../shared/callInput.js';
import type { ExchangeFoldersView, InputOf, MethodName, OutputOf } from '../../shared/contract.js';
import { BUSINESS_TYPE_OF_KIND } from '../../shared/domain/interchange.js';
import type { AccountView, Principal } from '../../shared/domain/accounts.js';
import { authorize, denialError, METHOD_ACCESS } from '../../shared/permissions.js';
import { SessionRegistry, type AppSession, type SessionSlot } from '../accounts/sessions.js';
import { normalizeUsername, type AccountService } from '../accounts/accountService.js';
import type { PersonalConnections } from './personalConnections.js';
import { internalError, makeError } from '../../shared/errors.js';
import { AppFailure, fail, isAppFailure, ok, type AppError, type Result } from '../../shared/result.js';
import { safeFileName } from '../../shared/fileNames.js';
import { toVnIso, vnDate } from '../../shared/text/dates.js';
import type { Services } from '../services.js';
import { letterActorFor } from '../letters/access.js';
import { incomingVisibility, viewerOf, type Viewer } from '../accounts/visibility.js';
import { archiveActorOf, type ArchiveActor } from '../archive/archiveService.js';
import { describeError, newRef, nullLog, type LocalLog } from '../log/localLog.js';
import { JobRegistry } from './jobs.js';

/** Who calls, as dispatch hands it to a handler. */
export interface CallContext {
  /** The signed-in person; null only in the public methods (signing in, the first-run setup). */
  principal: Principal | null;
  /** The caller's session slot: signing in and out change it. */
  session: SessionSlot;
}

export type Handlers = { [M in MethodName]: (input: InputOf<M>, call: CallContext) => Promise<OutputOf<M>> };

export interface HandlerContext {
  shell: 'web' | 'electron';
  /** The inbox watcher of this process, when it runs one (the app, the web host). */
  watcher?: { readonly watching: boolean };
  /**
   * PostgreSQL with rights in the database: each signed-in person's calls run on their own
   * login role's connection (api/personalConnections.ts); the services given to
   * createHandlers are then only the host's own connection, used before anyone is connected.
   */
  personal?: PersonalConnections | null;
}

/**
 * The services of the call being run: a person's own connection (personal mode), found by
 * the call's async context, so no handler can run a person's call on the host's connection.
 */
function personalView(connected: AsyncLocalStorage<Services>): Services {
  return new Proxy({} as Services, {
    get(_t, prop) {
      const s = connected.getStore();
      if (!s) throw new AppFailure(makeError('unauthenticated'));
      const v = Reflect.get(s, prop, s) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(s) : v;
    },
  });
}

/**
 * The audit actor of a call: the signed-in account's username — the one place every face's
 * writes take it from (the office-network phase takes it from the database's current_user).
 */
export function actorOf(call: CallContext): string {
  return call.principal?.username ?? '-';
}

/** What the caller may see (accounts/visibility.ts): every reading handler passes it to its service. */
export function viewer(call: CallContext): Viewer | undefined {
  return viewerOf(call.principal);
}

/**
 * The archive acts as the signed-in account: the audit names them, and without the
 * confidential grant the dossiers that need it are not there (archive/archiveService.ts).
 */
export function archiveActor(call: CallContext): ArchiveActor {
  return archiveActorOf(call.principal, actorOf(call));
}

/*
 * Modules that bring heavy libraries (pdf-lib, node-forge, exceljs, csv-parse) are imported by
 * the handlers that use them, so the web host and the app's database worker start without them.
 */
export function createHandlers(host: Services, ctx: HandlerContext): Handlers {
  const personal = ctx.personal ?? null;
  /** Personal mode: each session's own connection, by session id. */
  const connections = new Map<string, Services>();
  const connected = new AsyncLocalStorage<Services>();
  const services = personal ? personalView(connected) : host;
  const closeConnection = (s: AppSession) => {
    const conn = connections.get(s.id);
    connections.delete(s.id);
    void conn?.close().catch(() => {});
  };
  const jobs = new JobRegistry((e) => toResultError(e, host.log, 'job'));
  // The sessions re-read their account on the person's connection; a locked one (whose
  // connection is closed) on the host's, which only reads whether it is still active.
  const accountsNow = personal
    ? new Proxy({} as AccountService, {
        get(_t, prop) {
          const a = (connected.getStore() ?? host).accounts;
          const v = Reflect.get(a, prop, a) as unknown;
          return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(a) : v;
        },
      })
    : host.accounts;
  const sessions = new SessionRegistry(accountsNow, host.clock, personal ? { ended: closeConnection, locked: closeConnection } : {});
  /**
   * Personal mode: connects as the person. A login the server refuses is checked again as the
   * app's own sign-in on the host's connection, so it counts towards the lock-out and is
   * audited like any wrong password (never with the password); a password the app knows and
   * the server does not (an office just moved, migrate-to) must be set again by the administrator.
   */
  const connectAs = async (usernameInput: unknown, password: unknown): Promise<Services> => {
    let username: string;
    try {
      username = normalizeUsername(usernameInput);
    } catch {
      // Not a user name (a password typed in the wrong box?): never sent to the server.
      await host.accounts.authenticate(usernameInput, password, { signIn: false });
      throw new AppFailure(makeError('invalid_credentials'));
    }
    try {
      return await personal!.open(username, typeof password === 'string' ? password : '');
    } catch (e) {
      if (!(isAppFailure(e) && e.error.code === 'db_auth')) throw e;
      await host.accounts.authenticate(username, password, { signIn: false });
      await host.accounts.dbPasswordUnknown(username);
      throw new AppFailure(makeError('db_password_reset_needed', { params: { value: username } }));
    }
  };
  /** Personal mode: the app's own check (lock-out, disabled, must change) on the person's connection. */
  const authenticateOn = async (conn: Services, username: unknown, password: unknown) => {
    try {
      return await connected.run(conn, () => conn.accounts.authenticate(username, password));
    } catch (e) {
      await conn.close().catch(() => {});
      throw e;
    }
  };
  const notFoundJob = (): never => {
    throw new AppFailure(makeError('not_found', { field: 'jobId' }));
  };
  const foldersView = async (): Promise<ExchangeFoldersView> => {
    const { lastPass } = await import('../interchange/watcher.js');
    return {
      ...(await services.interchange.folders()),
      watching: ctx.watcher?.watching ?? false,
      lastPass: lastPass(services.interchange),
    };
  };
  /** The caller's session (dispatch lets only signed-in callers reach the methods that use it). */
  const own = (c: CallContext): AppSession => {
    const s = c.session.get();
    if (!s) throw new AppFailure(makeError('unauthenticated'));
    return s;
  };
  /** History views show who acted by full name (the trail records the username). */
  const withNames = async (entries: { seq: number; at: string; actor: string; action: string; data: unknown }[]) => {
    const names = await services.accounts.fullNames(entries.map((e) => e.actor));
    return entries.map(({ seq, at, actor, action, data }) => ({
      seq,
      at,
      actor,
      actorName: names.get(actor) ?? null,
      action,
      data,
    }));
  };
  /** An administrator's change reaches the account's open sessions at their next call, not in 30 s. */
  const changed = async (done: Promise<AccountView>): Promise<AccountView> => {
    const a = await done;
    sessions.accountChanged(a.username);
    return a;
  };
  const signIn = async (c: CallContext, signedIn: Parameters<SessionRegistry['open']>[0], conn?: Services) => {
    sessions.close(c.session.get());
    const s = sessions.open(signedIn);
    if (conn) connections.set(s.id, conn);
    c.session.set(s);
    return conn ? connected.run(conn, () => sessions.view(s)) : sessions.view(s);
  };
  const handlers: Handlers = {
    'auth.status': async (_i, c) => {
      const s = c.session.get();
      // Before anyone signs in (the sign-in screen's organisation name, the first run) on the host's connection.
      return {
        orgName: (await host.orgInfo()).orgName,
        setupNeeded: await host.accounts.needsSetup(),
        session: s ? await sessions.view(s) : null,
      };
    },
    'auth.setup': async (i, c) => {
      // The first administrator is made on the host's connection (the owner's, with CREATEROLE)…
      const made = await host.accounts.setup(i);
      if (!personal) return signIn(c, made);
      // …and works from then on as their own login role.
      return signIn(c, made, await connectAs(made.principal.username, i.password));
    },
    'auth.login': async (i, c) => {
      // A new sign-in replaces whatever session this caller had, whoever's it was.
      sessions.close(c.session.get());
      c.session.set(null);
      if (!personal) return signIn(c, await services.accounts.authenticate(i.username, i.password));
      const conn = await connectAs(i.username, i.password);
      return signIn(c, await authenticateOn(conn, i.username, i.password), conn);
    },
    'auth.logout': async (_i, c) => {
      sessions.close(c.session.get());
      c.session.set(null);
      return { signedOut: true };
    },
    'auth.unlock': async (i, c) => {
      const s = own(c);
      if (personal) {
        // The lock closed the person's connection: the password opens a new one.
        const conn = await connectAs(s.principal.username, i.password);
        await authenticateOn(conn, s.principal.username, i.password);
        closeConnection(s);
        connections.set(s.id, conn);
        return connected.run(conn, async () => {
          sessions.unlock(s);
          return sessions.view((await sessions.reload(s)) ?? s);
        });
      }
      // The same person's password: a wrong one counts towards the lock-out like a sign-in.
      await services.accounts.authenticate(s.principal.username, i.password);
      sessions.unlock(s);
      return sessions.view((await sessions.reload(s)) ?? s);
    },
    'auth.changePassword': async (i, c) => {
      const s = own(c);
      await services.accounts.changePassword(s.principal.username, i.current, i.next);
      if (personal) {
        // The pool's next connections sign in with the new password.
        const conn = await connectAs(s.principal.username, i.next);
        closeConnection(s);
        connections.set(s.id, conn);
        return connected.run(conn, async () => {
          sessions.unlock(s);
          return sessions.view((await sessions.reload(s)) ?? s);
        });
      }
      sessions.unlock(s);
      return sessions.view((await sessions.reload(s)) ?? s);
    },
    'auth.ping': async (_i, c) => {
      const s = own(c);
      sessions.touch(s);
      return { locked: s.locked };
    },
    'account.list': () => services.accounts.list(),
    'account.add': (i, c) => services.accounts.add(i, actorOf(c)),
    'account.update': (i, c) => changed(services.accounts.update(i, actorOf(c))),
    'account.disable': (i, c) => changed(services.accounts.setActive(i.username, false, actorOf(c))),
    'account.enable': (i, c) => changed(services.accounts.setActive(i.username, true, actorOf(c))),
    'account.resetPassword': (i, c) => changed(services.accounts.resetPassword(i.username, i.password, actorOf(c))),
    'settings.get': async () => ({ idleLockMinutes: await sessions.idleLockMinutes() }),
    'settings.update': async (i, c) => {
      const r = await services.accounts.setIdleLockMinutes(i.idleLockMinutes, actorOf(c));
      sessions.forgetSettings();
      return r;
    },

    'app.info': async (_i, c) => {
      const [registers, org, totalIncoming] = await Promise.all([
        services.registers(viewer(c)),
        services.orgInfo(),
        services.store.read((r) => r.incoming.count(incomingVisibility(viewer(c)))),
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
    'incoming.add': (i, c) => services.incoming.add(i.data, { actor: actorOf(c), attachments: i.attachments, force: i.force, ocr: i.ocr }),
    'incoming.get': (i, c) => services.incoming.get(i.id, viewer(c)),
    'incoming.update': (i, c) => services.incoming.update(i.id, i.data, { actor: actorOf(c), force: i.force, viewer: viewer(c) }),
    'incoming.void': (i, c) => services.incoming.void(i.id, i.reason, { actor: actorOf(c), viewer: viewer(c) }),
    'incoming.list': (i, c) => services.incoming.list(i, viewer(c)),
    'incoming.outline': (i, c) => services.incoming.outline(i, { viewer: viewer(c) }),
    'incoming.nextNumber': (i) => services.incoming.nextNumber(i),
    'incoming.organNames': (i, c) => services.incoming.organNames(i.prefix, i.limit, viewer(c)),
    'incoming.audit': async (i, c) => withNames(await services.incoming.auditTrail(i.id, viewer(c))),
    'incoming.attachment': async (i, c) => {
      const doc = await services.incoming.get(i.id, viewer(c), 'attachment');
      const att = doc.attachments.find((a) => a.id === i.attachmentId);
      if (!att) throw new AppFailure(makeError('not_found', { field: 'attachmentId' }));
      // The stored name came from outside: offered for download only in its safe form.
      return {
        fileName: safeFileName(att.fileName, att.mime),
        mime: att.mime,
        bytes: new Uint8Array(await services.files.read(att.sha256)),
      };
    },
    'search.incoming': (i, c) => services.search.search(i, viewer(c)),
    'search.count': (i, c) => services.search.count(i, viewer(c)),
    'register.list': (_i, c) => services.registers(viewer(c)),
    'register.print': async (i, c) => {
      const { buildIncomingRegisterPdf } = await import('../pdf/printRegister.js');
      const book = await buildIncomingRegisterPdf(services, i, viewer(c));
      return { fileName: book.fileName, bytes: book.bytes, documents: book.documents };
    },
    'import.start': async (i, c) => {
      // The importer streams from a file: park the upload in a private temp folder, under a
      // name that is a plain file name whatever the client sent ("." and ".." included);
      // its extension still tells CSV from JSON Lines.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-import-'));
      const removeDir = () => rmSync(dir, { recursive: true, force: true });
      try {
        const file = path.join(dir, safeFileName(i.fileName.replace(/[^\p{L}\p{N}._-]/gu, '_'), null, 'import.csv'));
        writeFileSync(file, i.bytes, { flag: 'wx' });
        const { importIncomingFile } = await import('../incoming/import/importService.js');
        return jobs.start(actorOf(c), async (signal, progress) => {
          try {
            return await importIncomingFile(services, file, {
              skipInvalid: i.skipInvalid ?? false,
              actor: actorOf(c),
              signal,
              onRows: progress,
            });
          } finally {
            removeDir();
          }
        });
      } catch (e) {
        removeDir();
        throw e;
      }
    },
    'job.status': async (i, c) => jobs.status(i.jobId, actorOf(c)) ?? notFoundJob(),
    'job.cancel': async (i, c) => jobs.cancel(i.jobId, actorOf(c)) ?? notFoundJob(),
    'maintenance.check': () => services.check(),

    'outgoing.draft': (i, c) => services.outgoing.draft(i.data, { actor: actorOf(c) }),
    'outgoing.update': (i, c) => services.outgoing.update(i.id, i.data, { actor: actorOf(c), viewer: viewer(c) }),
    'outgoing.approve': (i, c) => services.outgoing.approve(i.id, { actor: actorOf(c), viewer: viewer(c) }),
    'outgoing.number': (i, c) => services.outgoing.number(i.id, { actor: actorOf(c), register: i.register, viewer: viewer(c) }),
    'outgoing.get': (i, c) => services.outgoing.get(i.id, viewer(c)),
    'outgoing.list': (i, c) => services.outgoing.list(i, viewer(c)),
    'outgoing.search': (i, c) => services.outgoing.search(i.query, i.limit, viewer(c)),
    'outgoing.preview': (i) => services.outgoing.preview(i.data),
    'outgoing.pdf': (i, c) => services.outgoing.pdf(i.id, viewer(c)),
    'outgoing.sign': async (i, c) => {
      // The document first: no key file is opened and no token process started for a document that is not there.
      await services.outgoing.get(i.id, viewer(c), 'sign');
      const { Pkcs12Signer } = await import('../signing/pkcs12Signer.js');
      const signer = i.p12 ? await Pkcs12Signer.open(i.p12.bytes, i.p12.password) : await services.openTokenSigner(i.pkcs11!);
      try {
        return await services.signing.sign(i.id, { as: i.as, signer, image: i.image ?? null, actor: actorOf(c) });
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
    'outgoing.issuePaper': (i, c) => services.outgoing.issuePaper(i.id, { actor: actorOf(c), copies: i.copies, viewer: viewer(c) }),
    'outgoing.registerPrint': async (i, c) => {
      const { buildOutgoingRegisterPdf } = await import('../pdf/printRegister.js');
      const book = await buildOutgoingRegisterPdf(services, i, viewer(c));
      return { fileName: book.fileName, bytes: book.bytes, documents: book.documents };
    },
    'outgoing.audit': async (i, c) => withNames(await services.outgoing.auditTrail(i.id, viewer(c))),
    'signature.verify': (i) => services.verify(i.bytes),
    'trust.add': (i, c) => services.trust.add(i.pem, actorOf(c)),
    'trust.list': () => services.trust.list(),
    'trust.import': (i, c) => services.trust.import(i.bytes, { legacy: i.legacy, actor: actorOf(c) }),
    'trust.setLegacy': (i, c) => services.trust.setLegacy(i.id, i.legacy, actorOf(c)),
    'trust.remove': (i, c) => services.trust.remove(i.id, actorOf(c)),

    'organ.list': () => services.interchange.listOrgans(),
    'organ.add': (i, c) => services.interchange.addOrgan(i, actorOf(c)),
    'organ.import': (i, c) => services.interchange.importOrgans(i.bytes, actorOf(c)),
    'edxml.receive': (i, c) => services.interchange.receive(i.bytes, { actor: actorOf(c) }),
    'edxml.received': () => services.interchange.listReceived(),
    'edxml.preview': (i) => services.interchange.preview(i.id),
    'edxml.register': (i, c) =>
      services.interchange.register(i.id, { actor: actorOf(c), force: i.force ?? false, ...(i.fields ? { fields: i.fields } : {}) }),
    'edxml.refuse': (i, c) => services.interchange.refuse(i.id, i.reason, actorOf(c)),
    'edxml.deliveries': (i) => services.interchange.deliveries(i.id),
    'edxml.send': (i, c) =>
      services.interchange.sendToOutbox(i.id, i.to, {
        actor: actorOf(c),
        businessType: BUSINESS_TYPE_OF_KIND[i.kind ?? 'new'],
        ...(i.reason !== undefined ? { reason: i.reason } : {}),
        ...(i.replaces !== undefined ? { replaces: i.replaces } : {}),
      }),
    'exchange.folders': async () => foldersView(),
    'exchange.setFolders': async (i, c) => {
      await services.interchange.setFolders(i, actorOf(c));
      return foldersView();
    },
    'exchange.run': async (_i, c) => {
      const { runPass } = await import('../interchange/watcher.js');
      return runPass(services.interchange, actorOf(c), () => toVnIso(services.clock()));
    },

    'unit.list': () => services.directory.listUnits(),
    'unit.add': (i, c) => services.directory.addUnit(i.code, i.name, actorOf(c)),
    'incoming.assign': (i, c) => {
      const { id, ...input } = i;
      return services.assignments.assign(id, input, actorOf(c), viewer(c));
    },
    'incoming.progress': (i, c) => {
      const { id, ...input } = i;
      return services.assignments.progress(id, input, actorOf(c), viewer(c));
    },
    'incoming.assignments': (i, c) => services.assignments.current(i.id, viewer(c)),
    'incoming.routingSlip': async (i, c) => {
      const { buildRoutingSlip } = await import('../pdf/routingSlip.js');
      const slip = await buildRoutingSlip(services, i.id, viewer(c));
      return { fileName: slip.fileName, bytes: slip.bytes };
    },
    'incoming.stamp': async (i, c) => {
      // The stamped copy carries the document's file: opened like its attachment (refused when hidden, audited when confidential).
      await services.incoming.get(i.id, viewer(c), 'stamp');
      return services.capture.arrivalStamp(i.id, { alone: i.alone });
    },
    'capture.read': async (i) => {
      const { parsePageRange, withoutExtras } = await import('../capture/captureService.js');
      const range = parsePageRange(i.pages);
      const r = await services.capture.read(i, { mode: 'auto', ...(range ? { range } : {}) });
      return withoutExtras(r);
    },
    'capture.fields': (i) => services.capture.capture(i),
    'capture.start': async (i, c) =>
      jobs.start(actorOf(c), async (signal, progress) => {
        const r = await services.capture.capture(i, { signal, onProgress: (p) => progress(p.page, p.pages) });
        // A file read moments ago comes back remembered, without page events: its pages are all read.
        progress(r.extraction.pages.length, r.extraction.pages.length);
        return r;
      }),
    'capture.status': async (i, c) => jobs.status(i.jobId, actorOf(c)) ?? notFoundJob(),
    'capture.cancel': async (i, c) => jobs.cancel(i.jobId, actorOf(c)) ?? notFoundJob(),
    'task.list': (i) => services.tasks.list(i),
    'task.add': (i, c) => services.tasks.add(i.data, actorOf(c)),
    'task.update': (i, c) => services.tasks.update(i.id, i.data, actorOf(c)),
    'followup.overdue': (i, c) => services.assignments.overdue(i, viewer(c)),
    'followup.dueSoon': (i, c) => services.assignments.dueSoon(i, viewer(c)),
    'followup.book': async (i, c) => {
      const { buildFollowUpBook } = await import('../workflow/followUpBook.js');
      const book = await buildFollowUpBook(services, i, viewer(c));
      return { fileName: book.fileName, bytes: book.bytes };
    },
    'followup.remind': async (i, c) => {
      const { draftReminder } = await import('../workflow/reminder.js');
      return draftReminder(services, {
        unit: i.unit,
        actor: actorOf(c),
        draftingUnit: i.draftingUnit,
        signer: { authority: i.signerAuthority ?? null, position: i.signerPosition, name: i.signerName },
      });
    },
    'calendar.holidays': (i) => services.calendar.holidays(i.year),
    'calendar.workingDays': (i) => services.calendar.addWorkingDays(i.from, i.days),
    'report.get': (i, c) => services.reports.report(i, viewer(c)),
    'report.export': async (i, c) => {
      const report = await services.reports.report(i, viewer(c));
      const org = await services.orgInfo();
      const fileName = `bao-cao-${i.from}-${i.to}.${i.format}`;
      const { exportReport } = await import('../reports/exportReport.js');
      return { fileName, bytes: await exportReport(report, fileName, { orgName: org.orgName, printedAt: new Date(services.clock()) }) };
    },
    'fileplan.get': (i, c) => services.archive.plan(i.year, archiveActor(c)),
    'fileplan.create': (i, c) => services.archive.createPlan(i, archiveActor(c)),
    'fileplan.addHeading': (i, c) => services.archive.addHeading(i, archiveActor(c)),
    'fileplan.addDossier': (i, c) => services.archive.addPlanDossier(i, archiveActor(c)),
    'fileplan.approve': (i, c) => services.archive.approvePlan(i, archiveActor(c)),
    'fileplan.copy': (i, c) => services.archive.copyPlan(i, archiveActor(c)),
    'dossier.open': (i, c) => services.archive.open(i, archiveActor(c)),
    'dossier.addDoc': (i, c) => services.archive.addDoc(i, archiveActor(c)),
    'dossier.removeDoc': (i, c) => services.archive.removeDoc(i, archiveActor(c)),
    'dossier.close': (i, c) => services.archive.close(i, archiveActor(c)),
    'dossier.get': (i, c) => services.archive.get(i.id, archiveActor(c)),
    'dossier.list': (i, c) => services.archive.list(i, archiveActor(c)),
    'dossier.ofDocument': (i, c) => services.archive.dossiersOf(i.kind, i.docId, archiveActor(c)),
    'fileplan.print': async (i, c) => (await import('../archive/archiveDocuments.js')).printFilePlan(services, i.year, archiveActor(c)),
    'dossier.index': async (i, c) => (await import('../archive/archiveDocuments.js')).printDossierIndex(services, i.id, archiveActor(c)),
    'dossier.correct': (i, c) => services.archive.correct(i, archiveActor(c)),
    'dossier.export': async (i, c) => {
      const x = await (await import('../archive/archiveDocuments.js')).exportDossierFiles(services, i.id, archiveActor(c));
      return { pdf: x.pdf, xml: x.xml, pages: x.pages };
    },
    'hold.add': (i, c) => services.disposition.placeHold(i, archiveActor(c)),
    'hold.lift': (i, c) => services.disposition.liftHold(i, archiveActor(c)),
    'hold.list': (i, c) => services.disposition.holds(i, archiveActor(c)),
    'handover.due': (i, c) => services.disposition.due(i, archiveActor(c)),
    'handover.keepBack': (i, c) => services.disposition.keepBack(i, archiveActor(c)),
    'handover.create': (i, c) => services.disposition.createHandover(i, archiveActor(c)),
    'handover.accept': (i, c) => services.disposition.acceptHandover(i, archiveActor(c)),
    'handover.get': (i, c) => services.disposition.handover(i.id, archiveActor(c)),
    'handover.list': (i, c) => services.disposition.handovers(i, archiveActor(c)),
    'handover.print': async (i, c) => (await import('../archive/archiveDocuments.js')).printHandover(services, i.id, archiveActor(c)),
    'handover.package': async (i, c) => {
      const p = await (await import('../archive/archiveDocuments.js')).packageHandover(services, i.id, archiveActor(c));
      return { fileName: p.fileName, bytes: p.bytes, sha256: p.sha256 };
    },
    'handover.verifyPackage': async (i) => {
      const r = await (await import('../archive/archiveDocuments.js')).verifyHandoverPackage(services, i.bytes);
      return { ok: r.ok, sha256: r.sha256, files: r.files, dossiers: r.dossiers, known: r.known };
    },
    'retention.expired': (i, c) => services.disposition.expired(i, archiveActor(c)),
    'destruction.propose': (i, c) => services.disposition.proposeDestruction(i, archiveActor(c)),
    'destruction.approve': (i, c) => services.disposition.approveDestruction(i, archiveActor(c)),
    'destruction.execute': (i, c) => services.disposition.executeDestruction(i, archiveActor(c)),
    'destruction.get': (i, c) => services.disposition.destruction(i.id, archiveActor(c)),
    'destruction.list': (i, c) => services.disposition.destructions(i, archiveActor(c)),
    'usage.add': (i, c) => services.disposition.addUsage(i, archiveActor(c)),
    'usage.return': (i, c) => services.disposition.returnUsage(i, archiveActor(c)),
    'usage.list': (i, c) => services.disposition.usage(i, archiveActor(c)),
    'usage.print': async (i, c) => (await import('../archive/archiveDocuments.js')).printUsage(services, i, archiveActor(c)),
    'letter.add': (i, c) => services.letters.add(i.data, letterActorFor(c.principal)),
    'letter.get': (i, c) => services.letters.get(i.id, letterActorFor(c.principal)),
    'letter.attach': async (i, c) => {
      const who = letterActorFor(c.principal);
      // The letter and the file are checked at once; the reading (OCR) goes on in the background.
      await services.letterFiles.check(i.id, i, who);
      return jobs.start(actorOf(c), (signal, progress) =>
        services.letterFiles.attach(i.id, i, { ocr: i.ocr, signal, onProgress: progress }, who),
      );
    },
    'letter.attachStatus': async (i, c) => jobs.status(i.jobId, actorOf(c)) ?? notFoundJob(),
    'letter.attachCancel': async (i, c) => jobs.cancel(i.jobId, actorOf(c)) ?? notFoundJob(),
    'letter.text': (i, c) => services.letterFiles.texts(i.id, letterActorFor(c.principal)),
    'letter.attachment': (i, c) => services.letterFiles.file(i.id, i.attachmentId, letterActorFor(c.principal)),
    'letter.update': (i, c) => services.letters.update(i.id, i.data, letterActorFor(c.principal)),
    'letter.list': (i, c) => services.letters.list(i, letterActorFor(c.principal)),
    'letter.duplicates': (i, c) => services.letters.duplicates(i.id, letterActorFor(c.principal)),
    'letter.link': (i, c) => services.letters.link(i.id, i.earlier, letterActorFor(c.principal)),
    'letter.classify': (i, c) => services.letters.classify(i.id, i, letterActorFor(c.principal)),
    'letter.handle': (i, c) => {
      switch (i.action) {
        case 'accept':
          return services.letters.accept(i.id, i, letterActorFor(c.principal));
        case 'transfer':
          return services.letters.transfer(i.id, i, letterActorFor(c.principal));
        case 'guide':
          return services.letters.guide(i.id, i, letterActorFor(c.principal));
        case 'file':
          return services.letters.file(i.id, i, letterActorFor(c.principal));
        case 'return':
          return services.letters.returnLetter(i.id, i, letterActorFor(c.principal));
      }
    },
    'letter.answer': (i, c) => services.letters.answer(i.id, i, letterActorFor(c.principal)),
    'letter.followUp': (i, c) => services.letters.followUp(i, letterActorFor(c.principal)),
    'letter.stats': (i, c) => services.letterStats.stats(i, letterActorFor(c.principal).access),
    'letter.export': (i, c) => services.letters.exportCsv(i, letterActorFor(c.principal)),
    'report.office': async (i) => (await import('../letters/officeReport.js')).officeReport(services, i),
    'report.officeDraft': async (i, c) => (await import('../letters/officeReport.js')).draftOfficeReport(services, i, c.principal!),
    'letter.slip': async (i, c) => {
      const { buildLetterSlip } = await import('../letters/letterSlip.js');
      return buildLetterSlip(services, i.id, i.kind, letterActorFor(c.principal));
    },
    'letter.settings': (i, c) => (i.patch ? services.letters.updateSettings(i.patch, { actor: actorOf(c) }) : services.letters.settings()),
    'hotline.add': (i, c) => services.hotline.add(i, letterActorFor(c.principal)),
    'hotline.get': (i, c) => services.hotline.get(i.id, letterActorFor(c.principal)),
    'hotline.toLetter': (i, c) => services.letters.fromHotline(i.id, i, letterActorFor(c.principal)),
    'hotline.list': (i, c) => services.hotline.list(i, letterActorFor(c.principal)),
    'hotline.handle': (i, c) => {
      switch (i.action) {
        case 'forward':
          return services.hotline.forward(i.id, i, letterActorFor(c.principal));
        case 'answer':
          return services.hotline.answer(i.id, i, letterActorFor(c.principal));
        case 'close':
          return services.hotline.close(i.id, i, letterActorFor(c.principal));
      }
    },
  };
  runtimes.set(handlers, {
    log: host.log,
    sessions,
    services,
    // Personal mode: a session's calls run in its connection's context; a session without
    // one (locked: its connection closed) reaches only what needs no database of its own.
    within: personal
      ? (s, fn) => {
          const conn = s ? connections.get(s.id) : undefined;
          return conn ? connected.run(conn, fn) : fn();
        }
      : (_s, fn) => fn(),
  });
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

/** What stands behind a handler table (set by createHandlers): its log, sessions and services. */
const runtimes = new WeakMap<
  Handlers,
  {
    log: LocalLog;
    sessions: SessionRegistry;
    services: Services;
    within: <T>(session: AppSession | null, fn: () => Promise<T>) => Promise<T>;
  }
>();

/** The sessions of a handler table: the faces resolve their callers' sessions here. */
export function sessionsOf(handlers: Handlers): SessionRegistry {
  const r = runtimes.get(handlers);
  if (!r) throw new Error('handlers not made by createHandlers');
  return r.sessions;
}

/**
 * Validates, authorises and runs one call. Never throws: every outcome is a Result.
 * `slot` is the caller's session (the window's; the request cookie's). The permission
 * table is applied here and only here for every face of the contract; a call refused for
 * want of a role answers `forbidden` (naming the method and the roles that would do),
 * runs nothing, and is written to the audit trail.
 */
export async function dispatch(handlers: Handlers, method: unknown, rawInput: unknown, slot: SessionSlot): Promise<Result<unknown>> {
  const checked = parseCall(method, rawInput);
  if (!checked.ok) return checked;
  const rt = runtimes.get(handlers);
  const first = slot.get();
  const within = rt ? rt.within : <T>(_s: AppSession | null, fn: () => Promise<T>) => fn();
  return within(first, () => run(handlers, rt, checked.value.method, checked.value.input, slot));
}

async function run(
  handlers: Handlers,
  rt: ReturnType<(typeof runtimes)['get']>,
  m: MethodName,
  input: unknown,
  slot: SessionSlot,
): Promise<Result<unknown>> {
  try {
    let session = slot.get();
    if (session && rt) {
      session = await rt.sessions.refresh(session);
      if (!session) slot.set(null);
    }
    const caller = session
      ? { roles: session.principal.roles, locked: session.locked, mustChangePassword: session.mustChangePassword }
      : null;
    const denial = authorize(METHOD_ACCESS[m], caller, input);
    if (denial) {
      if (denial.code === 'forbidden' && session && rt) {
        await rt.services.accounts.recordRefusal(session.principal.username, { method: m, needed: denial.needed });
      }
      return fail(denialError(denial, m));
    }
    const handler = handlers[m] as (i: unknown, c: CallContext) => Promise<unknown>;
    return ok(await handler(input, { principal: session?.principal ?? null, session: slot }));
  } catch (e) {
    return fail(toResultError(e, rt?.log, m));
  }
}
