/**
 * The table privileges of each group role (migration 0090 makes the roles and the row-level
 * policies): the permission table (src/shared/permissions.ts) translated into what each
 * role's calls read and write. Rows are narrowed further by the policies (confidential
 * documents, a specialist's unit). No group may UPDATE or DELETE the audit trail, nor run
 * DDL: the tables belong to the owner role.
 *
 * Applied after every migration run that changed the schema (migrate.ts), REVOKE then GRANT,
 * so the database holds exactly this. A migration that adds a table adds it here; a test
 * (tests/unit/postgres/rights.test.ts) fails for a table that is in neither list.
 */
import type pg from 'pg';
import type { Role } from '../../../shared/domain/accounts.js';

/** The groups of one office database: every account's base group, the roles, the grant. */
export type Group = 'user' | Role | 'confidential';
export const GROUPS: readonly Group[] = ['user', 'clerk', 'leader', 'specialist', 'archivist', 'admin', 'confidential'];

/** A table privilege, or UPDATE of some columns only. */
type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | `UPDATE (${string})` | `SELECT (${string})`;
type Grants = Partial<Record<Group, readonly Privilege[]>>;

const R: readonly Privilege[] = ['SELECT'];
const RI: readonly Privilege[] = ['SELECT', 'INSERT'];
const RIU: readonly Privilege[] = ['SELECT', 'INSERT', 'UPDATE'];
const RIUD: readonly Privilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const RID: readonly Privilege[] = ['SELECT', 'INSERT', 'DELETE'];

/** The roles that read documents (READERS in permissions.ts). */
const readers = (p: readonly Privilege[] = R): Grants => ({ clerk: p, leader: p, specialist: p, archivist: p });
/**
 * Document tables: SELECT for everyone, the rows being the policies' business (an administrator
 * alone sees none). Policies run with the caller's privileges, and the policies of the files,
 * the trail and the assignments look into these tables: without SELECT there, reading even
 * an allowed row would fail.
 */
const documents = (writers: Grants = {}): Grants => ({ user: R, ...writers });

