/** Opaque keyset cursors: clients pass back what they got and never build one. */
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';

export interface CursorBody {
  /** Which listing the cursor belongs to, so a search cursor is not fed to a list. */
  kind: string;
  key: number;
  rank?: number;
}

export function encodeCursor(c: CursorBody): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(s: string | null | undefined, kind: string): CursorBody | undefined {
  if (s === undefined || s === null || s === '') return undefined;
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as CursorBody;
    if (c.kind === kind && Number.isSafeInteger(c.key) && (c.rank === undefined || Number.isFinite(c.rank))) return c;
  } catch {
    /* fall through */
  }
  throw new AppFailure(makeError('invalid_cursor', { field: 'cursor' }));
}
