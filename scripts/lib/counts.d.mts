// Types of scripts/lib/counts.mjs for the TypeScript tests.
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
  skips: string[];
}
export function countPlaywright(report: unknown): Counts;
export function countVitest(testModules: unknown[], unhandledErrors?: unknown[]): Counts;
