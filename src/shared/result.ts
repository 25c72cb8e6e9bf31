/**
 * Errors are values with stable codes at every boundary (service, IPC, CLI, HTTP).
 * `code` is the contract other tools rely on; `message` is for people (Vietnamese).
 */
export interface AppError {
  code: string;
  field?: string;
  message: string;
  /** Machine-readable extras, e.g. the existing document of a refused duplicate. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error });

/** Thrown inside services so a transaction rolls back; converted to a Result at the boundary. */
export class AppFailure extends Error {
  constructor(
    readonly error: AppError,
    /** Several problems at once (validation, import rows). The first is `error`. */
    readonly all: AppError[] = [error],
    /** What the command still reports on stdout when refused (e.g. an import's bad rows). */
    readonly result?: unknown,
  ) {
    super(`${error.code}${error.field ? ` (${error.field})` : ''}: ${error.message}`);
    this.name = 'AppFailure';
  }
}

export function isAppFailure(e: unknown): e is AppFailure {
  return e instanceof AppFailure;
}
