/**
 * `electron-vite build` → out/main (main process + database worker), out/preload (the
 * sandboxed bridge) and out/renderer (the React page, same build as browser mode).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig as ElectronViteConfig } from 'electron-vite';
import type { ConfigEnv, UserConfig, UserConfigExport } from 'vite';
import { NATIVE_MODULES, RUNTIME_PACKAGES } from './scripts/lib/electron.mjs';
import rendererConfig from './vite.renderer.config.js';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const src = (p: string) => path.join(ROOT, 'src', p);

/*
 * Left outside the bundle and loaded from out/main/node_modules, where scripts/lib/electron.mjs
 * puts them (one list for both): the native modules, rebuilt for Electron's ABI (the only files
 * unpacked from app.asar, see electron-builder.yml), and the run-time packages that load files
 * from their own folders (capture's OCR, the canvas addon, pdf.js and its worker module).
 */

/** The renderer's own Vite config (browser mode) is the single source for the page build. */
async function rendererFor(env: ConfigEnv): Promise<UserConfig> {
  const exported = rendererConfig as UserConfigExport;
  return typeof exported === 'function' ? await exported(env) : await exported;
}

export default defineConfig(async (env): Promise<ElectronViteConfig> => {
  const renderer = await rendererFor(env);
  return {
    main: {
      build: {
        // Bundle the pure-JS dependencies (zod, pdf-lib, csv-parse...): the worker then needs
        // nothing from node_modules but the native modules (unpacked from app.asar).
        externalizeDeps: false,
        rolldownOptions: {
          // tokenSigner: the utility process a token's PKCS#11 library is loaded in.
          input: {
            index: src('main/app/main.ts'),
            dbWorker: src('main/app/dbWorker.ts'),
            tokenSigner: src('main/signing/tokenProcess.ts'),
            // An import's reading thread (src/main/incoming/import/pipeline.ts finds it beside the bundles).
            parseWorker: src('main/incoming/import/parseWorker.ts'),
            // Capture's thread: text of attachments and OCR (src/main/capture/client.ts finds it beside the bundles).
            captureWorker: src('main/capture/captureWorker.ts'),
          },
          external: [...NATIVE_MODULES, ...RUNTIME_PACKAGES].map((m) => new RegExp(`^${m.replace(/[.]/g, '\\.')}(/|$)`)),
        },
      },
    },
    preload: {
      build: {
        // A sandboxed preload cannot require() anything but 'electron': one self-contained
        // CommonJS file (an ES module preload does not load with sandbox: true).
        externalizeDeps: false,
        rolldownOptions: {
          input: { index: src('preload/index.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer: {
      ...renderer,
      root: renderer.root ?? src('renderer'),
      build: {
        ...renderer.build,
        outDir: renderer.build?.outDir ?? path.join(ROOT, 'out/renderer'),
        rolldownOptions: { ...renderer.build?.rolldownOptions, input: src('renderer/index.html') },
      },
    },
  };
});
