import type { Report } from '../../shared/domain/workflow.js';
import type { ExportOptions } from './exportReport.js';

/** Placeholder until the spreadsheet layout lands; see the issue note. */
export async function renderReportXlsx(_report: Report, _opts: ExportOptions): Promise<Uint8Array> {
  throw new Error('not implemented');
}
