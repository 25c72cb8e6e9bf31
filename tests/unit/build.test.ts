/**
 * When the built programs (out/node) are stale: bin/vanthu.js, `npm test`, `npm run web` and
 * `npm start` rebuild only then, so a second call compiles nothing and an edited checkout never
 * runs old code. Checked on a small project folder with a build-info.json as the build writes it.
 */
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILES, HASHES_FILE, sha256, staleReason } from '../../scripts/lib/stale.mjs';
import { tempDir } from './helpers.js';

function project(): { root: string; builtAt: number } {
  const root = tempDir();
  const write = (rel: string, text = '') => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  for (const f of [...CONFIG_FILES, 'src/main/cli/index.ts', 'src/main/paths.ts']) write(f);
  write('out/node/cli.js');
  write('out/node/chunks/chunk-AB12.js');
  // Sources an hour older than the build.
  const builtAt = Date.now();
  const old = new Date(builtAt - 3_600_000);
  for (const f of [...CONFIG_FILES, 'src/main/cli/index.ts', 'src/main/paths.ts']) utimesSync(path.join(root, f), old, old);
  write(
    'out/node/build-info.json',
    JSON.stringify({
      builtAt,
      inputs: ['src/main/cli/index.ts', 'src/main/paths.ts'],
      outputs: ['cli.js', 'cli.js.map', 'chunks/chunk-AB12.js'],
    }),
  );
  return { root, builtAt };
}

describe('staleness of out/node', () => {
  it('is fresh when every source and the build configuration are older than the build', () => {
    expect(staleReason(project().root)).toBeNull();
  });

  it('is stale when a source or the build script changed, a source was removed, or an output is missing', () => {
    const later = new Date(Date.now() + 60_000);
    let p = project();
    utimesSync(path.join(p.root, 'src/main/paths.ts'), later, later);
    expect(staleReason(p.root)).toBe('src/main/paths.ts changed');
    p = project();
    utimesSync(path.join(p.root, 'scripts/build.mjs'), later, later);
    expect(staleReason(p.root)).toBe('scripts/build.mjs changed');
    p = project();
    rmSync(path.join(p.root, 'src/main/paths.ts'));
    expect(staleReason(p.root)).toBe('src/main/paths.ts was removed');
    p = project();
    rmSync(path.join(p.root, 'out/node/chunks/chunk-AB12.js'));
    expect(staleReason(p.root)).toBe('missing chunks/chunk-AB12.js');
    expect(staleReason(tempDir())).toBe('no build yet');
  });

  it('a source rewritten with the same bytes (a checkout, a rebase) is not a change; other bytes are', () => {
    const p = project();
    const file = path.join(p.root, 'src/main/paths.ts');
    writeFileSync(file, 'export const a = 1;\n');
    // As build.mjs records them: the SHA-256 of the bytes esbuild compiled, for the build of builtAt.
    const files = { 'src/main/paths.ts': sha256(file), 'scripts/build.mjs': sha256(path.join(p.root, 'scripts/build.mjs')) };
    const hashesFile = path.join(p.root, 'out/node', HASHES_FILE);
    writeFileSync(hashesFile, JSON.stringify({ builtAt: p.builtAt - 1, files }));
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    utimesSync(path.join(p.root, 'scripts/build.mjs'), later, later);
    // Hashes of another build are not these sources' hashes.
    expect(staleReason(p.root)).toBe('scripts/build.mjs changed');
    writeFileSync(hashesFile, JSON.stringify({ builtAt: p.builtAt, files }));
    expect(staleReason(p.root)).toBeNull();
    writeFileSync(file, 'export const a = 2;\n');
    utimesSync(file, later, later);
    expect(staleReason(p.root)).toBe('src/main/paths.ts changed');
    // A newer file the build recorded no hash for (package.json here) is a change, as before.
    writeFileSync(file, 'export const a = 1;\n');
    utimesSync(file, later, later);
    utimesSync(path.join(p.root, 'package.json'), later, later);
    expect(staleReason(p.root)).toBe('package.json changed');
  });

  it('the build records the hash of every source it compiled and of its configuration', () => {
    const out = path.resolve(__dirname, '../../out/node');
    const info = JSON.parse(readFileSync(path.join(out, 'build-info.json'), 'utf8')) as { builtAt: number; inputs: string[] };
    const hashes = JSON.parse(readFileSync(path.join(out, HASHES_FILE), 'utf8')) as { builtAt: number; files: Record<string, string> };
    expect(hashes.builtAt).toBe(info.builtAt);
    expect(info.inputs.length).toBeGreaterThan(100);
    for (const f of [...CONFIG_FILES, ...info.inputs]) expect(hashes.files[f], f).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes.files['src/main/paths.ts']).toBe(sha256(path.resolve(__dirname, '../../src/main/paths.ts')));
  });

  it('in a copy without sources (an installed package), a present build is used as it is', () => {
    const p = project();
    rmSync(path.join(p.root, 'src'), { recursive: true });
    expect(staleReason(p.root)).toBeNull();
  });
});