export const TABLE_RIGHTS: Readonly<Record<string, Grants>> = {
  vanthu_schema: { user: R },
  vt_rights: { user: R },
  // The organisation, settings and the audit head copy (policy: others write only that key).
  meta: { user: RIU },
  registers: { user: R, clerk: RIU, admin: RIU },
  // Numbers are allocated in the registering transaction (clerk).
  register_counters: { user: R, clerk: RIU },
  incoming_documents: documents({ clerk: RIU }),
  incoming_attachments: documents({ clerk: RIU }),
  incoming_organs: { ...readers(), clerk: RIU },
  // Stored files: whoever may attach writes new content; reading is filtered by policy.
  blobs: { user: RI },
  // A destruction (archivist) empties a content's row and removes its chunks; whoever stores
  // the same bytes again refills the row (INSERT … ON CONFLICT DO UPDATE; a trigger guards it).
  blob_contents: { user: RIU },
  blob_chunks: { user: RI, archivist: RID },
  // The text of stored files (capture) is read with the files; a document's content index with it.
  blob_pages: { user: RI },
  incoming_content: documents({ clerk: RID }),
  // Appended only through audit_append_many (SECURITY DEFINER); read filtered by policy.
  audit_log: { user: R },
  audit_head: { user: R },
  outgoing_documents: documents({ clerk: RIU, leader: RIUD, specialist: RIUD }),
  outgoing_replies: documents({ leader: RID, specialist: RID }),
  outgoing_files: documents({ clerk: RI, leader: RI, specialist: RI }),
  outgoing_attachments: documents({ clerk: RIU, leader: RIUD, specialist: RIUD }),
  // The administrator adds, marks legacy (UPDATE) and removes anchors (migration 0179 re-applies).
  trust_anchors: { user: R, admin: RIUD },
  units: { user: R, clerk: RI, admin: RIU },
  people: { user: R, clerk: RI, admin: RIU },
  // A specialist reports progress on their unit's assignment; directing is the leader's.
  assignments: documents({ leader: RIU, specialist: ['SELECT', 'UPDATE (status, done_at, reply_symbol)'] }),
  progress_notes: documents({ leader: RI, specialist: RI }),
  // The office's follow-up book (task.list, followup.*, the report): the clerk and leaders keep
  // it, a specialist reads it; the archivist and the administrator have no part in it (0230).
  tasks: { specialist: R, clerk: RIU, leader: RIU },
  task_support_units: { specialist: R, clerk: RID, leader: RID },
  calendar_adjustments: { user: R, admin: RIU },
  // Own row by policy, and of it only what signing in and changing one's password write (not
  // the unit, roles or confidential grant, which widen what the policies show); the
  // administrator manages them all (never deleted: a trigger says so).
  accounts: {
    user: [
      'SELECT',
      'UPDATE (failed_logins, locked_until, last_login_at, password_hash, must_change_password, password_changed_at, updated_at)',
    ],
    admin: RIU,
  },
  account_roles: { user: R, admin: RID },
  sessions: { user: RIUD },

  // Tables of later issues (interchange 0061, archive 0070, letters 0080): coarse table rights for now — the
  // working roles read and write them, the administrator does not; the permission table in the
  // application narrows each call. Their row-level policies (a letter's sender identity, the
  // dossiers of confidential documents) are still to come.
  organs: { user: R, clerk: RIU, admin: RIU },
  // Dossiers are opened, filed into and closed by the archivist, the clerk and a specialist
  // (dossier.open|addDoc|removeDoc|close), changed by the archivist's correction, hand-over,
  // acceptance and destruction and the clerk's keep-back; a leader only reads them; no call
  // deletes one (0234). Which rows: the policies (0189, 0203, 0204).
  dossiers: { ...readers(), clerk: RIU, specialist: RIU, archivist: RIU },
  // A declared record changes only by a correction the archivist writes (dossier.correct): a
  // correction row is what lets the guard accept a change to an accepted dossier, so no one
  // else inserts one (0232). Every writer of a dossier or a document marks pending ones applied
  // (vt_correction_applied runs with the writer's rights): that column only.
  archive_corrections: { ...readers(['SELECT', 'UPDATE (applied)']), archivist: RIU },
  // Keep-backs (handover.keepBack): the clerk and the archivist; append-only (0070's trigger).
  keep_backs: { ...readers(), clerk: RI, archivist: RI },
  // The archive's remaining tables follow the permission table role by role (migration 0230);
  // the services show each role that may call them every row, so the rule is the table's.
  // The file plan is issued to every unit (Decree 30 Art. 28): every working role reads it;
  // the clerk and the archivist draw it up; a leader approves it (those columns only).
  file_plans: {
    ...readers(),
    clerk: RIU,
    archivist: RIU,
    leader: ['SELECT', 'UPDATE (status, decision_number, decision_date, approved_by, approved_at, updated_at)'],
  },
  plan_headings: { ...readers(), clerk: RIU, archivist: RIU },
  // Holds: who ordered one and why is for those who keep or list them (hold.list: the archivist,
  // the clerk, a leader); a specialist reads only whether a hold is on (a dossier's «đang bị
  // phong tỏa», the filing refusal): its id and lifted_at. Placing and lifting: the archivist.
  holds: {
    clerk: R,
    leader: R,
    specialist: ['SELECT (id, lifted_at)'],
    archivist: ['SELECT', 'INSERT', 'UPDATE (lifted_at, lifted_by, lift_ref, lift_reason)'],
  },
  hold_items: { ...readers(), archivist: RI },
  // Ordinals are moved only by the owner's placement triggers (migration 0184): no UPDATE.
  // Filed and taken out by the same three (dossier.addDoc|removeDoc); a leader reads (0234).
  dossier_items: { ...readers(), clerk: RID, specialist: RID, archivist: RID },
  // Hand-overs are the clerk's and the archivist's (handover.*); a leader or a specialist takes
  // no part in them. Destructions: the archivist proposes and carries out, a leader approves
  // (those columns only); the clerk and a specialist none.
  handovers: { clerk: RIU, archivist: RIU },
  handover_items: { clerk: RI, archivist: RI },
  destructions: {
    archivist: RIU,
    leader: ['SELECT', 'UPDATE (status, council_ref, minutes_ref, appraisal_ref, decision_ref, decision_date, approved_by, approved_at)'],
  },
  destruction_items: { archivist: RI, leader: R },
  // The usage register (usage.*) is the archivist's to write; its rows are read as before (0189, 0203).
  usage_register: { ...readers(), archivist: RIU },
  // A package's hash is recorded (append-only) by whoever makes it: the clerk and the archivist (handover.package, 0234).
  handover_packages: { user: R, clerk: RI, archivist: RI },
  // Which dossiers need the confidential grant (migration 0150): kept by SECURITY DEFINER triggers, read by the lists.
  dossier_secrecy: readers(),
  // The due list's dates (migration 0150): kept by a SECURITY DEFINER trigger on dossiers, read by the list.
  dossier_due: readers(),
  // What a destruction removed: written by the archivist carrying it out (destruction.execute, 0234).
  destruction_tombstones: { ...readers(), archivist: RI },
  // Which stored contents a destruction removed on purpose: \`check\` (the administrator's,
  // maintenance.check) skips them when it finds their bytes gone (0230). Hashes and dates only;
  // written by the archivist carrying out a destruction (0234).
  removed_blobs: { ...readers(), archivist: RI, admin: R },
  // A received message is the clerk's alone until registered (edxml.received|preview|register|refuse, 0230).
  edxml_received: { clerk: RIU },
  // Sent messages and status rows: the clerk sends, receives statuses and queues the answers
  // (edxml.send, edxml.receive, exchange.run); a leader follows deliveries (edxml.deliveries, 0233).
  edxml_sent: { clerk: RIU, leader: R },
  edxml_status: { clerk: RIU, leader: R },
  // Which stored files belong to a received message (0160): looked into by the files' policy (see documents()).
  edxml_received_files: { user: R, clerk: RI },
  // Letters and hotline items are numbered by those who register them (letter.add, hotline.add|toLetter, 0234).
  letter_counters: { ...readers(), clerk: RIU, leader: RIU },
  // Letters and what hangs off them: rows by policy (migration 0120: the letter handlers; a
  // specialist their unit's; a denunciation's author with the confidential group). SELECT for
  // everyone, as for documents: the policies of files and assignments look into these tables.
  ...withBase(coarse(['letters', 'letter_assignments', 'hotline_items'], RIU)),
  ...withBase(coarse(['letter_senders', 'letter_sender_keys', 'letter_links'], RIUD)),
  // Looked into by the policies of stored files (see documents()).
  letter_attachments: { user: R, ...readers(RIUD) },
};

