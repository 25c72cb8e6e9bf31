/** The organisation's units (phòng, ban) for the direction dialog, the lists' filters and the board. */
import { create } from 'zustand';
import type { Unit } from '../../../shared/domain/workflow';
import type { AppError } from '../../../shared/result';
import { call } from '../../api/client';

interface UnitsState {
  units: Unit[];
  loaded: boolean;
  load(): Promise<void>;
  add(code: string, name: string): Promise<{ ok: true; unit: Unit } | { ok: false; error: AppError }>;
}

export const useUnits = create<UnitsState>((set, get) => ({
  units: [],
  loaded: false,
  async load() {
    const r = await call('unit.list', {});
    if (r.ok) set({ units: r.value, loaded: true });
  },
  async add(code, name) {
    const r = await call('unit.add', { code, name });
    if (!r.ok) return { ok: false, error: r.error };
    await get().load();
    return { ok: true, unit: r.value };
  },
}));

export function unitLabel(units: Unit[], code: string): string {
  const u = units.find((x) => x.code === code);
  return u ? u.name : code;
}
