// Types of scripts/start.mjs for the TypeScript tests.
export function parseStartArgs(argv: string[]): { browser: boolean; open: boolean; web: string[] };
export function chooseMode(opts: {
  electronDir: string;
  env?: Record<string, string | undefined>;
  platform?: string;
  browser?: boolean;
  fetch?: (o: { electronDir: string }) => Promise<{ ok: true; binary: string } | { ok: false; reason: string }>;
}): Promise<{ mode: 'electron'; binary: string } | { mode: 'browser'; reason: string }>;
export function runBrowserMode(opts: { reason: string; webArgs?: string[]; open?: boolean }): Promise<never>;
