/**
 * PostgreSQL twin of sqlite 0130 (content search at scale). The content rows keep their shape
 * here: a content search joins them to their documents, whose columns are the filters, and the
 * planner walks whichever side is cheaper (db/postgres/incomingSearch.ts); a search in fields
 * and content is two such walks merged (search/union.ts). Statistics are refreshed so the first
 * plans after an upgrade see the content index's size.
 */
export const up = /* sql */ `
ANALYZE incoming_content;
`;