/** Every working role reads; each may write as `p` (see above). */
function coarse(tables: readonly string[], p: readonly Privilege[]): Record<string, Grants> {
  return Object.fromEntries(tables.map((t) => [t, readers(p)]));
}

/** The same grants, plus SELECT for every account (rows decided by the table's policies). */
function withBase(tables: Record<string, Grants>): Record<string, Grants> {
  return Object.fromEntries(Object.entries(tables).map(([t, g]) => [t, { user: R, ...g }]));
}

/**
 * Tables the groups never touch: the documents' searched words (migration 0237) hold words of
 * confidential documents too; only the owner's search functions and triggers read and write them.
 */
export const OWNER_ONLY_TABLES: readonly string[] = ['incoming_words'];

/** This database's name for a group (see vt_group in migration 0090). */
export async function groupRole(c: pg.ClientBase, g: Group): Promise<string> {
  const r = await c.query<{ name: string }>('SELECT vt_group($1) AS name', [g]);
  return r.rows[0]!.name;
}

/**
 * REVOKE then GRANT every table's privileges, the sequences (identity columns), the
 * functions; run as the owner inside the migration's transaction.
 */
export async function applyTableRights(c: pg.ClientBase): Promise<void> {
  const names = new Map<Group, string>();
  for (const g of GROUPS) names.set(g, await groupRole(c, g));
  const all = [...names.values()];
  const ident = (s: string) => c.escapeIdentifier(s);
  const present = new Set(
    (await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.t),
  );
  const statements: string[] = [];
  for (const [table, grants] of Object.entries(TABLE_RIGHTS)) {
    if (!present.has(table)) continue;
    statements.push(`REVOKE ALL ON TABLE ${ident(table)} FROM PUBLIC, ${all.map(ident).join(', ')}`);
    for (const [g, privileges] of Object.entries(grants) as [Group, readonly Privilege[]][]) {
      statements.push(`GRANT ${privileges.join(', ')} ON TABLE ${ident(table)} TO ${ident(names.get(g)!)}`);
    }
  }
  const user = ident(names.get('user')!);
  statements.push(
    `GRANT USAGE ON SCHEMA public TO ${user}`,
    // nextval for identity columns; setval (a bulk import continues the ids it took) is the clerk's.
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${user}`,
    `GRANT UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${ident(names.get('clerk')!)}`,
    `REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${user}`,
  );
  for (const s of statements) await c.query(s);
}
