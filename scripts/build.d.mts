// Types of scripts/build.mjs for the TypeScript tests and benchmark that import it.
export const ROOT: string;
export const OUT: string;
export const ENTRIES: Record<string, string>;
export function staleReason(root?: string): string | null;
export function build(opts?: { quiet?: boolean; ifStale?: boolean }): Promise<{ built: boolean; ms?: number; inputs?: number }>;
