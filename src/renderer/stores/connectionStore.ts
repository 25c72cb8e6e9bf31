/**
 * Whether the database answers. Set by every API result (see api/client.ts): an answer of
 * `db_unavailable` (the office's database server cannot be reached) raises the banner, any
 * other answer lowers it. While it is up, the banner itself retries.
 */
import { create } from 'zustand';

interface ConnectionState {
  down: boolean;
  message: string | null;
  since: number | null;
  report(code: string | null, message?: string): void;
}

export const useConnection = create<ConnectionState>((set, get) => ({
  down: false,
  message: null,
  since: null,
  report(code, message) {
    if (code === 'db_unavailable') {
      if (!get().down) set({ down: true, message: message ?? null, since: Date.now() });
    } else if (get().down) {
      set({ down: false, message: null, since: null });
    }
  },
}));
