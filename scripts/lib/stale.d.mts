// Types of scripts/lib/stale.mjs for the TypeScript tests.
export const CONFIG_FILES: string[];
export function staleReason(root: string): string | null;
