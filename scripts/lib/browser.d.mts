// Types of scripts/lib/browser.mjs for the TypeScript tests.
export function hasDesktop(platform?: string, env?: Record<string, string | undefined>): boolean;
export function openerFor(url: string, platform?: string, env?: Record<string, string | undefined>): { cmd: string; args: string[] } | null;
export function openBrowser(url: string, platform?: string, env?: Record<string, string | undefined>): boolean;
