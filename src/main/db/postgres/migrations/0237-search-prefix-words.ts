/**
 * A typed prefix is asked of the GIN index as the words it stands for (issue 11).
 *
 * The last word of a search is a prefix while it is typed (`'cho':*`). GIN cannot skip through
 * a prefix as it skips through a word: it first gathers every document of every word the prefix
 * stands for into a bitmap, and only then intersects. So a prefix of three letters or fewer is
 * left out of the index question beside another word (db/postgres/incomingSearch.ts SHORT_PREFIX), a common
 * one too (0210), and a prefix alone is asked as it is: a specialist's «phòng chố» asked the
 * index for «phòng» in their unit (30,763 documents), and read every one of those rows to check
 * `'cho':*` on it (7,390 hits; 64-108 ms at 1,000,000 documents); «bão» with the urgency filter
 * gathered every «bao…» document (37 ms) to keep 1,549.
 *
 * The words a prefix stands for are few (`cho` → cho, chon, chong in the office bench's
 * 27,908 words). So the search vectors' words are now kept in incoming_words, and the index is
 * asked for the prefix's words as exact words, an OR — GIN's fast scan then skips through them as
 * through any word, and finds only the documents that hold one: «phòng chố» in a unit 76 -> 26 ms,
 * «bão» + flash 37 -> 3 ms (the count alone, as the owner, load ~2-4). Where a prefix stands for
 * more than PREFIX_WORDS_MAX words (a two-letter one), or a search is not a plain AND of words and
 * phrases, the question is as before.
 *
 * The rows found are still checked against the whole query (ts_match_vq): the index question only
 * has to hold every hit, which it does because every word of every document is in
 * incoming_words — kept by triggers on incoming_documents in the writing transaction (a writer
 * cannot leave one out), for every insert and update statement; words are never taken out (a
 * word no document holds any more only adds an empty branch to the OR). Concurrent writers may
 * add the same word twice (no unique key: a writer never waits for another's new words); the
 * lookup takes each word once. The lookup is its own statement: a document committed between it
 * and the search's own statements, with a word never seen before, may be missed by that one
 * search — as if it had come a moment later.
 *
 * The table is the owner's alone (no group is granted it: the words of confidential documents
 * are in it); the search functions read it as the owner (SECURITY DEFINER), the triggers write it
 * as the owner.
 *
 * The function is installed by migration 0240, with 0238's sender filter (see there).
 *
 * Upgrade: the words of every existing document are gathered once (6 s at 1,000,000 documents,
 * load ~3.6; 27,908 words).
 */
import { up as SEARCH_FROM_0210 } from './0210-search-dense-prefix.js';
import { patchSql } from './sqlPatch.js';

/** A prefix standing for more words than this is asked as before (as a prefix, or left out). */
export const PREFIX_WORDS_MAX = 32;
/**
 * A short prefix left out of the index question beside other words is asked as its words only
 * where they are in at most this share of the documents (pg_stats' most common elements): GIN
 * steps through a common word's long list once for each document of the rarer words, which costs
 * more than checking those rows (1,000,000 documents: «chuyển đổi s…», `so`, `son`, `soat`… in
 * 59 %, 18 -> 45 ms; «phòng chố», `cho`, `chon`, `chong` in 13 %, 76 -> 26 ms).
 */
export const PREFIX_FREQ_MAX = 0.2;

const DECLARE_0210 = `  dense boolean;
  x text;
BEGIN`;
const DECLARE_0237 = `  dense boolean;
  x text;
  -- The term of words (its place in pos) whose typed prefixes may be asked as their words (0237).
  words_at integer;
  words_atom jsonb;
  wq text;
  gq tsquery;
  grp tsquery;
  ws text[];
  pm text[];
  expand boolean;
  prefixed boolean := false;
BEGIN`;

const THIN_0210 = `      thin_atom := term->0;`;
const THIN_0237 = `      thin_atom := term->0;
      words_at := thin_at;
      words_atom := term->0;`;

const PLAIN_0210 = `    IF jsonb_array_length(term) = 1 AND term->0 ? 'tsv' THEN
      IF term->0 ? 'gin' THEN
        pos := pos || ('(' || (term->0->>'gin')::tsquery::text || ')');`;
const PLAIN_0237 = `    IF jsonb_array_length(term) = 1 AND term->0 ? 'tsv' THEN
      words_at := cardinality(pos) + 1;
      words_atom := term->0;
      IF term->0 ? 'gin' THEN
        pos := pos || ('(' || (term->0->>'gin')::tsquery::text || ')');`;

const END_0210 = `  IF cardinality(pos) > 0 THEN
    w := w || format('d.search_tsv @@ %L::tsquery',`;
