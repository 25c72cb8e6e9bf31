/**
 * Colleagues' full names for whoever is signed in (issue 14).
 *
 * The accounts' policy (0090) shows a person connected as themselves only their own account
 * row, so where the app names someone by their login — the actor of a document's history, a
 * dossier's «Người lập hồ sơ» recorded as the opener's username before 97d0e25 — the lookup
 * (AccountRepo.fullNames) found only the reader's own name, and everyone else's login showed
 * instead of «Nguyễn Văn A». In an office colleagues' names are not secret; their roles, unit,
 * confidential grant, disabled state, lock-out and password hash are.
 *
 * vt_full_names answers, for the usernames asked and nothing else, (username, full_name) —
 * read as the owner (SECURITY DEFINER, fixed search_path, every name schema-qualified), so no
 * other column of the accounts table reaches the caller. EXECUTE is the base group's, as for
 * every function of this schema (rights.ts re-grants after each migration run): any account of
 * this office, none of another's. A disabled account's name still answers (old entries keep
 * naming who acted). The accounts table's policy is unchanged.
 */
export const up = /* sql */ `
CREATE FUNCTION vt_full_names(p_usernames text[]) RETURNS TABLE (username text, full_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT a.username::text, a.full_name::text FROM public.accounts a WHERE a.username = ANY (p_usernames)
$$;
REVOKE EXECUTE ON FUNCTION vt_full_names(text[]) FROM PUBLIC;
`;
