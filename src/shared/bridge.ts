/**
 * The type of `window.vanthu`, the object the Electron preload exposes to the page.
 * Type-only: the renderer imports it to call the desktop shell without knowing IPC exists.
 * (Declare the global in the renderer, e.g. `declare global { interface Window { vanthu?: VanThuBridge } }`,
 * so browser mode, where the bridge is absent, stays type-correct.)
 */
import type { InputOf, MethodName, OutputOf } from './contract.js';
import type { MenuEvent } from './menuEvents.js';
import type { Result } from './result.js';

/** A file filter of the native open dialog: `{ name: 'Tệp CSV', extensions: ['csv'] }`. */
export interface FileFilter {
  name: string;
  /** Without the dot; at most 20 per filter. */
  extensions: string[];
}

export interface PickFilesInput {
  /** Dialog title (Vietnamese). */
  title?: string;
  filters?: FileFilter[];
  /** Allow choosing several files (default false). */
  multiple?: boolean;
}

/** A file the clerk chose in the native open dialog, read by the main process. */
export interface PickedFile {
  fileName: string;
  /** Over a plain ArrayBuffer, so it can go straight into contract inputs (import.start, incoming.add). */
  bytes: Uint8Array<ArrayBuffer>;
}

export interface SavePdfInput {
  /** File name proposed in the save dialog, e.g. "So-den-2026.pdf" (a name, not a path). */
  suggestedName?: string;
  /** Accepted as an alias of suggestedName. */
  fileName?: string;
  /** The PDF itself; must start with "%PDF-". (Not a view over a SharedArrayBuffer: IPC cannot clone those.) */
  bytes: Uint8Array<ArrayBuffer>;
  /** Dialog title (Vietnamese). */
  title?: string;
}

/** Shell methods that exist only in the desktop app (native dialogs). */
export interface ShellBridge {
  /** Opens the native open dialog and returns the chosen files' contents; [] when cancelled. */
  pickFiles(input: PickFilesInput): Promise<Result<PickedFile[]>>;
  /** Opens the native save dialog and writes the PDF there atomically; the saved path, or null when cancelled. */
  savePdf(input: SavePdfInput): Promise<Result<string | null>>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
}

export type ContractBridge = { [M in MethodName]: (input: InputOf<M>) => Promise<Result<OutputOf<M>>> };

export type VanThuBridge = ContractBridge & ShellBridge;

export type ShellMethodName = keyof ShellBridge;