const END_0237 = `  -- The typed prefixes of the words as the words they stand for (0237), where a prefix stands
  -- for few words and the common-prefix rule above left none out: a prefix asked of the index is
  -- asked as its words (an OR in its place); a short one left out is asked as its words beside
  -- the others where they are not common (PREFIX_FREQ_MAX); a prefix no word begins with finds
  -- nothing. The whole query is still checked on the rows.
  IF words_at IS NOT NULL AND NOT coalesce(dense, false) THEN
    wq := (words_atom->>'tsv')::tsquery::text;
    -- Only a plain AND of words and phrases (what searchSpec sends): under an OR or a NOT a
    -- prefix's words would not be required.
    expand := regexp_replace(wq, '''(?:[^'']|'''')*''(:[*A-D]+)?', '', 'g') !~ '[|!]';
    gq := pos[words_at]::tsquery;
    FOR pm IN SELECT regexp_matches(wq, '''((?:[^'']|'''')*)'':([*A-D]+)', 'g') LOOP
      EXIT WHEN NOT expand;
      CONTINUE WHEN strpos(pm[2], '*') = 0;
      x := replace(pm[1], '''''', '''');
      SELECT array_agg(s.word) INTO ws FROM (
        SELECT DISTINCT i.word FROM public.incoming_words i
         WHERE i.word >= x COLLATE "C" AND i.word < (x || chr(1114111)) COLLATE "C"
         ORDER BY i.word LIMIT ${PREFIX_WORDS_MAX + 1}) s;
      IF ws IS NULL THEN
        -- No document holds a word it begins: nothing is found.
        w := w || 'false'::text;
        CONTINUE;
      END IF;
      CONTINUE WHEN cardinality(ws) > ${PREFIX_WORDS_MAX};
      grp := array_to_string(ARRAY(SELECT public.vt_lexeme(u) FROM unnest(ws) AS u), ' | ')::tsquery;
      IF gq @> public.vt_lexeme(x)::tsquery THEN
        gq := ts_rewrite(gq, (public.vt_lexeme(x) || ':*')::tsquery, grp);
        prefixed := true;
      ELSE
        IF els IS NULL THEN
          SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs INTO els, freqs
            FROM pg_catalog.pg_stats s
           WHERE s.schemaname = 'public' AND s.tablename = 'incoming_documents' AND s.attname = 'search_tsv';
        END IF;
        -- The share of documents holding one of its words (one not among the most common: rare).
        SELECT coalesce(sum(freqs[array_position(els, u)]), 0) INTO pf FROM unnest(ws) AS u;
        CONTINUE WHEN pf > ${PREFIX_FREQ_MAX};
        gq := gq && grp;
        prefixed := true;
      END IF;
    END LOOP;
    IF expand AND prefixed THEN
      pos[words_at] := '(' || gq::text || ')';
      IF NOT words_atom ? 'gin' THEN
        w := w || format('ts_match_vq(d.search_tsv, %L::tsquery)', wq);
      END IF;
    END IF;
  END IF;

${END_0210}`;

const from = patchSql(
  SEARCH_FROM_0210,
  [
    [DECLARE_0210, DECLARE_0237],
    [THIN_0210, THIN_0237],
    [PLAIN_0210, PLAIN_0237],
    [END_0210, END_0237],
  ],
  'migration 0237: vt_search_from of 0210',
);

/**
 * vt_search_from with the prefix words, installed by migration 0240 with 0238's sender filter (0238,
 * written at the same time on 0210's function, replaces it whole and runs after this one).
 */
export const SEARCH_FROM = from;

export const up = /* sql */ `
-- Every word of the documents' search vectors (not the '#…' filter and unit lexemes).
CREATE TABLE incoming_words (word text COLLATE "C" NOT NULL);

SET LOCAL work_mem = '256MB';
INSERT INTO incoming_words (word)
SELECT DISTINCT l FROM incoming_documents d, unnest(tsvector_to_array(d.search_tsv)) AS l WHERE left(l, 1) <> '#';
CREATE INDEX incoming_words_word ON incoming_words (word);

-- A statement's new or changed rows' words not yet kept (as the owner: no group may write or read them).
CREATE FUNCTION vt_incoming_words_keep() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO public.incoming_words (word)
  SELECT DISTINCT l FROM vt_words_new n, unnest(tsvector_to_array(n.search_tsv)) AS l
   WHERE left(l, 1) <> '#' AND NOT EXISTS (SELECT 1 FROM public.incoming_words i WHERE i.word = l COLLATE "C");
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION vt_incoming_words_keep() FROM PUBLIC;
-- (A trigger with a transition table takes one event.)
CREATE TRIGGER incoming_words_insert AFTER INSERT ON incoming_documents
REFERENCING NEW TABLE AS vt_words_new FOR EACH STATEMENT EXECUTE FUNCTION vt_incoming_words_keep();
CREATE TRIGGER incoming_words_update AFTER UPDATE ON incoming_documents
REFERENCING NEW TABLE AS vt_words_new FOR EACH STATEMENT EXECUTE FUNCTION vt_incoming_words_keep();
`;
