/**
 * One "PC" of the office benchmark: adds documents to the shared database for the given
 * number of seconds, one transaction each (as a clerk does), and prints its latencies and
 * the numbers it got as one JSON line. Started 8 at a time by bench/office.ts.
 */
import { createServices } from '../src/main/services.js';
import { DocGenerator } from './generate.js';

const [url, secondsArg, pcArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const pc = Number(pcArg);
// Connected as this PC's own clerk (a login role of the database), as the app connects.
const services = await createServices({ dbPath: url!, password: process.env.VANTHU_BENCH_PASSWORD });
const gen = new DocGenerator(1000 + pc, 2_000_000 + pc * 100_000);
const times: number[] = [];
const numbers: number[] = [];
const today = new Date().toISOString().slice(0, 10);
// Start together: wait for the second the parent named.
const startAt = Number(process.env.VANTHU_BENCH_START ?? Date.now());
await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
const end = Date.now() + seconds * 1000;
while (Date.now() < end) {
  const d = gen.doc(Date.now());
  delete d.arrivalDate;
  if (d.issuedDate > today) d.issuedDate = today;
  const t = performance.now();
  const r = await services.incoming.add(d, { actor: `bench.pc${pc + 1}` });
  times.push(performance.now() - t);
  if (r.register === 'DEN') numbers.push(r.arrivalNumber);
}
await services.close();
process.stdout.write(JSON.stringify({ pc, times, numbers }) + '\n');
