/**
 * On an office database whose rights live in the database (PostgreSQL, migration 0090), the
 * app and the web host work for each signed-in person on a connection of that person's own
 * login role (issue 11): the server applies their GRANTs and row-level policies and records
 * them as the audit actor, whatever the program does. The host's own connection (the
 * locator's role: the owner on the server PC and in tests) keeps only what comes before a
 * person is connected — the first-run screen, the sign-in screen's organisation name, and
 * the bookkeeping of a sign-in the server refused (counted towards the lock-out, audited).
 *
 * SQLite, and a PostgreSQL database without those rights, have no such connections: every
 * call runs on the one store and the permission table alone decides (null below).
 */
import type { Services } from '../services.js';

export interface PersonalConnections {
  /**
   * A store connected as this login role with this password: a small pool of its own,
   * closed when the person signs out, locks or is signed out. Fails with `db_auth` when the
   * server refuses the login (wrong password, role disabled, not allowed by pg_hba).
   */
  open(username: string, password: string): Promise<Services>;
}

export async function personalConnections(base: Services, dbPath: string): Promise<PersonalConnections | null> {
  const { PgStore } = await import('../db/postgres/store.js');
  if (!(base.store instanceof PgStore)) return null;
  const { hasDatabaseRights } = await import('../db/postgres/loginRoles.js');
  if (!(await base.store.withClient((c) => hasDatabaseRights(c)))) return null;
  const { personLocator } = await import('../db/postgres/locator.js');
  const { createServices } = await import('../services.js');
  return {
    async open(username, password) {
      const person = await createServices({
        dbPath: personLocator(dbPath, username),
        password,
        clock: base.clock,
        log: base.log,
        // Two connections are enough for one person's screen (a list and a count at once).
        poolMax: 2,
      });
      // This PC's token libraries and their processes are the host's, whoever signs.
      person.tokens = base.tokens;
      person.tokenProcesses = base.tokenProcesses;
      return person;
    },
  };
}
