/** Which line of an imported file each document came from (kept in the import's audit entry). */

/**
 * Where each imported document came from, recorded once for the whole file in the import's
 * audit entry: runs of [first document id, first line, count] in which both go up by one.
 * A clean file is one run; a skipped bad row starts a new one.
 */
export type ImportRuns = [number, number, number][];

export function addToRuns(runs: ImportRuns, id: number, line: number): void {
  const last = runs[runs.length - 1];
  if (last && last[0] + last[2] === id && last[1] + last[2] === line) last[2]++;
  else runs.push([id, line, 1]);
}

/** The line of the file a document came from, by the runs of its import entry; null when not in them. */
export function lineOfImported(runs: unknown, id: number): number | null {
  if (!Array.isArray(runs)) return null;
  for (const r of runs) {
    if (!Array.isArray(r) || r.length !== 3) continue;
    const [first, line, count] = r as number[];
    if (id >= first! && id < first! + count!) return line! + (id - first!);
  }
  return null;
}
