/**
 * The contract under malformed input (issue 9, item 7): every method of src/shared/contract.ts
 * gets seeded, bounded mutations of a plausible input — wrong types, huge strings, deep
 * nesting, NUL, control characters and lone surrogates, `__proto__` keys, traversal names,
 * bad base64 and bytes, bad CSV, non-PNG images, unknown keys in nested objects — through the
 * real web host over HTTP, against a real database. For every answer: no 5xx, the host still
 * up, a coded error (never `internal`, never a stack trace or a path of this machine), and for
 * every refusal the database's rows and the file store unchanged.
 *
 * A second, exhaustive pass replaces each text field of each method's sample with NUL, a
 * C0 and a C1 control character and a lone surrogate: every one must be refused the same way
 * (control_chars), nothing written. Reproduce a failure with VANTHU_FUZZ_SEED=<seed>.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../../src/shared/contract.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { doc } from '../helpers.js';
import { BAD_CSV, NOT_PNG, PDF, seedSamples, settleJobs as settleSamplesJobs, type Json } from './contractSamples.js';
import { startHost, type Answer } from './webHarness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SEED = Number(process.env.VANTHU_FUZZ_SEED ?? 20260509);
const CASES_PER_METHOD = Number(process.env.VANTHU_FUZZ_CASES ?? 24);

/** mulberry32: small, seeded, good enough to pick mutations reproducibly. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

/** JSON with an own `__proto__` key (JSON.parse makes it an own property; JSON.stringify keeps it). */
const protoObject = (inner: Json = { polluted: true }): { [k: string]: Json } =>
  JSON.parse(`{"__proto__": ${JSON.stringify(inner)}}`) as { [k: string]: Json };

function deep(levels: number): Json {
  let v: Json = 'đáy';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  'x'.repeat(100_000),
  'a\u0000b',
  'x\ud800y',
  'x\udc00',
  '\u0007chuông',
  'c\u009b31m',
  '../../../../etc/passwd',
  '..\\..\\Windows\\System32\\drivers\\etc\\hosts',
  '.',
  '..',
  'CON',
  '%00',
  '%E0%A4%A',
  '\u202Efdp.exe',
  '__proto__',
  '{"$bytes":"!!"}',
  '2026-02-30',
  '99999999999999999999',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
];

const HOSTILE_VALUES = (r: ReturnType<typeof rng>): Json[] => [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  2 ** 53,
  [],
  {},
  r.pick(HOSTILE_STRINGS),
  [r.pick(HOSTILE_STRINGS), 1, null],
  { unexpected: 1 },
  protoObject(),
  deep(40),
  NOT_PNG,
  BAD_CSV,
  new Uint8Array(0),
  Array.from({ length: 60 }, () => 'x'),
];

