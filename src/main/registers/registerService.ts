/**
 * Registers ("sổ văn bản") and their yearly numbering. Decree 30 Art. 22.2: the arrival
 * number runs from 1 each calendar year, one sequence for paper and electronic documents;
 * confidential documents are registered in a separate book.
 */
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { Secrecy } from '../../shared/domain/enums.js';
import type { Direction, RegisterRow, Repositories } from '../store/ports.js';

export const DEFAULT_REGISTERS: readonly Omit<RegisterRow, 'id'>[] = [
  { code: 'DEN', name: 'Sổ đăng ký văn bản đến', direction: 'incoming', confidential: false },
  { code: 'DEN-MAT', name: 'Sổ đăng ký văn bản mật đến', direction: 'incoming', confidential: true },
  { code: 'DI', name: 'Sổ đăng ký văn bản đi', direction: 'outgoing', confidential: false },
  { code: 'DI-MAT', name: 'Sổ đăng ký văn bản mật đi', direction: 'outgoing', confidential: true },
];

export async function ensureDefaultRegisters(repos: Repositories, at: string): Promise<RegisterRow[]> {
  const created: RegisterRow[] = [];
  for (const r of DEFAULT_REGISTERS) {
    if (!(await repos.registers.byCode(r.code))) created.push(await repos.registers.create(r, at));
  }
  return created;
}

/**
 * The register a document goes to: the one asked for, or the default of its secrecy.
 * A confidential document never lands in an ordinary book, nor the reverse.
 */
export async function resolveIncomingRegister(
  repos: Repositories,
  code: string | null | undefined,
  secrecy: Secrecy,
  /** Lookups already made in this transaction (bulk imports resolve the same few registers). */
  cache?: Map<string, RegisterRow | null>,
): Promise<RegisterRow> {
  const confidential = secrecy !== 'normal';
  const wanted = incomingRegisterCode(code, secrecy);
  let reg = cache?.get(wanted);
  if (reg === undefined) {
    reg = await repos.registers.byCode(wanted);
    cache?.set(wanted, reg);
  }
  if (!reg || reg.direction !== ('incoming' satisfies Direction)) throw registerRefusal('unknown_register', wanted);
  if (reg.confidential !== confidential) throw registerRefusal('register_mismatch', wanted);
  return reg;
}

/** The code of the register a document goes to: the one asked for, or the default of its secrecy. */
export function incomingRegisterCode(code: string | null | undefined, secrecy: Secrecy): string {
  return code ?? (secrecy !== 'normal' ? 'DEN-MAT' : 'DEN');
}

/** The refusal of a register that is not an incoming one, or not of the document's kind (confidential or not). */
export function registerRefusal(why: 'unknown_register' | 'register_mismatch', wanted: string): AppFailure {
  return why === 'unknown_register'
    ? new AppFailure(makeError('unknown_register', { field: 'register', params: { value: wanted } }))
    : new AppFailure(makeError('register_mismatch', { field: 'register' }));
}
