/**
 * The permission matrix: the ONE table that says who may call each contract method and each
 * CLI command, and the ONE function that applies it (`authorize`). `dispatch` (the IPC
 * worker, the web host, tests) checks contract methods with it; the CLI checks its commands
 * with it, keyed by command name — a command that does what a method does names that method,
 * so both faces obey the same entry. The office-network phase derives the database's GRANTs
 * from the same table (`rolesOf`).
 *
 * What rows a permitted call sees (confidential documents, a specialist's unit) is decided
 * by the services and repositories (src/main/accounts/visibility.ts), not here.
 *
 * Type-only imports: the renderer reads this table to hide what a role cannot use.
 */
import type { MethodName } from './contract.js';
import { roleList, ROLES, type Role } from './domain/accounts.js';
import { makeError } from './errors.js';
import type { AppError } from './result.js';

export type Access =
  /** Anyone, signed in or not (signing in, the first-run setup). */
  | { readonly kind: 'public' }
  /** Any session, even a locked one or one whose password must be changed first (sign out, unlock, change password). */
  | { readonly kind: 'session' }
  /** Anyone signed in (unlocked, password current), whatever the role. */
  | { readonly kind: 'signedIn' }
  /**
   * Anyone with at least one of `roles`. `refine` narrows by the input where one method
   * does two things of different rights (signing as the official or as the organisation).
   */
  | { readonly kind: 'roles'; readonly roles: readonly Role[]; readonly refine?: (input: unknown) => readonly Role[] };

const PUBLIC: Access = { kind: 'public' };
const SESSION: Access = { kind: 'session' };
const SIGNED_IN: Access = { kind: 'signedIn' };
const only = (...roles: Role[]): Access => ({ kind: 'roles', roles });

/** Who reads documents (each sees only what visibility allows: confidential, own unit). */
const READERS = only('clerk', 'leader', 'specialist', 'archivist');

/**
 * Every contract method. The type makes a missing method a compile error; a test also
 * fails when one is missing (tests/unit/accounts/permissions.test.ts).
 */
