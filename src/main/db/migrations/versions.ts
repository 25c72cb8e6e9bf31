/**
 * The migrations by number and name, without their SQL: what opening a database checks (which
 * migrations it has, whether it comes from a newer VănThư). Building every migration's SQL
 * (0070's guard triggers are generated) cost each process ~20 ms of CPU at start-up — every
 * CLI command — and only `migrate` needs it, so index.ts (the SQL) is loaded by migrate alone.
 * A new migration is added here AND in index.ts; index.ts refuses to load if the two differ.
 */
export interface MigrationInfo {
  version: number;
  name: string;
}

export const MIGRATION_VERSIONS: readonly MigrationInfo[] = [
  { version: 10, name: 'initial' },
  { version: 20, name: 'outgoing' },
  { version: 30, name: 'workflow' },
  { version: 40, name: 'index-by-repository' },
  { version: 50, name: 'accounts' },
  { version: 60, name: 'trust-kinds' },
  { version: 61, name: 'interchange' },
  { version: 65, name: 'capture' },
  { version: 70, name: 'archive' },
  { version: 80, name: 'letters' },
  { version: 90, name: 'rights' },
  { version: 100, name: 'fields-filter-tags' },
  { version: 120, name: 'rights-more' },
  { version: 130, name: 'content-search' },
  { version: 150, name: 'archive-lists' },
  { version: 160, name: 'received-files' },
  { version: 170, name: 'search-rights' },
  { version: 171, name: 'outgoing-unit' },
  { version: 172, name: 'unit-lexemes' },
  { version: 173, name: 'outgoing-search' },
  { version: 174, name: 'unit-rules' },
  { version: 175, name: 'refusal-reasons' },
  { version: 176, name: 'dossier-rights' },
  { version: 177, name: 'archive-units-amounts' },
  { version: 179, name: 'letter-files' },
  { version: 182, name: 'search-filter-lexemes' },
  { version: 183, name: 'search-index-words' },
  { version: 184, name: 'dossier-ordinals' },
  { version: 186, name: 'search-newest-walk' },
  { version: 187, name: 'search-secrecy-column' },
  { version: 188, name: 'register-at-once' },
  { version: 189, name: 'dossier-units' },
  { version: 190, name: 'filing-statements' },
  { version: 191, name: 'search-count-plan' },
  { version: 196, name: 'search-count-newest' },
  { version: 199, name: 'item-shift-in-place' },
  { version: 200, name: 'register-alone' },
  { version: 201, name: 'import-tags' },
  { version: 203, name: 'usage-document-units' },
  { version: 204, name: 'closing-whole-dossier' },
  { version: 205, name: 'item-moves-take-turns' },
  { version: 208, name: 'report-by-arrival' },
  { version: 210, name: 'search-dense-prefix' },
  { version: 214, name: 'rights-checks-planned-once' },
  { version: 216, name: 'dossier-unseen-items' },
  { version: 217, name: 'archive-audit-rows' },
  { version: 218, name: 'audit-rows-everywhere' },
  { version: 219, name: 'colleague-names' },
  { version: 220, name: 'fields-tag-tokens' },
  { version: 221, name: 'fields-prefix-three' },
  { version: 224, name: 'search-first-page' },
  { version: 226, name: 'search-count-narrow' },
  { version: 228, name: 'item-shift-lean' },
  { version: 229, name: 'correction-check-first' },
  { version: 230, name: 'archive-tables-rights' },
  { version: 231, name: 'audit-entries-without-row' },
  { version: 232, name: 'declared-record-writers' },
  { version: 233, name: 'interchange-sent-rights' },
  { version: 234, name: 'archive-writers' },
  { version: 235, name: 'documents-autovacuum' },
  { version: 236, name: 'search-count-proof' },
  { version: 237, name: 'search-prefix-words' },
  { version: 238, name: 'search-sender-names' },
  { version: 239, name: 'search-sender-names-page' },
  { version: 240, name: 'search-prefix-words-sender' },
  { version: 241, name: 'search-count-proof-ranges' },
  { version: 242, name: 'search-first-narrow-walk' },
  { version: 243, name: 'search-first-third-walk' },
];

export const LATEST_VERSION = MIGRATION_VERSIONS[MIGRATION_VERSIONS.length - 1]!.version;
