/**
 * New documents are indexed for search by the repository (SqliteIncomingRepository.insert)
 * instead of by an AFTER INSERT trigger. A trigger makes every INSERT a statement with its
 * own savepoint, and FTS5 writes its pending index out at every savepoint: a bulk import
 * had to index its rows in a second pass at the end. Written by the repository, the index
 * rows of a whole import accumulate in FTS5's memory and go out in large segments, in the
 * same pass, from text folded once (by the import's reading thread). The same rows result.
 * Corrections still re-index through the incoming_au trigger.
 *
 * The index on issued_date goes: no query uses it (the issued-date filter checks the
 * documents a search already found, by their key), and every registration paid for it.
 */
export const up = /* sql */ `
DROP TRIGGER incoming_ai;
DROP INDEX incoming_issued;
`;
