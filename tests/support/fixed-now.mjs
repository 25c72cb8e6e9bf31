/**
 * Test-only clock for programs the tests start as child processes (the CLI, the web host):
 *   node --import ./tests/support/fixed-now.mjs <program> …   with VANTHU_TEST_NOW=2026-05-10T09:00:00+07:00
 * Time starts at VANTHU_TEST_NOW and runs on at the real pace (durations stay true).
 *
 * Why a preload and not a flag or an environment variable read by the product: VănThư itself
 * has no way to be told the time. The services take a clock (tests in-process pass a fixed
 * one); a shipped program always uses the system clock, so nobody can backdate a number, a
 * signature or an audit entry by setting a variable. This file lives in tests/, is not built
 * or packaged, and takes effect only when a test names it with --import — which anyone able
 * to do could as well edit the source. (`faketime` does the same for a whole process tree,
 * external tools included.)
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const iso = process.env.VANTHU_TEST_NOW;
if (iso) {
  const start = Date.parse(iso);
  if (Number.isNaN(start)) throw new Error(`VANTHU_TEST_NOW is not a date: ${iso}`);
  const RealDate = Date;
  const t0 = performance.now();
  const now = () => Math.floor(start + (performance.now() - t0));
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length ? args : [now()], newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, prop, receiver) {
      if (prop === 'now') return now;
      return Reflect.get(target, prop, receiver);
    },
  });
}
