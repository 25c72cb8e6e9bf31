/** How the CLI reports: one JSON value on stdout with --json, readable text otherwise. */
import type { AppError } from '../../shared/result.js';

/** Codes that mean "the request was wrong" (exit 2) rather than "something failed" (exit 1). */
const SYSTEM_CODES = new Set(['busy', 'db_newer', 'db_corrupt', 'not_initialized', 'backup_failed', 'internal', 'network_filesystem']);

export function exitCodeFor(error: AppError): number {
  return SYSTEM_CODES.has(error.code) ? 1 : 2;
}

export function printResult(value: unknown, json: boolean): void {
  process.stdout.write(json ? JSON.stringify(value) + '\n' : JSON.stringify(value, null, 2) + '\n');
}

export function printError(error: AppError, json: boolean, all?: AppError[]): void {
  if (json) {
    const body: Record<string, unknown> = { error: { ...flatten(error) } };
    if (all && all.length > 1) body.errors = all.map(flatten);
    process.stderr.write(JSON.stringify(body) + '\n');
    return;
  }
  for (const e of all && all.length ? all : [error]) {
    process.stderr.write(`Lỗi [${e.code}]${e.field ? ` ${e.field}` : ''}: ${e.message}\n`);
  }
}

/** Details (e.g. `existing` of a duplicate) sit beside code/field/message for scripts. */
function flatten(e: AppError): Record<string, unknown> {
  const { details, ...rest } = e;
  return { ...rest, ...(details ?? {}) };
}
