/**
 * The draft of the document being registered. Kept outside the form component so a clerk
 * who opens another document halfway through typing finds the draft intact on return.
 */
import { create } from 'zustand';
import { emptyValues, type FormValues } from '../features/register-form/formModel';

export interface DraftAttachment {
  key: string;
  fileName: string;
  size: number;
  read(): Promise<Uint8Array<ArrayBuffer>>;
}

interface DraftState {
  values: FormValues;
  attachments: DraftAttachment[];
  /** "Đã vào sổ số đến N" after the last save, until the next edit. */
  savedNote: string | null;
  setValue<K extends keyof FormValues>(key: K, value: FormValues[K]): void;
  addAttachments(files: DraftAttachment[]): void;
  removeAttachment(key: string): void;
  clear(savedNote?: string | null): void;
}

export const useDraft = create<DraftState>((set, get) => ({
  values: emptyValues(),
  attachments: [],
  savedNote: null,
  setValue(key, value) {
    set({ values: { ...get().values, [key]: value } });
  },
  addAttachments(files) {
    const known = new Set(get().attachments.map((a) => a.key));
    set({ attachments: [...get().attachments, ...files.filter((f) => !known.has(f.key))] });
  },
  removeAttachment(key) {
    set({ attachments: get().attachments.filter((a) => a.key !== key) });
  },
  clear(savedNote = null) {
    set({ values: emptyValues(), attachments: [], savedNote });
  },
}));
