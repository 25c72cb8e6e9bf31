/**
 * Content search at scale on its own (issue 13): `tsx bench/capture/contentSearch.ts
 * [--docs 300000] [--database postgres://…] [--keep DIR [--refill]]` builds a register of N synthetic
 * documents through the real import, gives each a page of text (fillContent), and prints the
 * first-page p95 of every content query (CONTENT_QUERIES) as JSON, with the machine's load.
 * `npm run bench` runs the same queries over its own database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importIncomingFile } from '../../src/main/incoming/import/importService.js';
import { createServices } from '../../src/main/services.js';
import { parseInstant } from '../../src/shared/text/dates.js';
import { writeJsonl } from '../generate.js';
import { timeContentQueries } from './bench.js';
import { fillContent } from './contentText.js';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '300000' },
    database: { type: 'string' },
    keep: { type: 'string' },
    refill: { type: 'boolean' },
  },
});
const docs = Number(values.docs);
const dir = values.keep ?? mkdtempSync(path.join(os.tmpdir(), 'vanthu-content-'));
const dbPath = values.database ?? path.join(dir, 'content.sqlite');
const clockMs = parseInstant('2026-11-20T10:00:00+07:00')!;
const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m} (load ${os.loadavg()[0]!.toFixed(1)})\n`);
let services = await createServices({ dbPath, migrate: true, clock: () => clockMs });
try {
  if ((await services.store.read((r) => r.incoming.count())) < docs) {
    await services.init({ orgName: 'Văn phòng UBND tỉnh Quảng Ngãi', orgCode: 'VPUB', actor: 'bench' });
    const jsonl = path.join(dir, 'documents.jsonl');
    writeJsonl(jsonl, docs, { seed: 1 });
    log(`generated ${docs}`);
    const r = await importIncomingFile(services, jsonl, { skipInvalid: false, actor: 'bench' });
    log(`imported ${r.imported}`);
    rmSync(jsonl, { force: true });
    const t = performance.now();
    const n = await fillContent(services, docs);
    log(`content of ${n} documents in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await services.close();
    services = await createServices({ dbPath, migrate: true, clock: () => clockMs });
  }
  if (values.refill) {
    // A kept database whose content index was rebuilt empty (a changed schema): text again.
    const t = performance.now();
    const n = await fillContent(services, docs);
    log(`content of ${n} documents in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const p95 = await timeContentQueries(services);
  const max = Math.max(...Object.values(p95));
  process.stdout.write(
    JSON.stringify(
      { store: values.database ? 'postgres' : 'sqlite', docs, contentSearchP95Ms: p95, maxP95Ms: max, loadAvg1m: os.loadavg()[0] },
      null,
      1,
    ) + '\n',
  );
} finally {
  await services.close();
  if (!values.keep && !values.database) rmSync(dir, { recursive: true, force: true });
}
