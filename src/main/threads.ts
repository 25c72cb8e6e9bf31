/**
 * Starting a worker thread from a module of this project, the same way whether the code
 * runs built (out/node, out/main: the entry is a file of its own beside the bundle, or one
 * folder up from the chunk holding the caller) or from the TypeScript sources (tsx, vitest:
 * a small bootstrap registers tsx's loader in the new thread, then imports the `.ts` entry).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `entry` is the file name without extension (e.g. 'parseWorker'), beside the module `here` (its import.meta.url). */
export function startModuleWorker(here: string, entry: string, options: WorkerOptions): Worker {
  if (!here.endsWith('.ts')) {
    const built = [`./${entry}.js`, `../${entry}.js`].map((p) => new URL(p, here)).find((u) => existsSync(fileURLToPath(u)));
    if (!built) throw new Error(`no ${entry}.js beside this module`);
    return new Worker(built, options);
  }
  // tsx's ESM API, as its package exports it for `import` (require() would give the CommonJS one).
  const pkg = createRequire(here).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!;
  const tsxApi = pathToFileURL(path.join(path.dirname(pkg), api.import.default)).href;
  const file = new URL(`./${entry}.ts`, here).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
