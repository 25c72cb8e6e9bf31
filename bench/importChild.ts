/**
 * The benchmark's import, in a process of its own so that its peak memory is measured
 * honestly (getrusage's maxRSS of this process: the main thread, the reading worker thread,
 * SQLite's cache and FTS5's buffers, nothing of the benchmark's own fixtures).
 *
 *   tsx bench/importChild.ts DB FILE CLOCK_ISO   →   one JSON line on stdout
 */
import { readFileSync } from 'node:fs';
import { createServices } from '../src/main/services.js';
import { importIncomingFile } from '../src/main/incoming/import/importService.js';
import { parseInstant } from '../src/shared/text/dates.js';

const [dbPath, file, clockIso] = process.argv.slice(2);
if (!dbPath || !file || !clockIso) {
  process.stderr.write('usage: tsx bench/importChild.ts DB FILE CLOCK_ISO\n');
  process.exit(2);
}
const clockMs = parseInstant(clockIso)!;

/**
 * CPU time (ms) of this process's main thread alone — the thread that writes (the rows are read
 * and checked in a worker thread): /proc/self/task/PID/stat, utime + stime in 10-ms ticks. Null
 * off Linux. The import is as fast as this thread; process CPU adds the reading thread's.
 */
function writerCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}
const services = await createServices({ dbPath, migrate: true, clock: () => clockMs });
await services.init({ orgName: 'Văn phòng UBND tỉnh Quảng Ngãi', orgCode: 'VPUB', actor: 'bench' });
let peakSampled = 0;
const sample = setInterval(() => (peakSampled = Math.max(peakSampled, process.memoryUsage.rss())), 100);
const cpu0 = process.cpuUsage();
const writer0 = writerCpuMs();
const t0 = performance.now();
/** When the last row was written (the rest is the end of the import: words, senders, the search index merged into one segment, file, commit). */
let rowsMs = 0;
const res = await importIncomingFile(services, file, {
  skipInvalid: false,
  actor: 'bench',
  onRows: () => (rowsMs = performance.now() - t0),
  onProgress: (m) => {
    const n = Number(/(\d+) dòng/.exec(m)?.[1] ?? 0);
    if (n > 0 && n % 100_000 === 0) process.stderr.write(`import: ${m}\n`);
  },
});
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const writer1 = writerCpuMs();
clearInterval(sample);
await services.close();
process.stdout.write(
  JSON.stringify({
    imported: res.imported,
    rejected: res.rejected.length,
    firstRejected: res.rejected.slice(0, 5),
    seconds: ms / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    writerCpuSeconds: writer0 === null || writer1 === null ? null : (writer1 - writer0) / 1000,
    rowsSeconds: rowsMs / 1000,
    finishSeconds: (ms - rowsMs) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sampledPeakRssMb: peakSampled / (1 << 20),
  }) + '\n',
);
