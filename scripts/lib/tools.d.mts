// Types of scripts/lib/tools.mjs for the TypeScript tests.
export interface ToolContext {
  env: Record<string, string | undefined>;
  exists: (file: string) => boolean;
  executable: (file: string) => boolean;
}
export interface Tool {
  tool: string;
  why: string;
  find: (ctx: ToolContext) => string | null;
  apt: string | null;
  dnf: string | null;
  brew: string | null;
}
export type System = 'debian' | 'fedora' | 'macos' | 'windows' | 'other';
export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}
export const TOOLS: Tool[];
export function defaultContext(env?: Record<string, string | undefined>): ToolContext;
export function which(name: string, ctx: ToolContext): string | null;
export function missingTools(ctx?: ToolContext, tools?: Tool[]): Tool[];
export function detectSystem(platform?: string, osRelease?: Record<string, string>): System;
export function packagesFor(missing: Tool[], system: System): { packages: string[]; unpackaged: Tool[] };
export function installCommand(system: System, packages: string[], isRoot: boolean): string | null;
export function missingReport(missing: Tool[], system: System, isRoot: boolean): string;
export function ensureTools(opts?: {
  ctx?: ToolContext;
  system?: System;
  isRoot?: boolean;
  run?: (cmd: string, args: string[], env?: Record<string, string>) => RunResult;
  log?: (message: string) => void;
  tools?: Tool[];
}): { ok: boolean; installed: string[]; message: string | null };
