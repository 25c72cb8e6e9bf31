/**
 * A later migration's function built from an earlier one's SQL: each part replaced exactly once.
 * A part found zero or several times means the earlier SQL is not what this migration was
 * written against — refused when the module loads, never installed half-patched.
 */
export function patchSql(sql: string, parts: readonly (readonly [string, string])[], what: string): string {
  let out = sql;
  for (const [a, b] of parts) {
    if (out.split(a).length !== 2) throw new Error(`${what} changed (${a.slice(0, 60)})`);
    out = out.replace(a, b);
  }
  return out;
}
