/** Messages between the capture client (client.ts) and its worker thread (captureWorker.ts). */
import type { EngineProgress, EngineResult, ExtractRequest } from './engine.js';
import type { SearchableRequest } from './searchablePdf.js';

export type ToCapture =
  { type: 'extract'; id: number; req: ExtractRequest } | { type: 'searchable'; id: number; req: SearchableRequest } | { type: 'close' };

export type FromCapture =
  | ({ type: 'progress'; id: number } & EngineProgress)
  | { type: 'extracted'; id: number; result: EngineResult }
  | { type: 'searchable'; id: number; bytes: Uint8Array }
  | { type: 'error'; id: number; code: string; reason: string };
