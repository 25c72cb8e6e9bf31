/**
 * Every schema migration in order. Numbered in tens so a fix can slot in between.
 * Each one applied is recorded in `vanthu_schema`; a database gets every migration listed
 * here that it lacks, in this order — also one numbered below migrations it already has,
 * since work lands in a different order than its numbers. So a migration must not depend
 * on one numbered above it. PRAGMA user_version is the highest version applied.
 */
import { MIGRATION_VERSIONS, type MigrationInfo } from './versions.js';
import { up as initial } from './0010-initial.js';
import { up as outgoing } from './0020-outgoing.js';
import { up as workflow } from './0030-workflow.js';
import { up as indexByRepository } from './0040-index-by-repository.js';
import { up as accounts } from './0050-accounts.js';
import { up as trustKinds } from './0060-trust-kinds.js';
import { up as interchange } from './0061-interchange.js';
import { up as archive } from './0070-archive.js';
import { up as letters } from './0080-letters.js';
import { up as capture } from './0065-capture.js';
import { up as rights } from './0090-rights.js';
import { up as fieldsFilterTags } from './0100-fields-filter-tags.js';
import { up as rightsMore } from './0120-rights-more.js';
import { up as contentSearch } from './0130-content-search.js';
import { up as archiveLists } from './0150-archive-lists.js';
import { up as receivedFiles } from './0160-received-files.js';
import { up as searchRights } from './0170-search-rights.js';
import { up as outgoingUnit } from './0171-outgoing-unit.js';
import { up as unitLexemes } from './0172-unit-lexemes.js';
import { up as outgoingSearch } from './0173-outgoing-search.js';
import { up as unitRules } from './0174-unit-rules.js';
import { up as refusalReasons } from './0175-refusal-reasons.js';
import { up as dossierRights } from './0176-dossier-rights.js';
import { up as archiveUnitsAmounts } from './0177-archive-units-amounts.js';
import { up as letterFiles } from './0179-letter-files.js';
import { up as searchFilterLexemes } from './0182-search-filter-lexemes.js';
import { up as searchIndexWords } from './0183-search-index-words.js';
import { up as dossierOrdinals } from './0184-dossier-ordinals.js';
import { up as searchNewestWalk } from './0186-search-newest-walk.js';
import { up as searchSecrecyColumn } from './0187-search-secrecy-column.js';
import { up as registerAtOnce } from './0188-register-at-once.js';
import { up as dossierUnits } from './0189-dossier-units.js';
import { up as filingStatements } from './0190-filing-statements.js';
import { up as searchCountPlan } from './0191-search-count-plan.js';
import { up as searchCountNewest } from './0196-search-count-newest.js';
import { up as itemShiftInPlace } from './0199-item-shift-in-place.js';
import { up as registerAlone } from './0200-register-alone.js';
import { up as importTags } from './0201-import-tags.js';
import { up as usageDocumentUnits } from './0203-usage-document-units.js';
import { up as closingWholeDossier } from './0204-closing-whole-dossier.js';
import { up as itemMovesTakeTurns } from './0205-item-moves-take-turns.js';
import { up as reportByArrival } from './0208-report-by-arrival.js';
import { up as searchDensePrefix } from './0210-search-dense-prefix.js';
import { up as rightsChecksPlannedOnce } from './0214-rights-checks-planned-once.js';
import { up as dossierUnseenItems } from './0216-dossier-unseen-items.js';
import { up as archiveAuditRows } from './0217-archive-audit-rows.js';
import { up as auditRowsEverywhere } from './0218-audit-rows-everywhere.js';
import { up as colleagueNames } from './0219-colleague-names.js';
import { up as fieldsTagTokens } from './0220-fields-tag-tokens.js';
import { up as fieldsPrefixThree } from './0221-fields-prefix-three.js';
import { up as searchFirstPage } from './0224-search-first-page.js';
import { up as searchCountNarrow } from './0226-search-count-narrow.js';
import { up as itemShiftLean } from './0228-item-shift-lean.js';
import { up as correctionCheckFirst } from './0229-correction-check-first.js';
import { up as archiveTablesRights } from './0230-archive-tables-rights.js';
import { up as auditEntriesWithoutRow } from './0231-audit-entries-without-row.js';
import { up as declaredRecordWriters } from './0232-declared-record-writers.js';
import { up as interchangeSentRights } from './0233-interchange-sent-rights.js';
import { up as archiveWriters } from './0234-archive-writers.js';
import { up as documentsAutovacuum } from './0235-documents-autovacuum.js';
import { up as searchCountProof } from './0236-search-count-proof.js';
import { up as searchPrefixWords } from './0237-search-prefix-words.js';
import { up as searchSenderNames } from './0238-search-sender-names.js';
import { up as searchSenderNamesPage } from './0239-search-sender-names-page.js';
import { up as searchPrefixWordsSender } from './0240-search-prefix-words-sender.js';

