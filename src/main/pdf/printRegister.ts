/** Prints a register-year as the Appendix IV book (for the CLI, the app and the web host). */
import { hiddenError, incomingVisibility, outgoingVisibility, type Viewer } from '../accounts/visibility.js';
import { appendAudit } from '../audit/auditLog.js';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { toVnIso } from '../../shared/text/dates.js';
import type { Clock } from '../clock.js';
import { renderIncomingRegisterBook, renderOutgoingRegisterBook, type RegisterBookInput } from './registerBook.js';
import type { Direction, Repositories, Store } from '../store/ports.js';

/** What printing a register book needs: the store to read the year from, and the clock for "printed at". */
export interface BookDeps {
  store: Store;
  clock: Clock;
}

export interface BookPdf {
  bytes: Uint8Array;
  register: string;
  year: number;
  documents: number;
  fileName: string;
}

/** Loads a register-year of one direction and renders its book; the register must be of that direction. */
async function buildBook<T>(
  deps: BookDeps,
  p: { register: string; year: number },
  direction: Direction,
  load: (repos: Repositories, registerId: number, year: number) => Promise<T[]>,
  render: (input: RegisterBookInput<T>) => Promise<Uint8Array>,
  viewer?: Viewer,
): Promise<BookPdf> {
  if (!Number.isInteger(p.year) || p.year < 1900 || p.year > 2999) {
    throw new AppFailure(makeError('invalid_number', { field: 'year', params: { min: 1900, max: 2999 } }));
  }
  const method = direction === 'incoming' ? 'register.print' : 'outgoing.registerPrint';
  const { register, documents, org, refused } = await deps.store.read(async (repos) => {
    const reg = await repos.registers.byCode(p.register);
    if (!reg || reg.direction !== direction) {
      throw new AppFailure(makeError('unknown_register', { field: 'register', params: { value: p.register } }));
    }
    // The book of a confidential register is itself confidential: refused (audited) without the grant.
    if (viewer && reg.confidential && !(viewer.confidential && viewer.reader))
      return { register: reg, documents: [], org: null, refused: true };
    return { register: reg, documents: await load(repos, reg.id, p.year), org: await repos.meta.get('org_name'), refused: false };
  });
  if (refused) await refuseBook(deps, viewer!, register, method);
  const bytes = await render({
    orgName: org,
    register: { code: register.code, name: register.name },
    year: p.year,
    documents,
    printedAt: toVnIso(deps.clock()),
  });
  return {
    bytes,
    register: register.code,
    year: p.year,
    documents: documents.length,
    fileName: `so-${register.code.toLowerCase()}-${p.year}.pdf`,
  };
}

/** "Sổ đăng ký văn bản đến" of a register-year, in arrival-number order. */
export function buildIncomingRegisterPdf(deps: BookDeps, p: { register: string; year: number }, viewer?: Viewer): Promise<BookPdf> {
  const visible = incomingVisibility(viewer);
  return buildBook(deps, p, 'incoming', (r, id, y) => r.incoming.forBook(id, y, visible), renderIncomingRegisterBook, viewer);
}

async function refuseBook(deps: BookDeps, v: Viewer, register: { id: number; code: string }, method: string): Promise<never> {
  await deps.store.write((repos) =>
    appendAudit(repos, toVnIso(deps.clock()), {
      actor: v.username,
      action: 'refused',
      entity: 'register',
      entityId: register.id,
      data: { method, reason: 'confidential', register: register.code },
    }),
  );
  throw new AppFailure(hiddenError(method, 'confidential'));
}

export async function printIncomingRegister(
  deps: BookDeps,
  p: { register: string; year: number; out: string },
  viewer?: Viewer,
): Promise<{ path: string; register: string; year: number; documents: number; bytes: number }> {
  const book = await buildIncomingRegisterPdf(deps, p, viewer);
  const out = writeFileAtomic(p.out, book.bytes);
  return { path: out, register: book.register, year: book.year, documents: book.documents, bytes: book.bytes.length };
}

/** "Sổ đăng ký văn bản đi" of a register-year: the numbered documents in number order. */
export function buildOutgoingRegisterPdf(deps: BookDeps, p: { register: string; year: number }, viewer?: Viewer): Promise<BookPdf> {
  const visible = outgoingVisibility(viewer);
  return buildBook(deps, p, 'outgoing', (r, id, y) => r.outgoing.forBook(id, y, visible), renderOutgoingRegisterBook, viewer);
}

/** Writes bytes atomically (temp + rename): a half-written PDF never looks complete. */
export function writeFileAtomic(out: string, bytes: Uint8Array): string {
  const abs = path.resolve(out);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new AppFailure({ code: 'write_failed', field: 'out', message: `Không ghi được tệp ${abs}: ${(e as Error).message}` });
  }
  return abs;
}
