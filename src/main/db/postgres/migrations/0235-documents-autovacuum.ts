/**
 * Autovacuum follows big imports and everyday changes of the incoming documents (issue 11).
 *
 * A capped count of a common word (vt_search_count, 0226) reads the newest rows from the
 * covering index incoming_newest_searched alone — but only for rows on table pages the
 * visibility map marks all-visible; every other row is fetched from the table as well. Pages
 * become all-visible when VACUUM visits them, and autovacuum waits for its default thresholds:
 * on an insert-only table 1,000 + 20 % of the rows inserted (about 200,000 at 1,000,000
 * documents: years of an office's arrivals), for updated rows 50 + 20 % dead ones. An import
 * cannot vacuum for itself: it is one transaction (VACUUM runs outside any), run by a clerk
 * (only the owner may vacuum or analyse the table: the import's ANALYZE is skipped for them).
 *
 * Measured on a copy of the 1,000,000-document bench database (3GB shared buffers, load 5-8,
 * direction only): after 50,000 more documents imported the app's way as the clerk, the count
 * of «so tai chinh» walked 154,446 rows with 7,794 table visits (400 before the import) and took
 * a median 167 ms over 15 calls; after a VACUUM (0.24 s: the visibility map lets it skip the
 * pages already all-visible) no visits and a median 118 ms. The statistics were those of before
 * the import, too (the clerk's ANALYZE skipped; automatic analysis waits for 10 % changed rows).
 *
 * So the table's own thresholds are 1 % of its rows (plus the defaults' 1,000 inserts, 50
 * changes): at 1,000,000 documents a vacuum after 11,000 inserts or 10,050 dead rows and an
 * analysis after 10,050 changes — within a minute (autovacuum_naptime) of a big import's
 * commit, every few months of an office's everyday arrivals. A vacuum after inserts visits only
 * the table pages not yet all-visible, the B-tree indexes only when rows are dead (the GIN
 * indexes, 0.1 GB at 1,000,000, are read through: the 0.24 s above); an analysis samples 30,000
 * rows. Nothing is vacuumed during an import (its rows count from its commit): the
 * import's speed is unchanged (pgImportOnly A/B).
 */
export const up = /* sql */ `
ALTER TABLE incoming_documents SET (
  autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_analyze_scale_factor = 0.01
);
`;