export const METHOD_ACCESS: { readonly [M in MethodName]: Access } = {
  // Sessions and accounts
  'auth.status': PUBLIC,
  'auth.setup': PUBLIC,
  'auth.login': PUBLIC,
  'auth.logout': SESSION,
  'auth.unlock': SESSION,
  'auth.changePassword': SESSION,
  'auth.ping': SESSION,
  'account.list': only('admin'),
  'account.add': only('admin'),
  'account.update': only('admin'),
  'account.disable': only('admin'),
  'account.enable': only('admin'),
  'account.resetPassword': only('admin'),
  'settings.get': SIGNED_IN,
  'settings.update': only('admin'),

  'app.info': SIGNED_IN,
  // Incoming register: the clerk registers, corrects and voids; readers read.
  'incoming.add': only('clerk'),
  'incoming.get': READERS,
  'incoming.update': only('clerk'),
  'incoming.void': only('clerk'),
  'incoming.list': READERS,
  'incoming.outline': READERS,
  'incoming.nextNumber': only('clerk'),
  'incoming.organNames': READERS,
  'incoming.audit': READERS,
  'incoming.attachment': READERS,
  'search.incoming': READERS,
  'search.count': READERS,
  'register.list': SIGNED_IN,
  'register.print': only('clerk', 'archivist'),
  'import.start': only('clerk'),
  'job.status': only('clerk'),
  'job.cancel': only('clerk'),
  'maintenance.check': only('admin'),

  // Outgoing: specialists and leaders draft, leaders approve and sign as the official;
  // the clerk numbers, signs as the organisation and issues.
  'outgoing.draft': only('specialist', 'leader'),
  'outgoing.update': only('specialist', 'leader'),
  'outgoing.approve': only('leader'),
  'outgoing.number': only('clerk'),
  'outgoing.get': READERS,
  'outgoing.list': READERS,
  'outgoing.search': READERS,
  'outgoing.preview': only('specialist', 'leader'),
  'outgoing.pdf': READERS,
  'outgoing.sign': {
    kind: 'roles',
    roles: ['leader', 'clerk'],
    refine: (input) => ((input as { as?: unknown } | null)?.as === 'official' ? ['leader'] : ['clerk']),
  },
  'token.list': only('leader', 'clerk'),
  'outgoing.issuePaper': only('clerk'),
  'outgoing.registerPrint': only('clerk', 'archivist'),
  'outgoing.audit': READERS,
  'signature.verify': SIGNED_IN,
  'trust.add': only('admin'),
  'trust.list': SIGNED_IN,

  // Processing and follow-up: leaders direct; specialists report on their unit's work.
  'unit.list': SIGNED_IN,
  'unit.add': only('clerk', 'admin'),
  'incoming.assign': only('leader'),
  'incoming.progress': only('specialist', 'leader'),
  'incoming.assignments': READERS,
  'incoming.routingSlip': READERS,
  'task.list': only('clerk', 'leader', 'specialist'),
  'task.add': only('clerk', 'leader'),
  'task.update': only('clerk', 'leader'),
  'followup.overdue': only('clerk', 'leader', 'specialist'),
  'followup.dueSoon': only('clerk', 'leader', 'specialist'),
  'followup.book': only('clerk', 'leader'),
  'followup.remind': only('clerk', 'leader'),
  'calendar.holidays': SIGNED_IN,
  'calendar.workingDays': SIGNED_IN,
  // Statistics: leaders and clerks for every unit; a specialist for their own unit.
  'report.get': only('leader', 'clerk', 'specialist'),
  'report.export': only('leader', 'clerk', 'specialist'),

  // This PC's database setting: shown to anyone signed in, changed by the administrator.
  'connection.get': SIGNED_IN,
  'connection.set': only('admin'),
  // Trust anchors are the administrator's, like trust.add.
  'trust.import': only('admin'),
  'trust.setLegacy': only('admin'),
  'trust.remove': only('admin'),

  // The archive: the clerk and the archivist draw up the yearly file plan, a leader approves
  // it; dossiers are made by whoever handles the work (clerk, specialist, archivist) — Decree
  // 30 Art. 29 and the Law on Archives 2024 (archive.md §1.2, §3.1): the person assigned the
  // work opens, fills and closes its dossier. A specialist files only documents they may see
  // and changes only their unit's dossiers or those they opened (archive/archiveService.ts;
  // on PostgreSQL also the database, migration 0177).
  'fileplan.get': READERS,
  'fileplan.create': only('archivist', 'clerk'),
  'fileplan.addHeading': only('archivist', 'clerk'),
  'fileplan.addDossier': only('archivist', 'clerk'),
  'fileplan.copy': only('archivist', 'clerk'),
  'fileplan.approve': only('leader'),
  'dossier.open': only('archivist', 'clerk', 'specialist'),
  'dossier.addDoc': only('archivist', 'clerk', 'specialist'),
  'dossier.removeDoc': only('archivist', 'clerk', 'specialist'),
  'dossier.close': only('archivist', 'clerk', 'specialist'),
  'dossier.get': READERS,
  'dossier.list': READERS,
  'dossier.ofDocument': READERS,
  'fileplan.print': READERS,
  'dossier.index': READERS,
  // Correcting a declared record's metadata is the archivist's alone (old → new, audited).
  'dossier.correct': only('archivist'),
  // A dossier's documents and metadata as PDF + XML: whoever may read the dossier (audited).
  'dossier.export': READERS,
  // Keeping, handing over and disposing of records: the archivist's; the clerk hands the
  // office's dossiers over; a leader approves a destruction.
  'hold.add': only('archivist'),
  'hold.lift': only('archivist'),
  'hold.list': only('archivist', 'clerk', 'leader'),
  'handover.due': only('archivist', 'clerk'),
  'handover.keepBack': only('archivist', 'clerk'),
  'handover.create': only('archivist', 'clerk'),
  'handover.get': only('archivist', 'clerk'),
  'handover.list': only('archivist', 'clerk'),
  'handover.print': only('archivist', 'clerk'),
  'handover.package': only('archivist', 'clerk'),
  'handover.accept': only('archivist'),
  'handover.verifyPackage': only('archivist'),
  'retention.expired': only('archivist'),
  'destruction.propose': only('archivist'),
  'destruction.approve': only('leader'),
  'destruction.execute': only('archivist'),
  'destruction.get': only('archivist', 'leader'),
  'destruction.list': only('archivist', 'leader'),
  'usage.add': only('archivist'),
  'usage.return': only('archivist'),
  'usage.list': only('archivist'),
  'usage.print': only('archivist'),

  // Electronic interchange (edXML): the organ directory is kept like the units; receiving
  // and registering what arrives is the clerk's; a leader may follow deliveries.
  'organ.list': SIGNED_IN,
  'organ.add': only('clerk', 'admin'),
  'organ.import': only('clerk', 'admin'),
  'edxml.receive': only('clerk'),
  'edxml.received': only('clerk'),
  'edxml.preview': only('clerk'),
  'edxml.register': only('clerk'),
  'edxml.refuse': only('clerk'),
  'edxml.deliveries': only('clerk', 'leader'),
  // Sending an issued document (and recalling, updating, replacing it) is the clerk's. The
  // exchange folders are set by the administrator and shown to the clerk, who may also ask
  // the app to look into the inbox now.
  'edxml.send': only('clerk'),
  'exchange.folders': only('clerk', 'admin'),
  'exchange.setFolders': only('admin'),
  'exchange.run': only('clerk'),

  // Citizens' letters and hotline feedback: the reception clerk registers and routes, a
  // leader decides; a specialist reads and drafts the answer. The settings are the administrator's.
  'letter.add': only('clerk', 'leader'),
  'letter.update': only('clerk', 'leader'),
  'letter.link': only('clerk', 'leader'),
  'letter.classify': only('clerk', 'leader'),
  'letter.handle': only('clerk', 'leader'),
  'letter.slip': only('clerk', 'leader'),
  'letter.answer': only('clerk', 'leader', 'specialist'),
  'letter.get': only('clerk', 'leader', 'specialist'),
  // A letter's scans and enclosures: whoever works on it adds them (a specialist, their unit's letters).
  'letter.attach': only('clerk', 'leader', 'specialist'),
  'letter.attachStatus': only('clerk', 'leader', 'specialist'),
  'letter.attachCancel': only('clerk', 'leader', 'specialist'),
  'letter.text': only('clerk', 'leader', 'specialist'),
  'letter.attachment': only('clerk', 'leader', 'specialist'),
  'letter.list': only('clerk', 'leader', 'specialist'),
  'letter.duplicates': only('clerk', 'leader', 'specialist'),
  'letter.followUp': only('clerk', 'leader', 'specialist'),
  'letter.stats': only('clerk', 'leader', 'specialist'),
  // The register as CSV: whoever reads it (each sees only their rows and what of people's data they may).
  'letter.export': only('clerk', 'leader', 'specialist'),
  // The office's periodic report: its figures are the whole office's (a leader, the clerk);
  // drafting it as an outgoing document is a leader's (outgoing.draft ∩ office-wide reading).
  'report.office': only('leader', 'clerk'),
  'report.officeDraft': only('leader'),
  'letter.settings': {
    kind: 'roles',
    roles: ['clerk', 'leader', 'specialist', 'admin'],
    refine: (input) => ((input as { patch?: unknown } | null)?.patch ? ['admin'] : ['clerk', 'leader', 'specialist', 'admin']),
  },
  'hotline.add': only('clerk', 'leader'),
  'hotline.handle': only('clerk', 'leader'),
  'hotline.toLetter': only('clerk', 'leader'),
  'hotline.get': only('clerk', 'leader', 'specialist'),
  'hotline.list': only('clerk', 'leader', 'specialist'),

  // Capture: reading a file's text is anyone's (like verifying its signatures); suggesting a
  // registration from it and stamping ĐẾN on a received document's copy are the clerk's.
  'capture.read': SIGNED_IN,
  'capture.fields': only('clerk'),
  'capture.start': only('clerk'),
  'capture.status': only('clerk'),
  'capture.cancel': only('clerk'),
  'incoming.stamp': only('clerk'),
};

