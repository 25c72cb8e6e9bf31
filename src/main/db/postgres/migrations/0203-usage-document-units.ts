/**
 * The usage register's rows about single documents follow the documents (issue 14).
 *
 * 0189 hid a specialist's other units' dossiers and, with them, the usage register's rows about
 * those dossiers; rows about a single incoming or outgoing document stayed visible to every
 * working role, so psql with a specialist's own password still listed who read which other
 * unit's document, when, approved by whom. Now a unit-only person (vt_unit_only, 0090) sees a
 * row about a document only when the document's own row policies let them see it — the EXISTS
 * reads incoming_documents / outgoing_documents with the caller's rights, so it is exactly the
 * documents' rule (their unit's assignments or drafts, and the confidential group), not a copy
 * of it. Rows about dossiers keep 0189's rule. Everyone else reads as before (one InitPlan).
 * The application narrows a unit-only person's register alike on both stores
 * (archive/dispositionService.ts, usageEntries), behind the permission table that gives the
 * register to the archivist only.
 */
export const up = /* sql */ `
DROP POLICY vt_visible ON usage_register;
CREATE POLICY vt_visible ON usage_register FOR ALL
USING (NOT (SELECT vt_unit_only()) OR CASE target_kind
    WHEN 'dossier' THEN EXISTS (SELECT 1 FROM dossiers d WHERE d.id = usage_register.target_id)
    WHEN 'incoming' THEN EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = usage_register.target_id)
    WHEN 'outgoing' THEN EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = usage_register.target_id)
    ELSE false END);
`;
