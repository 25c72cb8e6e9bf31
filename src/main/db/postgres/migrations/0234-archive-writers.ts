/**
 * Write grants the app never uses, taken back (issue 14, after 0230, 0232, 0233).
 *
 * Six tables were still granted coarsely to every working role (rights.ts since 0070/0080):
 * with psql on their own login a leader could insert, change or delete dossiers and file items,
 * a specialist record a hand-over package or a destruction tombstone, anyone mark a content
 * removed (which `check` then skips) or move a letter counter.
 *
 * Now (rights.ts, applied after this migration), from the services that write each:
 * - dossiers: the archivist, the clerk and a specialist insert and update (dossier.open|addDoc|
 *   removeDoc|close, and the archivist's correct, handover.accept, destruction.execute, the
 *   clerk's and archivist's handover.create|keepBack); a leader reads; no call deletes a
 *   dossier, so no one has DELETE. The row policies (0189, 0203, 0204) are unchanged.
 * - dossier_items: the same three insert and delete (filing); a leader reads. The ordinals are
 *   moved by the owner's triggers (SECURITY DEFINER), the locks taken by the filing triggers
 *   (FOR UPDATE on dossiers) run for the filing roles, which keep UPDATE on dossiers.
 * - handover_packages: the clerk and the archivist insert (handover.package); append-only.
 * - destruction_tombstones, removed_blobs: the archivist inserts (destruction.execute).
 * - letter_counters: the clerk and a leader (letter.add, hotline.add, hotline.toLetter).
 * Reading is unchanged everywhere.
 */
export const up = /* sql */ `SELECT 1;`;
