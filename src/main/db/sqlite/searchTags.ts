/**
 * The tag tokens of the fields index (incoming_fts, column `tags`): a document's filters as
 * words of the index, so a filter combined with text is one FTS5 expression — a doclist
 * merge in one walk of the index, newest first — instead of a lookup per hit. The same
 * scheme as the content index's tags (capture, migration 0130): type, urgency, secrecy,
 * register, status and the issue month; the fields index also carries the sender.
 *
 * Written by the repository for a new document (incomingRepo.ts index()) and by the
 * incoming_au trigger for a corrected one (migration 0100), from the same functions (the
 * trigger through the SQL function vn_organ_tag, registered on every connection). Since
 * migration 0220 the index holds each tag as a one-character token (search_tags; see
 * TAG_NUMBER_SQL); these texts are what search_tags is keyed by, and what the content index holds.
 */

/** Tags all start with "x" and are ASCII letters and digits: one unicode61 token each. */
export const tag = {
  type: (foldedTypeName: string) => 'xt' + foldedTypeName.replace(/ /g, ''),
  urgency: (u: string) => 'xu' + u.replace(/_/g, ''),
  secrecy: (s: string) => 'xs' + s.replace(/_/g, ''),
  register: (id: number) => 'xr' + id,
  status: (s: string) => 'xst' + s,
  /** The month of the issue date (`yyyy-mm-dd` → `xi yyyymm`). */
  issued: (isoDate: string) => 'xi' + isoDate.slice(0, 4) + isoDate.slice(5, 7),
  /**
   * The sender: its folded name's ASCII letters and digits run together (`Sở Tài chính` →
   * `xosotaichinh`). Two names can share a tag (`so tai` / `sot ai`); a search looks the
   * senders it means up in incoming_organs and uses the tags only when no other sender has
   * the same one (incomingSearch.ts organTags).
   */
  organ: (foldedOrganName: string) => 'xo' + foldedOrganName.replace(/[^a-z0-9]+/g, ''),
};

/** A tag no document has ("xn…" is no tag's beginning): an OR with it changes nothing. */
export const NO_DOCUMENT = 'xnone';

/** The secrecy tags of the confidential documents (accounts/visibility.ts: secrecy ≠ normal). */
export const CONFIDENTIAL_SECRECY_TAGS = ['confidential', 'secret', 'top_secret'].map(tag.secrecy);

/**
 * The type, urgency and secrecy tags, and the sender's, by their folded names: a bulk import
 * writes a million documents from a few dozen types and a few hundred senders, and would
 * otherwise build the same strings a million times. Emptied when it grows large.
 */
const tagCache = {
  type: new Map<string, string>(),
  urgency: new Map<string, string>(),
  secrecy: new Map<string, string>(),
  organ: new Map<string, string>(),
};
function cachedTag(kind: 'type' | 'urgency' | 'secrecy' | 'organ', value: string): string {
  // One map per kind: no key string built per lookup (four lookups per row of an import).
  const cache = tagCache[kind];
  let t = cache.get(value);
  if (t === undefined) {
    if (cache.size >= 10_000) cache.clear();
    t = tag[kind](value);
    cache.set(value, t);
  }
  return t;
}

/** The tags of a new document (status registered), from its folded type and sender. */
export function documentTags(d: {
  foldedType: string;
  urgency: string;
  secrecy: string;
  registerId: number;
  issuedDate: string;
  foldedOrgan: string;
}): string[] {
  return [
    cachedTag('type', d.foldedType),
    cachedTag('urgency', d.urgency),
    cachedTag('secrecy', d.secrecy),
    tag.register(d.registerId),
    tag.status('registered'),
    tag.issued(d.issuedDate),
    cachedTag('organ', d.foldedOrgan),
  ];
}

/**
 * The fields index holds each tag as the token search_tags gives it (migration 0220): one
 * private-use character, so FTS5 writes no prefix entries for it. A tag is numbered when first
 * written (in the writing transaction: a rollback forgets it with the documents).
 */
export const TAG_NUMBER_SQL = 'INSERT OR IGNORE INTO search_tags (tag) VALUES (?)';
export const TAG_TOKEN_SQL = 'SELECT token FROM search_tags WHERE tag = ?';
/** The tokens of given tags `{tag, token}`: one parameter, a JSON array of tags. A tag not listed is on no document. */
export const TAG_TOKENS_SQL = 'SELECT tag, token FROM search_tags WHERE tag IN (SELECT value FROM json_each(?))';

/** Set by migration 0100 in `meta`: the fields index carries the issue-month and sender tags. */
export const FILTER_TAGS_META_KEY = 'fields_filter_tags';
