/** How the CLI reports: one JSON value on stdout with --json, readable text otherwise. */
import type { AppError } from '../../shared/result.js';

/** Codes that mean "the request was wrong" (exit 2) rather than "something failed" (exit 1). */
const SYSTEM_CODES = new Set(['busy', 'db_newer', 'db_corrupt', 'not_initialized', 'backup_failed', 'internal', 'network_filesystem']);

export function exitCodeFor(error: AppError): number {
  return SYSTEM_CODES.has(error.code) ? 1 : 2;
}

/** A result with a readable form of its own (e.g. the text of `ocr`): printed as text, or as its JSON with --json. */
export class Readable {
  constructor(
    readonly text: string,
    readonly json: unknown,
  ) {}

  /** Batch mode and anything else that serialises the result gets the JSON form. */
  toJSON(): unknown {
    return this.json;
  }
}

export function printResult(value: unknown, json: boolean): void {
  if (value instanceof Readable) {
    process.stdout.write(json ? JSON.stringify(value.json) + '\n' : value.text.endsWith('\n') ? value.text : value.text + '\n');
    return;
  }
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
