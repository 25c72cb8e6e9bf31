/**
 * The office bench's PostgreSQL import alone (issue 11), for A/B runs: a fresh throwaway
 * durable cluster (as bench/office.ts starts it), the same synthetic documents, one
 * importIncomingFile call as the owner; prints wall time, docs/s, the CPU seconds of this
 * process and of the server's processes, and the load.
 *
 *   tsx bench/pgImportOnly.ts [--docs N] [--seed S] [--sql "…"] [--json]
 *
 * --sql runs as the superuser on the bench database after the migrations, before the import
 * (an experiment: e.g. a dropped index). The JSONL file is kept in the temp folder by N and seed.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../src/main/services.js';
import { importIncomingFile } from '../src/main/incoming/import/importService.js';
import { parseInstant } from '../src/shared/text/dates.js';
import { writeJsonl } from './generate.js';
import { serverCpuSeconds } from './office.js';
import { PG_OWNER_PASSWORD, startCluster } from '../tests/unit/helpers/pgCluster.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const docs = Number(opt('--docs') ?? 100_000);
const seed = Number(opt('--seed') ?? 20250101);
const sqls: string[] = [];
args.forEach((a, i) => a === '--sql' && sqls.push(args[i + 1]!));

/** CPU seconds of this process's main thread (the writing one) alone. */
function mainThreadCpuS(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

const jsonl = path.join(os.tmpdir(), `vanthu-pgimport-${docs}-${seed}.jsonl`);
if (!existsSync(jsonl)) writeJsonl(jsonl, docs, { seed });
const clockMs = parseInstant('2026-11-20T10:00:00+07:00')!;
const load0 = os.loadavg()[0]!;
const cluster = await startCluster({ durable: true });
try {
  cluster.psql('CREATE DATABASE bench OWNER vanthu_owner');
  process.env.PGPASSWORD = PG_OWNER_PASSWORD;
  const services = await createServices({ dbPath: cluster.url('bench'), migrate: true, clock: () => clockMs });
  await services.init({ orgName: 'Văn phòng UBND tỉnh Quảng Ngãi', orgCode: 'VPUB', actor: 'bench' });
  for (const s of sqls) cluster.psql(s, 'bench');
  if (process.env.PGIMPORT_PAUSE) {
    process.stderr.write(`cluster ${cluster.dir}; press enter\n`);
    await new Promise((r) => process.stdin.once('data', r));
  }
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuS();
  const server0 = serverCpuSeconds(cluster);
  const t0 = performance.now();
  const res = await importIncomingFile(services, jsonl, { skipInvalid: false, actor: 'bench' });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const mainCpu = mainThreadCpuS() - main0;
  const server = serverCpuSeconds(cluster) - server0;
  await services.close();
  process.stdout.write(
    JSON.stringify({
      docs,
      imported: res.imported,
      seconds: Math.round(ms / 100) / 10,
      docsPerSec: Math.round(docs / (ms / 1000)),
      clientCpuS: Math.round((cpu.user + cpu.system) / 1e5) / 10,
      mainThreadCpuS: Math.round(mainCpu * 10) / 10,
      serverCpuS: Math.round(server * 10) / 10,
      load: [load0, os.loadavg()[0]],
    }) + '\n',
  );
} finally {
  if (!process.env.PGIMPORT_KEEP) cluster.stop();
  else process.stderr.write(`kept ${cluster.dir}\n`);
}
