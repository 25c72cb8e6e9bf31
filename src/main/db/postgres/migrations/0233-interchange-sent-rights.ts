/**
 * Who reads and writes the sent edXML messages and their status rows (issue 14, after 0230).
 *
 * edxml_sent and edxml_status were still granted to every working role, read and write
 * (rights.ts, "coarse" since 0061): with psql on their own login a specialist or the archivist
 * could read every delivery of every sent document, mark a delivery accepted or done, or queue
 * a status answer that the exchange would then write to the outbox for another organ.
 *
 * The services touch them only on the permission table's edxml.send (the clerk: the sent rows),
 * edxml.receive and exchange.run (the clerk: statuses received, the 04/05/06 answers queued
 * and marked written, deliveries updated) and edxml.deliveries (the clerk and a leader: both
 * read). So now (rights.ts, applied after this migration): the clerk reads and writes them, a
 * leader reads them, a specialist, the archivist and the administrator have none. Deleting an
 * outgoing document checks the foreign key as the table's owner, so it needs no grant here.
 */
export const up = /* sql */ `SELECT 1;`;
