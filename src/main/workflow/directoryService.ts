/** The organisation's units (departments, divisions) and people, importable from CSV. */
import type { Unit } from '../../shared/domain/workflow.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure, type AppError } from '../../shared/result.js';
import { toVnIso } from '../../shared/text/dates.js';
import { fold, hasControlChars, nfc, tidySpaces } from '../../shared/text/vietnamese.js';
import { appendAudit, AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { Repositories, Store } from '../store/ports.js';

const CODE_RE = /^[A-Z0-9Đ][A-Z0-9Đ_.-]{0,19}$/u;

function checkUnit(code: unknown, name: unknown): { code: string; name: string; errors: AppError[] } {
  const errors: AppError[] = [];
  const c = typeof code === 'string' ? nfc(code).trim().toUpperCase() : '';
  const n = typeof name === 'string' ? tidySpaces(nfc(name)) : '';
  if (!c) errors.push(makeError('required', { field: 'code' }));
  else if (!CODE_RE.test(c))
    errors.push({
      code: 'invalid_code',
      field: 'code',
      message: `Mã đơn vị «${c}» chỉ gồm chữ in hoa, số, «-», «.», «_» (tối đa 20 ký tự).`,
    });
  if (!n) errors.push(makeError('required', { field: 'name' }));
  else if (hasControlChars(n)) errors.push(makeError('control_chars', { field: 'name' }));
  else if (n.length > 200) errors.push(makeError('too_long', { field: 'name', params: { max: 200 } }));
  return { code: c, name: n, errors };
}

/** csv-parse is loaded by the imports that read CSV, not by every command that opens the directory. */
async function csvRecords(text: string): Promise<Record<string, string>[]> {
  const { parse } = await import('csv-parse/sync');
  try {
    return parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (e) {
    throw new AppFailure({ code: 'invalid_csv', field: 'file', message: `Tệp CSV không đọc được: ${(e as Error).message}` });
  }
}

/** The value of the first column whose heading, folded, is one of `names` ("Mã", "ma don vi", "code"…). */
function pick(row: Record<string, string>, names: string[]): string | undefined {
  for (const [k, v] of Object.entries(row)) if (names.includes(fold(k).trim())) return v;
  return undefined;
}

export async function unitIdOf(repos: Repositories, code: unknown, field = 'unit'): Promise<Unit> {
  const c = typeof code === 'string' ? nfc(code).trim().toUpperCase() : '';
  const u = c ? await repos.workflow.unitByCode(c) : null;
  // Nothing chosen reads as such (a form's empty list), not as a unit with an empty code.
  if (!u) throw new AppFailure({ code: 'unknown_unit', field, message: c ? `Không có đơn vị mã «${String(code)}».` : 'Chưa chọn đơn vị.' });
  return u;
}

export class DirectoryService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async addUnit(code: unknown, name: unknown, actor: string): Promise<Unit> {
    const u = checkUnit(code, name);
    if (u.errors.length) throw new AppFailure(u.errors[0]!, u.errors);
    const at = toVnIso(this.clock());
    return this.store.write(async (repos) => {
      if (await repos.workflow.unitByCode(u.code)) {
        throw new AppFailure({ code: 'duplicate_unit', field: 'code', message: `Đã có đơn vị mã «${u.code}».` });
      }
      const unit = await repos.workflow.addUnit(u.code, u.name, at);
      await appendAudit(repos, at, { actor, action: 'create', entity: 'unit', entityId: unit.id, data: { new: unit } });
      return unit;
    });
  }

  listUnits(): Promise<Unit[]> {
    return this.store.read((r) => r.workflow.listUnits());
  }

  /**
   * Units from CSV with headings code,name (or "Mã","Tên đơn vị"); all-or-nothing, every
   * bad row listed; existing codes are kept as they are.
   */
  async importUnits(
    csvText: string,
    actor: string,
  ): Promise<{ imported: number; existing: number; rejected: { line: number; field?: string; code: string; message: string }[] }> {
    const rows = await csvRecords(csvText);
    const rejected: { line: number; field?: string; code: string; message: string }[] = [];
    const good: { code: string; name: string }[] = [];
    rows.forEach((r, i) => {
      const u = checkUnit(pick(r, ['code', 'ma', 'ma don vi']), pick(r, ['name', 'ten', 'ten don vi']));
      for (const e of u.errors) rejected.push({ line: i + 2, ...(e.field ? { field: e.field } : {}), code: e.code, message: e.message });
      if (!u.errors.length) good.push(u);
    });
    if (rejected.length) {
      const err: AppError = {
        code: 'import_failed',
        message: `Tệp có ${new Set(rejected.map((r) => r.line)).size} dòng lỗi; không dòng nào được nhập.`,
      };
      throw new AppFailure(err, [err], { imported: 0, existing: 0, rejected });
    }
    const at = toVnIso(this.clock());
    return this.store.write(async (repos) => {
      const audit = await AuditWriter.begin(repos, at);
      let imported = 0;
      let existing = 0;
      for (const u of good) {
        if (await repos.workflow.unitByCode(u.code)) {
          existing++;
          continue;
        }
        const unit = await repos.workflow.addUnit(u.code, u.name, at);
        await audit.append({ actor, action: 'create', entity: 'unit', entityId: unit.id, data: { new: unit, source: 'import' } });
        imported++;
      }
      await audit.finish();
      return { imported, existing, rejected };
    });
  }

  /** People from CSV (fullName/"Họ và tên", unit/"Đơn vị", role/"Chức vụ"); all-or-nothing. */
  async importPeople(
    csvText: string,
    actor: string,
  ): Promise<{ imported: number; rejected: { line: number; field?: string; code: string; message: string }[] }> {
    const rows = await csvRecords(csvText);
    const at = toVnIso(this.clock());
    const rejected: { line: number; field?: string; code: string; message: string }[] = [];
    return this.store.write(async (repos) => {
      const audit = await AuditWriter.begin(repos, at);
      let imported = 0;
      for (const [i, r] of rows.entries()) {
        const line = i + 2;
        const name = tidySpaces(nfc(pick(r, ['fullname', 'ho va ten', 'ho ten']) ?? ''));
        const unitCode = pick(r, ['unit', 'don vi', 'ma don vi']);
        const role = tidySpaces(nfc(pick(r, ['role', 'chuc vu']) ?? '')).slice(0, 100) || null;
        if (!name || name.length > 100 || hasControlChars(name)) {
          rejected.push({
            line,
            field: 'fullName',
            ...makeError(name ? 'too_long' : 'required', { field: 'fullName', params: { max: 100 } }),
          });
          continue;
        }
        let unitId: number | null = null;
        if (unitCode) {
          const u = await repos.workflow.unitByCode(nfc(unitCode).trim().toUpperCase());
          if (!u) {
            rejected.push({ line, field: 'unit', code: 'unknown_unit', message: `Không có đơn vị mã «${unitCode}».` });
            continue;
          }
          unitId = u.id;
        }
        const id = await repos.workflow.addPerson({ fullName: name, unitId, role }, at);
        await audit.append({
          actor,
          action: 'create',
          entity: 'person',
          entityId: id,
          data: { new: { fullName: name, unit: unitCode ?? null, role }, source: 'import' },
        });
        imported++;
      }
      if (rejected.length) {
        const err: AppError = {
          code: 'import_failed',
          message: `Tệp có ${new Set(rejected.map((x) => x.line)).size} dòng lỗi; không dòng nào được nhập.`,
        };
        throw new AppFailure(err, [err], { imported: 0, rejected });
      }
      await audit.finish();
      return { imported, rejected };
    });
  }

  async addPerson(input: { fullName?: unknown; unit?: unknown; role?: unknown }, actor: string): Promise<{ id: number }> {
    const name = typeof input.fullName === 'string' ? tidySpaces(nfc(input.fullName)) : '';
    if (!name) throw new AppFailure(makeError('required', { field: 'fullName' }));
    if (name.length > 100 || hasControlChars(name))
      throw new AppFailure(makeError('too_long', { field: 'fullName', params: { max: 100 } }));
    const role = typeof input.role === 'string' ? tidySpaces(nfc(input.role)).slice(0, 100) || null : null;
    const at = toVnIso(this.clock());
    return this.store.write(async (repos) => {
      const unit = input.unit === undefined || input.unit === null ? null : await unitIdOf(repos, input.unit);
      const id = await repos.workflow.addPerson({ fullName: name, unitId: unit?.id ?? null, role }, at);
      await appendAudit(repos, at, {
        actor,
        action: 'create',
        entity: 'person',
        entityId: id,
        data: { new: { fullName: name, unit: unit?.code ?? null, role } },
      });
      return { id };
    });
  }

  listPeople() {
    return this.store.read((r) => r.workflow.listPeople());
  }
}