import { up as searchCountProofRanges } from './0241-search-count-proof-ranges.js';
import { up as searchFirstNarrowWalk } from './0242-search-first-narrow-walk.js';
import { up as searchFirstThirdWalk } from './0243-search-first-third-walk.js';
export interface Migration extends MigrationInfo {
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', up: initial },
  { version: 20, name: 'outgoing', up: outgoing },
  { version: 30, name: 'workflow', up: workflow },
  { version: 40, name: 'index-by-repository', up: indexByRepository },
  { version: 50, name: 'accounts', up: accounts },
  { version: 60, name: 'trust-kinds', up: trustKinds },
  { version: 61, name: 'interchange', up: interchange },
  { version: 65, name: 'capture', up: capture },
  { version: 70, name: 'archive', up: archive },
  { version: 80, name: 'letters', up: letters },
  { version: 90, name: 'rights', up: rights },
  { version: 100, name: 'fields-filter-tags', up: fieldsFilterTags },
  { version: 120, name: 'rights-more', up: rightsMore },
  { version: 130, name: 'content-search', up: contentSearch },
  { version: 150, name: 'archive-lists', up: archiveLists },
  { version: 160, name: 'received-files', up: receivedFiles },
  { version: 170, name: 'search-rights', up: searchRights },
  { version: 171, name: 'outgoing-unit', up: outgoingUnit },
  { version: 172, name: 'unit-lexemes', up: unitLexemes },
  { version: 173, name: 'outgoing-search', up: outgoingSearch },
  { version: 174, name: 'unit-rules', up: unitRules },
  { version: 175, name: 'refusal-reasons', up: refusalReasons },
  { version: 176, name: 'dossier-rights', up: dossierRights },
  { version: 177, name: 'archive-units-amounts', up: archiveUnitsAmounts },
  { version: 179, name: 'letter-files', up: letterFiles },
  { version: 182, name: 'search-filter-lexemes', up: searchFilterLexemes },
  { version: 183, name: 'search-index-words', up: searchIndexWords },
  { version: 184, name: 'dossier-ordinals', up: dossierOrdinals },
  { version: 186, name: 'search-newest-walk', up: searchNewestWalk },
  { version: 187, name: 'search-secrecy-column', up: searchSecrecyColumn },
  { version: 188, name: 'register-at-once', up: registerAtOnce },
  { version: 189, name: 'dossier-units', up: dossierUnits },
  { version: 190, name: 'filing-statements', up: filingStatements },
  { version: 191, name: 'search-count-plan', up: searchCountPlan },
  { version: 196, name: 'search-count-newest', up: searchCountNewest },
  { version: 199, name: 'item-shift-in-place', up: itemShiftInPlace },
  { version: 200, name: 'register-alone', up: registerAlone },
  { version: 201, name: 'import-tags', up: importTags },
  { version: 203, name: 'usage-document-units', up: usageDocumentUnits },
  { version: 204, name: 'closing-whole-dossier', up: closingWholeDossier },
  { version: 205, name: 'item-moves-take-turns', up: itemMovesTakeTurns },
  { version: 208, name: 'report-by-arrival', up: reportByArrival },
  { version: 210, name: 'search-dense-prefix', up: searchDensePrefix },
  { version: 214, name: 'rights-checks-planned-once', up: rightsChecksPlannedOnce },
  { version: 216, name: 'dossier-unseen-items', up: dossierUnseenItems },
  { version: 217, name: 'archive-audit-rows', up: archiveAuditRows },
  { version: 218, name: 'audit-rows-everywhere', up: auditRowsEverywhere },
  { version: 219, name: 'colleague-names', up: colleagueNames },
  { version: 220, name: 'fields-tag-tokens', up: fieldsTagTokens },
  { version: 221, name: 'fields-prefix-three', up: fieldsPrefixThree },
  { version: 224, name: 'search-first-page', up: searchFirstPage },
  { version: 226, name: 'search-count-narrow', up: searchCountNarrow },
  { version: 228, name: 'item-shift-lean', up: itemShiftLean },
  { version: 229, name: 'correction-check-first', up: correctionCheckFirst },
  { version: 230, name: 'archive-tables-rights', up: archiveTablesRights },
  { version: 231, name: 'audit-entries-without-row', up: auditEntriesWithoutRow },
  { version: 232, name: 'declared-record-writers', up: declaredRecordWriters },
  { version: 233, name: 'interchange-sent-rights', up: interchangeSentRights },
  { version: 234, name: 'archive-writers', up: archiveWriters },
  { version: 235, name: 'documents-autovacuum', up: documentsAutovacuum },
  { version: 236, name: 'search-count-proof', up: searchCountProof },
  { version: 237, name: 'search-prefix-words', up: searchPrefixWords },
  { version: 238, name: 'search-sender-names', up: searchSenderNames },
  { version: 239, name: 'search-sender-names-page', up: searchSenderNamesPage },
  { version: 240, name: 'search-prefix-words-sender', up: searchPrefixWordsSender },
  { version: 241, name: 'search-count-proof-ranges', up: searchCountProofRanges },
  { version: 242, name: 'search-first-narrow-walk', up: searchFirstNarrowWalk },
  { version: 243, name: 'search-first-third-walk', up: searchFirstThirdWalk },
];

export { LATEST_VERSION } from './versions.js';

// versions.ts lists the same migrations without their SQL (what opening a database reads).
const listed = (list: readonly MigrationInfo[]) => list.map((m) => `${m.version} ${m.name}`).join(', ');
if (listed(MIGRATIONS) !== listed(MIGRATION_VERSIONS)) {
  throw new Error(`src/main/db/migrations/versions.ts must list the migrations of index.ts: ${listed(MIGRATIONS)}`);
}
