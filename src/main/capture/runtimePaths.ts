/**
 * Where capture's run-time packages are loaded from. In the packaged app the Electron bundles
 * live in resources/app.asar, and Node's resolution from them answers with paths inside that
 * archive. What capture starts or hands to the operating system cannot be read from there:
 * tesseract.js starts its OCR script as a new worker thread by file name, that script loads the
 * WebAssembly core and reads the `vie` model with plain fs, and @napi-rs/canvas (required by
 * capture and by pdf.js) is a native addon. electron-builder.yml therefore unpacks these
 * packages (asarUnpack) to resources/app.asar.unpacked, and every path capture uses is turned
 * to that folder here: loaded from there, each package finds its own dependencies there too.
 * Out of the package (the CLI, the web host, tests, `npm start`) no path holds an app.asar
 * folder and nothing changes.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ASAR_SEGMENT = /([\\/])app\.asar(?=[\\/]|$)/;

/** A path inside app.asar → the same path in app.asar.unpacked; any other path as it is. */
export function unpackedPath(p: string): string {
  return p.replace(ASAR_SEGMENT, '$1app.asar.unpacked');
}

/** Resolves run-time packages as a module at `fromFile` would, answering outside app.asar. */
export function runtimeResolver(fromFile: string | URL) {
  const req = createRequire(fromFile);
  const resolve = (specifier: string) => unpackedPath(req.resolve(specifier));
  return {
    resolve,
    /** A package's folder (through its package.json, which every package has). */
    dir: (name: string) => path.dirname(resolve(`${name}/package.json`)),
    /** A CommonJS module loaded from its unpacked path (its own requires then stay there). */
    require: <T>(specifier: string): T => createRequire(fromFile)(resolve(specifier)) as T,
    /** An ES module (pdf.js) imported from its unpacked path. */
    import: <T>(specifier: string): Promise<T> => import(pathToFileURL(resolve(specifier)).href) as Promise<T>,
  };
}

/** Capture's packages as the capture worker loads them. */
export const runtime = runtimeResolver(import.meta.url);

/** tesseract.js's Node worker script (it starts it by file name in a worker thread). */
export function tesseractWorkerPath(r = runtime): string {
  return path.join(r.dir('tesseract.js'), 'src', 'worker-script', 'node', 'index.js');
}

/** @napi-rs/canvas, a native addon (capture draws pages and decodes images with it). */
export function canvasModule(r = runtime): typeof import('@napi-rs/canvas') {
  return r.require<typeof import('@napi-rs/canvas')>('@napi-rs/canvas');
}
