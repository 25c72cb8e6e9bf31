// Types of scripts/web.mjs for the TypeScript tests and benchmark that import it.
export const RENDERER_OUT: string;
export const RENDERER_INPUTS: string[];
export const WEB_ENTRY: string;
export function rendererStale(): string | null;
export function ensureRenderer(opts?: { log?: (message: string) => void }): boolean;