/** Every path to a value inside `v` (objects and arrays), the root included. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (v instanceof Uint8Array || v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function clone(v: Json): Json {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone);
  const o: { [k: string]: Json } = {};
  for (const k of Object.keys(v))
    Object.defineProperty(o, k, { value: clone(v[k]!), enumerable: true, writable: true, configurable: true });
  return o;
}

function setAt(root: Json, at: (string | number)[], value: Json): Json {
  if (!at.length) return value;
  const copy = clone(root);
  let cur = copy as { [k: string]: Json } | Json[];
  for (const k of at.slice(0, -1)) cur = (cur as Record<string | number, Json>)[k] as { [k: string]: Json } | Json[];
  (cur as Record<string | number, Json>)[at.at(-1)!] = value;
  return copy;
}

function getAt(root: Json, at: (string | number)[]): Json {
  let cur: Json = root;
  for (const k of at) cur = (cur as Record<string | number, Json>)[k]!;
  return cur;
}

/** One seeded mutation of a sample; `raw` is sent as the body text when set. */
function mutate(r: ReturnType<typeof rng>, sample: Json): { input?: Json; raw?: string; what: string } {
  const all = paths(sample);
  const objects = all.filter((p) => {
    const v = getAt(sample, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
  });
  const byteFields = all.filter((p) => getAt(sample, p) instanceof Uint8Array);
  switch (r.int(7)) {
    case 0: {
      const p = r.pick(all);
      const v = r.pick(HOSTILE_VALUES(r));
      return { input: setAt(sample, p, v), what: `value at ${p.join('.') || '(root)'}` };
    }
    case 1: {
      const p = r.pick(objects);
      const key = r.pick(['unexpected', 'library', 'path', '__proto__', 'constructor', 'prototype', 'x\u0000', 'x\ud800']);
      const target = clone(getAt(sample, p)) as { [k: string]: Json };
      Object.defineProperty(target, key, { value: r.pick(HOSTILE_VALUES(r)), enumerable: true, writable: true, configurable: true });
      return { input: setAt(sample, p, target), what: `extra key ${JSON.stringify(key)} at ${p.join('.') || '(root)'}` };
    }
    case 2: {
      if (!byteFields.length) return { input: r.pick(HOSTILE_VALUES(r)), what: 'whole input' };
      const p = r.pick(byteFields);
      const text = JSON.stringify(setAt(sample, p, 'BYTES_HERE'), (_k, v: unknown) =>
        v instanceof Uint8Array ? { $bytes: Buffer.from(v).toString('base64') } : v,
      );
      const bad = r.pick(['"!!!not base64!!!"', '42', '{"$bytes":"AAAA","x":1}', '[1,2,3]', '"' + 'A'.repeat(5000) + '="']);
      return { raw: text.replace('"BYTES_HERE"', `{"$bytes":${bad}}`), what: `bad bytes at ${p.join('.')}` };
    }
    case 3:
      return {
        raw: r.pick(['{', 'null', '[]', '"x"', '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}', '\u0000', '{"__proto__":{"x":1}}']),
        what: 'raw body',
      };
    case 4: {
      const p = r.pick(all.filter((q) => typeof getAt(sample, q) === 'string'));
      if (!p) return { input: protoObject(), what: 'root __proto__' };
      return { input: setAt(sample, p, r.pick(HOSTILE_STRINGS)), what: `hostile string at ${p.join('.')}` };
    }
    case 5: {
      const p = r.pick(all.filter((q) => typeof getAt(sample, q) === 'number'));
      if (!p) return { input: setAt(sample, [], r.pick(HOSTILE_VALUES(r))), what: 'whole input' };
      return { input: setAt(sample, p, r.pick([-1, 0, 0.5, 1e308, 2 ** 53, 2 ** 31, '1', null])), what: `number at ${p.join('.')}` };
    }
    default: {
      const p = r.pick(byteFields.length ? byteFields : all);
      return {
        input: setAt(
          sample,
          p,
          r.pick([NOT_PNG, BAD_CSV, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x25, 0x50, 0x44, 0x46, 0x2d]), new Uint8Array(0)]),
        ),
        what: `odd bytes at ${p.join('.') || '(root)'}`,
      };
    }
  }
}

let h: Awaited<ReturnType<typeof startHost>>;
let S: Record<MethodName, Json>;
const forbidden: string[] = [];

beforeAll(async () => {
  h = await startHost({ forFile: true });
  S = await seedSamples(h.post);
  forbidden.push(ROOT, path.dirname(h.dbPath), os.homedir(), 'node_modules', path.join(os.tmpdir(), 'vanthu'));
}, 120_000);
afterAll(() => h?.stop());

const settleJobs = (jobIds: string[]) => settleSamplesJobs(h.post, jobIds);

/** The checks every answer must pass; returns the problem, or null. */
function problemOf(a: Answer): string | null {
  if (a.status >= 500) return `HTTP ${a.status}`;
  if (!a.body || typeof a.body.ok !== 'boolean') return `not a Result: ${a.text.slice(0, 200)}`;
  for (const p of forbidden) if (p.length > 1 && a.text.includes(p)) return `machine path ${p} in the answer`;
  if (/\bat \S+ \(?[^)\s]+\.(ts|js|mjs):\d+/.test(a.text)) return 'stack trace in the answer';
  if (!a.body.ok) {
    const e = a.body.error;
    if (!e || typeof e.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(e.code) || typeof e.message !== 'string')
      return `uncoded error ${a.text.slice(0, 200)}`;
    if (e.code === 'internal') return `internal: ${e.message}`;
  }
  // An accepted job must not fail inside.
  const v = a.body.value as { state?: string; error?: { code?: string } } | undefined;
  if (v?.error?.code === 'internal') return `job failed internally: ${JSON.stringify(v.error)}`;
  return null;
}

