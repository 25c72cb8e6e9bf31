/**
 * The installer's configuration, read and validated by electron-builder itself (its own
 * loader and JSON schema), then checked for what keeps the packaged app closed: the fuses,
 * nothing but native code outside app.asar, a per-machine install, no signing secret in the
 * repository, and the newest Electron 45 at the time of writing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// electron-builder's own configuration loader and validator (app-builder-lib has no export map).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function builderConfig() {
  const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it('burns the fuses that keep the app from becoming a general Node.js runtime', async () => {
    const { electronFuses } = await builderConfig();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps only native modules outside app.asar', async () => {
    const config = await builderConfig();
    expect(config.asar).not.toBe(false);
    const unpack = ([] as string[]).concat(config.asarUnpack ?? []);
    expect(unpack).toContain('**/*.node');
    for (const pattern of unpack) {
      expect(pattern, `${pattern} is not a native module`).toMatch(
        /^\*\*\/(\*\.node|node_modules\/(better-sqlite3|bindings|file-uri-to-path|pkcs11js)\/\*\*)$/,
      );
    }
  });

  it('offers a per-machine install (NSIS install-mode page) and never holds a signing secret', async () => {
    const config = await builderConfig();
    // oneClick off + perMachine off = the installer asks "only me" or "all users".
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    const text = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/certificate(File|Password)|cscLink|cscKeyPassword|CSC_KEY_PASSWORD\s*[:=]\s*\S/i);
    const win = config.win as { signtoolOptions?: Record<string, unknown> } | undefined;
    expect(win?.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'] });
    for (const key of ['certificateFile', 'certificatePassword', 'certificateSubjectName', 'certificateSha1']) {
      expect(win?.signtoolOptions?.[key]).toBeUndefined();
    }
  });

  it('builds with Electron 45.6.0 or later in the 45 line', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const m = /^\^?(\d+)\.(\d+)\.(\d+)$/.exec(pkg.devDependencies.electron ?? '');
    expect(m, pkg.devDependencies.electron).not.toBeNull();
    const [major, minor] = [Number(m![1]), Number(m![2])];
    expect(major).toBe(45);
    expect(minor).toBeGreaterThanOrEqual(6);
  });
});
