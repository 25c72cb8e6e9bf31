/**
 * Personal accounts (issue 10): who may work, with which roles, whether they may see
 * confidential documents; command-line sessions (`vanthu login`). Accounts are disabled,
 * never deleted, so every audit entry's actor (a username) keeps naming a person; entries
 * written before accounts existed keep the name they recorded.
 *
 * Also the partial indexes that let a list or a search leave confidential documents out
 * without reading every row (see Visibility in store/ports.ts).
 */
export const up = /* sql */ `
CREATE TABLE accounts (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE CHECK (username = lower(username)),
  full_name            TEXT NOT NULL,
  unit_id              INTEGER REFERENCES units(id),
  confidential         INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  -- scrypt$N$r$p$salt$hash (base64): the parameters travel with the hash.
  password_hash        TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  failed_logins        INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until         TEXT,
  last_login_at        TEXT,
  password_changed_at  TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
) STRICT;

CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;

-- One row per role held; the office-network phase maps each role to a database group role.
CREATE TABLE account_roles (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  role       TEXT NOT NULL CHECK (role IN ('clerk', 'leader', 'specialist', 'archivist', 'admin')),
  PRIMARY KEY (account_id, role)
) STRICT, WITHOUT ROWID;

-- Sessions of the command line (vanthu login): the SHA-256 of the token only; the token
-- itself is in the user's own config folder (mode 0600).
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
  account_id   INTEGER NOT NULL REFERENCES accounts(id),
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_account ON sessions(account_id);

CREATE INDEX incoming_confidential ON incoming_documents(sort_key) WHERE secrecy != 'normal';
CREATE INDEX outgoing_created_by ON outgoing_documents(created_by);
`;
