/** Help text of the CLI (English, like the command names; messages are Vietnamese). */
export function usage(): string {
  return `VănThư command-line tool

Usage: npm run -s cli -- <command> [--db FILE] [--json] [--user NAME]

  init [--org-name NAME] [--org-code CODE]        create or upgrade the database (idempotent)
  incoming add --data JSON | --data-file F [--attach FILE]... [--force]
  incoming get ID
  incoming update ID --data JSON [--force]
  incoming void ID --reason TEXT
  incoming list [--register CODE] [--year Y] [--limit N] [--cursor C]
  incoming next-number [--register CODE] [--secrecy S] [--arrival-date D]
  search [QUERY] [--from D] [--to D] [--issued-from D] [--issued-to D] [--type T] [--org TEXT]
         [--urgency U] [--secrecy S] [--register CODE] [--status S] [--include-voided]
         [--sort relevance|date] [--limit N] [--cursor C]
  import FILE [--skip-invalid]                     CSV or JSON Lines; all-or-nothing by default
  register list
  register print --register CODE --year Y --out FILE.pdf
  audit --id ID                                    the audit entries of one document
  check                                            integrity, audit chain, attachment hashes
  backup DEST                                      online backup, verified
  batch                                            JSON Lines commands on stdin

The database is --db, else $VANTHU_DB, else the app's data folder.
Exit codes: 0 success, 2 input refused (nothing written), 1 other failure.
`;
}
