/**
 * The built CLI loads only what a command uses: `--help` opens no database, `search` and
 * `incoming add` load no PDF, signing, spreadsheet or CSV library. Measured from outside: the
 * CLI runs under a module hook that writes down every module Node loads (ES modules through
 * the loader hook, CommonJS through require's cache), and the test reads which npm packages
 * appear. A command that does print a PDF is the control that shows the tracing sees them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, CLI_ENTRY, FIXTURE_PASSWORD, PASSWORD_ENV, TEST_KDF_PRELOAD, withAccount } from './cliHelpers.js';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(path.dirname(CLI_ENTRY), '../..');
const OUT_NODE = path.dirname(CLI_ENTRY) + path.sep;
/** The services a registering or searching command does not use (src/main/servicesMore.ts builds them), and more. */
const BEYOND_CORE = [
  'src/main/servicesMore.ts',
  'src/main/outgoing/outgoingService.ts',
  'src/main/archive/archiveService.ts',
  'src/main/letters/letterService.ts',
  'src/main/interchange/interchangeService.ts',
  'src/main/workflow/assignmentService.ts',
  // The checks of attached files: loaded by the first file, not by a search or a registration without one.
  'src/main/attachments/sniff.ts',
  'src/main/attachments/officeFiles.ts',
];

const HEAVY = ['pdf-lib', '@pdf-lib/fontkit', 'exceljs', 'node-forge', 'pdfjs-dist', 'csv-parse'];
/** Loaded only by what reads an edXML message (saxes) or a ZIP (yauzl): not by registering or searching. */
const MESSAGE_READERS = ['saxes', 'yauzl'];

/** A hook script for `node --import`: records each loaded module's URL or path in `log`. */
function tracer(dir: string, log: string): string {
  const hooks = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`;
  const hooksFile = path.join(dir, 'trace-hooks.mjs');
  writeFileSync(hooksFile, hooks);
  const entry = path.join(dir, 'trace.mjs');
  writeFileSync(
    entry,
    `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register(${JSON.stringify(pathToFileURL(hooksFile).href)});
process.on('exit', () => {
  const cache = createRequire(import.meta.url).cache;
  appendFileSync(${JSON.stringify(log)}, Object.keys(cache).join('\\n') + '\\n');
});`,
  );
  return entry;
}

/**
 * The source files (src/…) whose code a CLI run loaded: the sources listed in the source map
 * of every built file it loaded (out/node is built with linked source maps).
 */
function sourcesLoadedBy(lines: string[]): Set<string> {
  const sources = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith('file:') || !line.endsWith('.js')) continue;
    const file = fileURLToPath(line);
    if (!file.startsWith(OUT_NODE)) continue;
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    for (const s of map.sources)
      sources.add(
        path
          .relative(ROOT, path.resolve(path.dirname(file), s))
          .split(path.sep)
          .join('/'),
      );
  }
  return sources;
}

/** The npm packages a CLI run loaded, by name ("pdf-lib", "@pdf-lib/fontkit"), and the sources of ours it loaded. */
function packagesLoadedBy(args: string[], db: string): { packages: Set<string>; sources: Set<string>; code: number; stderr: string } {
  const dir = tempDir();
  const log = path.join(dir, 'loaded.txt');
  writeFileSync(log, '');
  const r = spawnSync(
    process.execPath,
    ['--import', TEST_KDF_PRELOAD, '--import', tracer(dir, log), CLI_ENTRY, ...withAccount(args), '--db', db],
    {
      encoding: 'utf8',
      env: { ...process.env, [PASSWORD_ENV]: FIXTURE_PASSWORD },
    },
  );
  const packages = new Set<string>();
  const lines = readFileSync(log, 'utf8').split('\n');
  for (const line of lines) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(decodeURIComponent(line));
    if (m) packages.add(m[1]!.replace('\\', '/'));
  }
  return { packages, sources: sourcesLoadedBy(lines), code: r.status ?? -1, stderr: r.stderr };
}

const DOC = {
  organName: 'Sở Tài chính',
  symbol: '12/QĐ-STC',
  issuedDate: '2026-01-02',
  typeName: 'Quyết định',
  subject: 'Về việc giao dự toán tỉnh Quảng Ngãi',
};

describe('the built CLI loads only what a command uses', () => {
  // One database for the file (tempDir() folders are removed after each test).
  const dbDir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-startup-'));
  const db = path.join(dbDir, 'startup.sqlite');
  afterAll(() => rmSync(dbDir, { recursive: true, force: true }));
  beforeAll(() => {
    expect(cli(db, ['init', '--org-name', 'Ủy ban nhân dân tỉnh Quảng Ngãi', '--org-code', 'UBND']).code).toBe(0);
  });

  it('--help loads no npm package at all (no database either)', () => {
    const run = packagesLoadedBy(['--help'], db);
    expect(run.code).toBe(0);
    expect([...run.packages]).toEqual([]);
  });

  it('incoming add opens SQLite and nothing heavy', () => {
    const run = packagesLoadedBy(['incoming', 'add', '--data', JSON.stringify(DOC), '--json'], db);
    expect(run.code, run.stderr).toBe(0);
    expect(run.packages.has('better-sqlite3')).toBe(true);
    for (const lib of [...HEAVY, ...MESSAGE_READERS]) expect(run.packages.has(lib), `${lib} was loaded`).toBe(false);
    // Nor the API contract (its zod schemas cost more to build than the insert itself).
    expect(run.packages.has('zod'), 'zod was loaded').toBe(false);
    // Nor the code of the services it does not use (outgoing, workflow, archive, letters, interchange).
    expect(run.sources.has('src/main/incoming/incomingService.ts')).toBe(true);
    expect(BEYOND_CORE.filter((f) => run.sources.has(f))).toEqual([]);
  });

  it('search opens SQLite and nothing heavy', () => {
    const run = packagesLoadedBy(['search', 'quang ngai', '--json'], db);
    expect(run.code, run.stderr).toBe(0);
    expect(run.packages.has('better-sqlite3')).toBe(true);
    for (const lib of [...HEAVY, ...MESSAGE_READERS]) expect(run.packages.has(lib), `${lib} was loaded`).toBe(false);
    expect(run.packages.has('zod'), 'zod was loaded').toBe(false);
    expect(run.sources.has('src/main/search/searchService.ts')).toBe(true);
    expect(BEYOND_CORE.filter((f) => run.sources.has(f))).toEqual([]);
  });

  it('(control) a command of another service loads them all, and still answers', () => {
    const run = packagesLoadedBy(['unit', 'list', '--json'], db);
    expect(run.code, run.stderr).toBe(0);
    expect(BEYOND_CORE.filter((f) => !run.sources.has(f))).toEqual([]);
  });

  it('(control) printing the register book does load pdf-lib, so the tracing sees it', () => {
    const out = path.join(tempDir(), 'so-den.pdf');
    const run = packagesLoadedBy(['register', 'print', '--register', 'DEN', '--year', '2026', '--out', out], db);
    expect(run.code, run.stderr).toBe(0);
    expect(run.packages.has('pdf-lib')).toBe(true);
    expect(run.packages.has('exceljs')).toBe(false);
  });
});
