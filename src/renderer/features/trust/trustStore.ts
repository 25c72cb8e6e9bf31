/**
 * The office's trust store as the screens show it: one list, read by the administrator's
 * screen and the verify panel alike, reloaded after every change.
 */
import { create } from 'zustand';
import type { TrustAnchorView } from '../../../shared/apiTypes';
import { call } from '../../api/client';

interface TrustState {
  certificates: TrustAnchorView[] | null;
  error: string | null;
  load(): Promise<void>;
}

export const useTrust = create<TrustState>((set) => ({
  certificates: null,
  error: null,
  async load() {
    const r = await call('trust.list', {});
    if (r.ok) set({ certificates: r.value, error: null });
    else set({ error: r.error.message });
  },
}));