/**
 * Every CLI command: a method name means "the same rule as that method" (the command does
 * what the method does); otherwise its own rule. `setup` is `init`: open to anyone on a
 * database without accounts (it creates the first administrator), an administrator's
 * command afterwards.
 */
export type CommandAccess = MethodName | Access | { readonly kind: 'setup' };

export const COMMAND_ACCESS: Readonly<Record<string, CommandAccess>> = {
  init: { kind: 'setup' },
  login: PUBLIC,
  // Removes this user's own session file (and its token from the database), if any.
  logout: PUBLIC,
  whoami: SESSION,
  passwd: 'auth.changePassword',
  verify: PUBLIC,
  'user add': 'account.add',
  'user list': 'account.list',
  'user update': 'account.update',
  'user disable': 'account.disable',
  'user enable': 'account.enable',
  'user reset-password': 'account.resetPassword',
  'settings get': 'settings.get',
  'settings set': 'settings.update',

  'incoming add': 'incoming.add',
  'incoming get': 'incoming.get',
  'incoming update': 'incoming.update',
  'incoming void': 'incoming.void',
  'incoming list': 'incoming.list',
  'incoming next-number': 'incoming.nextNumber',
  search: 'search.incoming',
  import: 'import.start',
  'register list': 'register.list',
  'register print': 'register.print',
  audit: 'incoming.audit',
  check: 'maintenance.check',
  backup: only('admin'),
  'migrate-to': only('admin'),

  'outgoing draft': 'outgoing.draft',
  'outgoing update': 'outgoing.update',
  'outgoing attach': 'outgoing.update',
  'outgoing approve': 'outgoing.approve',
  'outgoing get': 'outgoing.get',
  'outgoing list': 'outgoing.list',
  'outgoing search': 'outgoing.search',
  'outgoing number': 'outgoing.number',
  'outgoing pdf': 'outgoing.pdf',
  'outgoing attachment': 'outgoing.pdf',
  'outgoing issue': 'outgoing.issuePaper',
  'outgoing register': 'outgoing.registerPrint',
  'outgoing sign': 'outgoing.sign',
  'trust add': 'trust.add',
  'trust list': 'trust.list',
  // Which token libraries this PC may load: the administrator's setting (paths shown).
  'token add': only('admin'),
  'token list': only('admin'),
  'token remove': only('admin'),

  'unit add': 'unit.add',
  'unit import': 'unit.add',
  'unit list': 'unit.list',
  'person add': 'unit.add',
  'person import': 'unit.add',
  'person list': 'unit.list',
  'incoming assign': 'incoming.assign',
  'incoming progress': 'incoming.progress',
  'incoming assignments': 'incoming.assignments',
  'incoming slip': 'incoming.routingSlip',
  'task add': 'task.add',
  'task update': 'task.update',
  'task list': 'task.list',
  followup: 'followup.overdue',
  'followup print': 'followup.book',
  'followup remind': 'followup.remind',
  'calendar working-days': 'calendar.workingDays',
  'calendar holidays': 'calendar.holidays',
  'calendar adjust': only('admin'),
  report: 'report.get',

  // Reading a file's text, like `verify` of a file, needs no database and no account;
  // suggesting a registration from a scan is the clerk's.
  ocr: PUBLIC,
  capture: 'capture.fields',
  'trust import': 'trust.import',
  'trust legacy': 'trust.setLegacy',
  'trust remove': 'trust.remove',
  'fileplan show': 'fileplan.get',
  'fileplan create': 'fileplan.create',
  'fileplan add-heading': 'fileplan.addHeading',
  'fileplan add-dossier': 'fileplan.addDossier',
  'fileplan approve': 'fileplan.approve',
  'fileplan copy-from': 'fileplan.copy',
  'dossier open': 'dossier.open',
  'dossier add-doc': 'dossier.addDoc',
  'dossier remove-doc': 'dossier.removeDoc',
  'dossier close': 'dossier.close',
  'dossier get': 'dossier.get',
  'dossier list': 'dossier.list',

  'fileplan print': 'fileplan.print',
  'dossier index': 'dossier.index',
  'dossier export': 'dossier.export',
  'dossier correct': 'dossier.correct',
  'hold add': 'hold.add',
  'hold lift': 'hold.lift',
  'hold list': 'hold.list',
  'handover due': 'handover.due',
  'handover keep-back': 'handover.keepBack',
  'handover create': 'handover.create',
  'handover accept': 'handover.accept',
  'handover get': 'handover.get',
  'handover list': 'handover.list',
  'handover print': 'handover.print',
  'handover package': 'handover.package',
  'handover verify-package': 'handover.verifyPackage',
  'retention expired': 'retention.expired',
  'destroy propose': 'destruction.propose',
  'destroy approve': 'destruction.approve',
  'destroy execute': 'destruction.execute',
  'destroy get': 'destruction.get',
  'destroy list': 'destruction.list',
  'usage add': 'usage.add',
  'usage return': 'usage.return',
  'usage list': 'usage.list',
  'usage print': 'usage.print',

  'letter add': 'letter.add',
  'letter get': 'letter.get',
  'letter attach': 'letter.attach',
  'letter text': 'letter.text',
  'letter attachment': 'letter.attachment',
  'letter update': 'letter.update',
  'letter list': 'letter.list',
  'letter link': 'letter.link',
  'letter classify': 'letter.classify',
  'letter transfer': 'letter.handle',
  'letter guide': 'letter.handle',
  'letter accept': 'letter.handle',
  'letter file': 'letter.handle',
  'letter return': 'letter.handle',
  'letter answer': 'letter.answer',
  'letter slip': 'letter.slip',
  'letter followup': 'letter.followUp',
  'letter stats': 'letter.stats',
  'letter export': 'letter.export',
  // --draft makes an outgoing draft: the rule of report.officeDraft; else that of report.office.
  'report office': {
    kind: 'roles',
    roles: ['leader', 'clerk'],
    refine: (input) => ((input as { draft?: unknown } | null)?.draft === true ? ['leader'] : ['leader', 'clerk']),
  },
  'hotline add': 'hotline.add',
  'hotline get': 'hotline.get',
  'hotline forward': 'hotline.handle',
  'hotline answer': 'hotline.handle',
  'hotline close': 'hotline.handle',
  'hotline list': 'hotline.list',
  'hotline letter': 'hotline.toLetter',

  // The ĐẾN stamp on a stamped copy of a received document: the clerk's.
  'incoming stamp': 'incoming.stamp',
  // Electronic interchange (edXML): the directory of organs is kept like the units; sending,
  // receiving and registering what arrives is the clerk's work.
  'organ add': 'organ.add',
  'organ import': 'organ.import',
  'organ list': 'organ.list',
  'edxml export': only('clerk'),
  'edxml import': 'edxml.receive',
  'edxml status': only('clerk'),
  'edxml received': 'edxml.received',
  'edxml register': 'edxml.register',
  'edxml refuse': 'edxml.refuse',
  'edxml deliveries': 'edxml.deliveries',
  'exchange run': only('clerk'),
  'edxml send': 'edxml.send',
  'exchange folders': 'exchange.folders',
  'exchange set-folders': 'exchange.setFolders',
};

