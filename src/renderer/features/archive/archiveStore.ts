/** The archive screen's place: which part is open and which dossier or hand-over is shown. */
import { create } from 'zustand';

export type ArchivePart = 'plan' | 'dossiers' | 'handover' | 'destruction' | 'holds' | 'usage';

interface ArchiveState {
  part: ArchivePart;
  dossierId: number | null;
  /** Bumped after a write so the lists read again. */
  tick: number;
  show(part: ArchivePart): void;
  openDossier(id: number | null): void;
  changed(): void;
}

export const useArchive = create<ArchiveState>((set, get) => ({
  part: 'plan',
  dossierId: null,
  tick: 0,
  show(part) {
    set({ part, dossierId: null });
  },
  openDossier(id) {
    set({ part: 'dossiers', dossierId: id });
  },
  changed() {
    set({ tick: get().tick + 1 });
  },
}));
