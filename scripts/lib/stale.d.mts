// Types of scripts/lib/stale.mjs for the TypeScript tests.
export const CONFIG_FILES: string[];
export const HASHES_FILE: string;
export function staleReason(root: string): string | null;
export function sha256(file: string): string;
