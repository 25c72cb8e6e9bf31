/** Which part of "Theo dõi xử lý" is shown, and the unit the lists are narrowed to. */
import { create } from 'zustand';

export type FollowupView = 'lists' | 'tasks' | 'dashboard' | 'units';

interface FollowupState {
  view: FollowupView;
  /** Unit code, or '' for every unit. */
  unit: string;
  show(view: FollowupView): void;
  setUnit(unit: string): void;
}

export const useFollowup = create<FollowupState>((set) => ({
  view: 'lists',
  unit: '',
  show(view) {
    set({ view });
  },
  setUnit(unit) {
    set({ unit });
  },
}));