/** The rule of a CLI command (a method name resolved), or undefined for an unknown command. */
export function commandAccess(name: string): Access | { readonly kind: 'setup' } | undefined {
  if (!Object.prototype.hasOwnProperty.call(COMMAND_ACCESS, name)) return undefined;
  const a = COMMAND_ACCESS[name]!;
  return typeof a === 'string' ? METHOD_ACCESS[a] : a;
}

/** The caller as the check needs it: null when nobody is signed in. */
export interface CallerState {
  readonly roles: readonly Role[];
  /** Locked after idle minutes: only SESSION methods until the password is given again. */
  readonly locked: boolean;
  readonly mustChangePassword: boolean;
}

export type Denial =
  | { readonly code: 'unauthenticated' }
  | { readonly code: 'session_locked' }
  | { readonly code: 'password_change_required' }
  /** `needed`: any one of these roles would do. */
  | { readonly code: 'forbidden'; readonly needed: readonly Role[] };

/** Null when the call may go ahead; else why not. Cheap: called on every call. */
export function authorize(access: Access, caller: CallerState | null, input?: unknown): Denial | null {
  if (access.kind === 'public') return null;
  if (!caller) return { code: 'unauthenticated' };
  if (access.kind === 'session') return null;
  if (caller.locked) return { code: 'session_locked' };
  if (caller.mustChangePassword) return { code: 'password_change_required' };
  if (access.kind === 'signedIn') return null;
  const needed = access.refine ? access.refine(input) : access.roles;
  for (const r of needed) if (caller.roles.includes(r)) return null;
  return { code: 'forbidden', needed };
}

/** Whether these roles may call the method at all (the page hides what they cannot). */
export function mayCall(method: MethodName, roles: readonly Role[], input?: unknown): boolean {
  return authorize(METHOD_ACCESS[method], { roles, locked: false, mustChangePassword: false }, input) === null;
}

/** The roles whose members may call a method (every role for the open ones): the database phase's GRANTs. */
export function rolesOf(method: MethodName): readonly Role[] {
  const a = METHOD_ACCESS[method];
  return a.kind === 'roles' ? a.roles : ROLES;
}

/**
 * The coded error of a refusal. `what` is the method or command refused; a `forbidden`
 * names it and the roles that would do (details.method, details.needed).
 */
export function denialError(d: Denial, what: string): AppError {
  if (d.code !== 'forbidden') return makeError(d.code);
  return {
    code: 'forbidden',
    message: `Tài khoản của bạn không có quyền «${what}»: cần vai trò ${roleList(d.needed)}.`,
    details: { method: what, needed: [...d.needed] },
  };
}
