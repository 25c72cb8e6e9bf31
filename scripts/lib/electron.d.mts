// Types of scripts/lib/electron.mjs for the TypeScript tests.
type Log = (message: string) => void;
export const NATIVE_MODULES: string[];
export const RUNTIME_PACKAGES: string[];
export function runtimeClosure(root: string, names?: string[]): string[];
export function runtimeStamp(root: string): Record<string, string>;
export function electronBinary(electronDir: string, env?: Record<string, string | undefined>): string | null;
export function electronVersion(electronDir: string): string;
export function fetchElectron(opts: {
  electronDir: string;
  log?: Log;
  timeoutMs?: number;
  tty?: boolean;
}): Promise<{ ok: true; binary: string } | { ok: false; reason: string }>;
export function installerReason(stderr: string): string;
export function electronRebuildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
export function ensureElectronNatives(opts: {
  root: string;
  version: string;
  platform?: string;
  arch?: string;
  log?: Log;
  rebuild?: (o: { root: string; dir: string; version: string; arch: string; log: Log }) => { ok: boolean; reason?: string };
}): { ok: true; dir: string; built: boolean } | { ok: false; reason: string };
export function installElectronNatives(opts: { nativeDir: string; mainDir: string; root?: string }): string;
export function electronBuildStale(root: string): string | null;
export function prepareElectronApp(opts: { root: string; version: string; log?: Log }): {
  ok: boolean;
  reason?: string;
  nativeDir?: string;
};