describe('contract fuzz through the web host', () => {
  it('has a sample for every method of the contract', () => {
    expect(Object.keys(S).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it(`seed ${SEED}: ${CASES_PER_METHOD} malformed inputs per method — coded answers, no 5xx, no internal, no paths, refusals write nothing`, async () => {
    const r = rng(SEED);
    const failures: string[] = [];
    let calls = 0;
    const outcomes: Record<string, number> = {};
    let digest = h.digest({ ignoreAuditedRefusals: true });
    for (const method of METHOD_NAMES) {
      for (let i = 0; i < CASES_PER_METHOD; i++) {
        const m = mutate(r, S[method]);
        // Sessions' own methods go without the harness's session (a sign-in would replace it).
        const a = await h.post(method, m.raw ?? m.input, method.startsWith('auth.') ? { Cookie: '' } : {});
        calls++;
        const where = `${method} [${m.what}]`;
        const outcome = a.body?.ok ? 'ok' : (a.body?.error?.code ?? `http ${a.status}`);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        const problem = problemOf(a);
        if (problem) failures.push(`${where}: ${problem}`);
        const v = a.body?.value as { jobId?: string; state?: string } | undefined;
        if (a.body?.ok && v?.jobId && v.state === 'running') {
          await settleJobs([v.jobId]);
          const s = await h.post('job.status', { jobId: v.jobId });
          const p = problemOf(s);
          if (p) failures.push(`${where} → job: ${p}`);
        }
        // A refusal writes nothing but, for a sign-in or a want of rights, its audited refusal.
        if (a.body && !a.body.ok) {
          const now = h.digest({ ignoreAuditedRefusals: true });
          if (now !== digest) failures.push(`${where}: refused (${a.body.error?.code}) but the store changed`);
          digest = now;
        } else digest = h.digest({ ignoreAuditedRefusals: true });
      }
    }
    if (process.env.VANTHU_FUZZ_STATS) process.stderr.write(`fuzz outcomes: ${JSON.stringify(outcomes)}\n`);
    // Still serving, database open.
    expect((await h.post('app.info', {})).body?.ok).toBe(true);
    expect(failures, `seed ${SEED}, ${calls} calls`).toEqual([]);
    expect(calls).toBe(METHOD_NAMES.length * CASES_PER_METHOD);
  }, 240_000);

  it('every text field of every method refuses NUL, C0/C1 controls and lone surrogates alike (control_chars), nothing written', async () => {
    const failures: string[] = [];
    const before = h.digest();
    let fields = 0;
    for (const method of METHOD_NAMES) {
      const sample = S[method];
      const textPaths = paths(sample).filter((p) => typeof getAt(sample, p) === 'string');
      for (const p of textPaths) {
        fields++;
        for (const bad of ['a\u0000b', 'a\u0001b', 'a\u009bb', 'a\ud800b', 'a\udfffb']) {
          const a = await h.post(method, setAt(sample, p, bad), method.startsWith('auth.') ? { Cookie: '' } : {});
          const code = a.body?.error?.code;
          if (code !== 'control_chars') failures.push(`${method} ${p.join('.')} ${JSON.stringify(bad)}: ${code ?? a.text.slice(0, 120)}`);
          else if (a.body?.error?.field !== p.join('.')) failures.push(`${method} ${p.join('.')}: field ${a.body?.error?.field}`);
        }
      }
      // Keys of free-form objects (document data) too.
      if (sample && typeof sample === 'object' && 'data' in sample) {
        const withKey = clone(sample) as { data: { [k: string]: Json } };
        withKey.data['ghi\u0000chú'] = 'x';
        const a = await h.post(method, withKey);
        if (a.body?.error?.code !== 'control_chars') failures.push(`${method} data key: ${a.body?.error?.code}`);
      }
    }
    expect(failures).toEqual([]);
    expect(fields).toBeGreaterThan(60);
    expect(h.digest()).toBe(before);
  }, 240_000);
});

describe("the issue's findings, as cases", () => {
  it('__proto__ inside data is refused like any unknown key; unknown keys inside attachments[i] are refused', async () => {
    const before = h.digest();
    for (const [method, input] of [
      ['incoming.add', { data: { ...(doc() as object), ...{} }, extra: 1 }],
      ['incoming.add', { data: Object.assign(protoObject({ subject: 'x' }), doc()) }],
      ['outgoing.draft', { data: Object.assign(protoObject(), DRAFT) }],
      ['task.add', { data: protoObject({ title: 'x' }) }],
      ['incoming.add', { data: doc({ symbol: '5/FZ' }), attachments: [{ fileName: 'a.pdf', bytes: PDF, path: '/etc/passwd' }] }],
      ['incoming.add', { data: doc({ symbol: '6/FZ' }), attachments: [Object.assign(protoObject(), { fileName: 'a.pdf', bytes: PDF })] }],
    ] as [MethodName, Json][]) {
      const a = await h.post(method, input);
      expect(a.body?.ok, `${method} ${a.text}`).toBe(false);
      expect(['unknown_field', 'invalid_input']).toContain(a.body!.error!.code);
    }
    const proto = await h.post('incoming.add', { data: Object.assign(protoObject({ subject: 'x' }), doc()) });
    expect(proto.body?.error).toMatchObject({ code: 'unknown_field', field: 'data.__proto__' });
    expect(h.digest()).toBe(before);
  });

  it('control characters in attachment names are refused', async () => {
    const before = h.digest();
    for (const fileName of ['cv\u0000.pdf', 'cv\u0007.pdf', 'cv\u009b.pdf', 'cv\ud800.pdf']) {
      const a = await h.post('incoming.add', { data: doc({ symbol: '8/FZ' }), attachments: [{ fileName, bytes: PDF }] });
      expect(a.body?.error, fileName).toMatchObject({ code: 'control_chars', field: 'attachments.0.fileName' });
    }
    expect(h.digest()).toBe(before);
  });

  it('outgoing body paragraphs of the wrong type are refused, not dropped', async () => {
    const before = h.digest();
    for (const bad of [
      12345,
      {},
      [],
      null,
      true,
      { text: 5 },
      { text: 'x', color: 'red' },
      { text: 'x', align: 'right' },
      { text: 'x', bold: 'yes' },
    ]) {
      for (const method of ['outgoing.draft', 'outgoing.preview'] as const) {
        const a = await h.post(method, { data: { ...DRAFT, body: ['Đoạn đúng.', bad as Json] } });
        expect(a.body?.error, `${method} ${JSON.stringify(bad)}`).toMatchObject({ code: 'invalid_input', field: 'body.1' });
      }
    }
    expect(h.digest()).toBe(before);
    // Empty lines between paragraphs are still simply skipped.
    const ok = await h.post('outgoing.preview', { data: { ...DRAFT, body: ['Một.', '', { text: 'Hai.', italic: false }] } });
    expect(ok.body?.ok, ok.text).toBe(true);
  });

  it('POST /api/%E0%A4%A, a non-PNG signature image, a stray-quote CSV, "." and ".." file names: coded, never internal', async () => {
    expect((await h.post('%E0%A4%A', {})).body?.error?.code).toBe('unknown_method');
    const sign = await h.post('outgoing.sign', {
      id: (S['outgoing.get'] as { id: number }).id,
      as: 'official',
      p12: { bytes: Buffer.from('not a p12'), password: 'x' },
      image: NOT_PNG,
    });
    expect(sign.body?.ok).toBe(false);
    expect(sign.body?.error?.code).not.toBe('internal');
    for (const fileName of ['.', '..']) {
      const j = await h.post('import.start', { fileName, bytes: BAD_CSV });
      const jobId = (j.body!.value as { jobId: string }).jobId;
      await settleJobs([jobId]);
      const s = await h.post('job.status', { jobId });
      expect(s.body?.value).toMatchObject({ state: 'failed', error: { code: 'invalid_csv' } });
    }
    expect((await h.post('app.info', {})).body?.ok).toBe(true);
  });
});
