/**
 * A typed last word that is common is checked on the rows, not asked of the GIN index (issue 11).
 *
 * The last word of a search is a prefix while it is being typed (`'ngai':*`). GIN cannot walk a
 * prefix as it walks a word: it first gathers every document of every word the prefix stands for
 * into a bitmap (`'ngai':*` is «Ngãi» of «Quảng Ngãi», 55 % of the documents at 1,000,000), and
 * only then intersects it with the other operands — where an exact word or a filter lexeme is
 * walked skipping to the rarest operand's documents (GIN's fast scan). So a specialist's «quang
 * ngai» (their unit's `#u<unit>`: one document in twelve) paid for 550,000 «ngai…» entries to keep
 * 45,000.
 *
 * The search (db/postgres/incomingSearch.ts) now sends, beside what the index is asked for, the
 * same words without the typed prefixes (`thin`, with `prefixes` and the `words` left). This
 * function asks the index for `thin` when every prefix is common — its words make up at least
 * DENSE_PREFIX of the documents, and no fewer than the rarest exact word or filter lexeme of the
 * question (their frequencies as ANALYZE last saw them: pg_stats' most common elements, a word
 * not listed there counting as rare) — and checks the whole query on each row the index gives
 * (ts_match_vq, as 0183 does). A rare prefix (the «voọ» of «ủy ban voọ») stays in the index
 * question: it is the operand that narrows. The index question can only narrow the answer, the
 * whole query is always checked on the rows: the same rows, only how they are found changes.
 */
import { up as SEARCH_FROM_0187 } from './0187-search-secrecy-column.js';

/** A prefix whose words are in at least this share of the documents is common (not asked of the index beside other words). */
export const DENSE_PREFIX = 0.01;

const TERM_0187 = `    IF jsonb_array_length(term) = 1 AND term->0 ? 'tsv' THEN
      IF term->0 ? 'gin' THEN`;
const TERM_0210 = `    IF jsonb_array_length(term) = 1 AND term->0 ? 'tsv' AND term->0 ? 'thin' THEN
      -- Asked as it is for now; the typed prefixes may be left out below, once the whole question is known.
      thin_at := cardinality(pos) + 1;
      thin_atom := term->0;
      pos := pos || ('(' || coalesce(term->0->>'gin', term->0->>'tsv')::tsquery::text || ')');
      IF term->0 ? 'gin' THEN
        w := w || format('ts_match_vq(d.search_tsv, %L::tsquery)', (term->0->>'tsv')::tsquery::text);
      END IF;
      CONTINUE;
    END IF;
${TERM_0187}`;

const DECLARE_0187 = `  unit integer;
  r integer;
BEGIN`;
const DECLARE_0210 = `  unit integer;
  r integer;
  -- The term that may leave its typed prefixes out of the index question (its place in pos).
  thin_at integer;
  thin_atom jsonb;
  -- The exact filter and rule lexemes asked of the index (their frequencies judge the prefixes).
  plex text[] := '{}';
  els text[];
  freqs real[];
  rarest real;
  pf real;
  dense boolean;
  x text;
BEGIN`;

const END_0187 = `  IF cardinality(pos) > 0 THEN
    w := w || format('d.search_tsv @@ %L::tsquery',`;
const END_0210 = `  IF thin_at IS NOT NULL THEN
    SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs INTO els, freqs
      FROM pg_catalog.pg_stats s
     WHERE s.schemaname = 'public' AND s.tablename = 'incoming_documents' AND s.attname = 'search_tsv';
    dense := els IS NOT NULL;
    IF dense THEN
      -- The rarest exact operand: a word or lexeme not among the most common elements is rare (0).
      rarest := 1;
      FOR x IN SELECT jsonb_array_elements_text(thin_atom->'words') UNION ALL SELECT unnest(plex) LOOP
        rarest := least(rarest, coalesce(freqs[array_position(els, x)], 0));
      END LOOP;
      FOR x IN SELECT jsonb_array_elements_text(thin_atom->'prefixes') LOOP
        SELECT coalesce(sum(freqs[i]), 0) INTO pf FROM generate_subscripts(els, 1) AS i WHERE left(els[i], length(x)) = x;
        IF pf < ${DENSE_PREFIX} OR pf < rarest THEN dense := false; END IF;
      END LOOP;
    END IF;
    IF dense THEN
      pos[thin_at] := '(' || (thin_atom->>'thin')::tsquery::text || ')';
      IF NOT thin_atom ? 'gin' THEN
        w := w || format('ts_match_vq(d.search_tsv, %L::tsquery)', (thin_atom->>'tsv')::tsquery::text);
      END IF;
    END IF;
  END IF;

${END_0187}`;

/** Each filter or rule lexeme added to pos is also remembered (unquoted) in plex. */
const LEXEMES: [string, string][] = [
  [
    `IF p ? 'typeFold' THEN pos := pos || public.vt_lexeme('#t' || (p->>'typeFold')); END IF;`,
    `IF p ? 'typeFold' THEN pos := pos || public.vt_lexeme('#t' || (p->>'typeFold')); plex := plex || ('#t' || (p->>'typeFold')); END IF;`,
  ],
  [
    `IF p ? 'urgency' THEN pos := pos || public.vt_lexeme('#g' || (p->>'urgency')); END IF;`,
    `IF p ? 'urgency' THEN pos := pos || public.vt_lexeme('#g' || (p->>'urgency')); plex := plex || ('#g' || (p->>'urgency')); END IF;`,
  ],
  [
    `IF p ? 'secrecy' THEN pos := pos || public.vt_lexeme('#s' || (p->>'secrecy')); END IF;`,
    `IF p ? 'secrecy' THEN pos := pos || public.vt_lexeme('#s' || (p->>'secrecy')); plex := plex || ('#s' || (p->>'secrecy')); END IF;`,
  ],
  [
    `IF p ? 'registerId' THEN pos := pos || public.vt_lexeme('#r' || (p->>'registerId')::integer::text); END IF;`,
    `IF p ? 'registerId' THEN pos := pos || public.vt_lexeme('#r' || (p->>'registerId')::integer::text); plex := plex || ('#r' || (p->>'registerId')::integer::text); END IF;`,
  ],
  [
    `IF p ? 'status' THEN pos := pos || public.vt_lexeme('#v' || (p->>'status')); END IF;`,
    `IF p ? 'status' THEN pos := pos || public.vt_lexeme('#v' || (p->>'status')); plex := plex || ('#v' || (p->>'status')); END IF;`,
  ],
  [
    `IF vis ? 'unitId' THEN pos := pos || public.vt_lexeme('#u' || (vis->>'unitId')::integer::text); END IF;`,
    `IF vis ? 'unitId' THEN pos := pos || public.vt_lexeme('#u' || (vis->>'unitId')::integer::text); plex := plex || ('#u' || (vis->>'unitId')::integer::text); END IF;`,
  ],
  [
    `        pos := pos || public.vt_lexeme('#u' || unit::text);`,
    `        pos := pos || public.vt_lexeme('#u' || unit::text);
        plex := plex || ('#u' || unit::text);`,
  ],
];

let from = SEARCH_FROM_0187;
for (const [a, b] of [[TERM_0187, TERM_0210], [DECLARE_0187, DECLARE_0210], [END_0187, END_0210], ...LEXEMES] as [string, string][]) {
  if (from.split(a).length !== 2) throw new Error(`migration 0210: vt_search_from of 0187 changed (${a.slice(0, 60)})`);
  from = from.replace(a, b);
}

export const up = from;
